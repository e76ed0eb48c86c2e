import { createInterface } from 'node:readline/promises';

/**
 * Before a switch that drops an org's live generation, a person at a terminal types the org
 * id back (as `heroku pg:reset` asks for the app name). Scripts pass `--yes` or run without a
 * terminal, where they get JSON lines and no prompt.
 */
export async function confirmOrg(
  /** The org id, or the projection name when every outdated org is rebuilt. */
  orgId: string,
  input: NodeJS.ReadableStream = process.stdin,
  output: NodeJS.WritableStream = process.stderr,
): Promise<boolean> {
  const prompt = createInterface({ input, output });
  try {
    const answer = await prompt.question(
      `This rebuilds ${orgId} and replaces its live generation. Type ${orgId} to continue: `,
    );
    return answer.trim() === orgId;
  } finally {
    prompt.close();
  }
}
