import { assertValidEventMessage, createEventValidator, type EventValidator } from '@ledger/contracts';

let closedValidator: EventValidator | undefined;

/**
 * Throws, listing every violation, unless `value` is an event message value that satisfies the
 * schema its type and version name. The validator is the closed one, as a producer's tests use it:
 * a field the contract does not declare fails too. Compiled on first use, once per test file.
 */
export function assertContractMessage(value: string): void {
  let message: unknown;
  try {
    message = JSON.parse(value);
  } catch {
    throw new Error('event message value is not JSON');
  }
  closedValidator ??= createEventValidator({ closed: true });
  assertValidEventMessage(closedValidator, message);
}
