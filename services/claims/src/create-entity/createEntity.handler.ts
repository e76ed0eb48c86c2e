import { randomUUID } from 'node:crypto';
import type { RequestContext } from '@ledger/tenancy';
import { decideCreateEntity } from '../entities/decideEntity';
import { requireId } from '../validation';
import { configOf, type CommandDeps } from '../app/claimsDeps';
import type { CreateEntityInput } from '../app/claimsInputs';
import type { EntityReceipt } from '../app/claimsViews';
import { commandEvents, runCommand } from '@ledger/host';
import { revisionAfter } from '../app/commands';
import { entityStream } from '../app/streams';

export async function createEntity(
  deps: CommandDeps,
  ctx: RequestContext,
  input: CreateEntityInput,
): Promise<EntityReceipt> {
  const entityId = requireId('entityId', input.entityId ?? randomUUID());
  // Appending at the revision read makes a concurrent creation of the same id a version conflict.
  const result = await runCommand(deps, ctx, {
    ...entityStream(entityId),
    decide: (state) =>
      commandEvents(decideCreateEntity(state, { entityId, kind: input.kind, label: input.label }, configOf(deps))),
  });
  return { entityId, kind: input.kind, revision: revisionAfter(result) };
}
