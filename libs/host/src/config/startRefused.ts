/**
 * A start-up refusal the user can act on: its message is the whole story in one line (which
 * variable, folder or port, and what to do), so it is printed without a stack.
 */
export class StartRefused extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'StartRefused';
  }
}
