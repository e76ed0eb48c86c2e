import { randomUUID } from 'node:crypto';
import type { RequestContext } from '@ledger/tenancy';
import {
  foldProviderAccount,
  isProviderAccountStatus,
  labelOf,
  PROVIDER_ACCOUNT_STATUS_CHANGED,
  PROVIDER_ACCOUNT_STATUSES,
  providerAccountRegistered,
  providerAccountStreamId,
  type StoredAccountEvent,
} from '../accounts/accountEvents';
import type { ProviderAccount, ProviderAccountStatus } from '../accounts/providerAccount';
import { EvidenceError, invalidField, notFound } from '../evidenceError';
import { liveGeneration, type EvidenceDeps } from '../app/evidenceDeps';
import { runCommand, type CommandDeps, type RequestCommand } from '@ledger/host';
import { hasCode } from '../app/hasCode';
import { rejectUnknownFields, requireId, requireText } from '../app/validateInput';

export const MAX_LABEL_LENGTH = 100;

export interface RegisterProviderAccountInput {
  /** Generated (a UUID) when absent. */
  id?: string;
  provider: 'gmail';
  /** A nickname for the mailbox ("Work"), not an address. */
  label: string;
}

function accountExists(id: string): EvidenceError {
  return new EvidenceError('EVIDENCE.PROVIDER_ACCOUNT_EXISTS', `provider account ${id} already exists`, {
    field: 'id',
    providerAccountId: id,
  });
}

/** An account's stream, folded to the account it describes (null before it was registered). */
function accountStream(accountId: string): Omit<RequestCommand<AccountEvents>, 'decide'> {
  return {
    streamId: providerAccountStreamId(accountId),
    initialState: () => [],
    evolve: (events, event) => [...events, event],
    // The label is sealed: the fold opens it to answer with the account.
    personal: 'decrypt',
    // A conflict reaches the caller: an account changed by someone else is not decided on again.
    maxAttempts: 1,
  };
}

type AccountEvents = readonly StoredAccountEvent[];

export async function registerProviderAccount(
  deps: CommandDeps,
  ctx: RequestContext,
  input: RegisterProviderAccountInput,
): Promise<ProviderAccount> {
  rejectUnknownFields(input, ['id', 'provider', 'label']);
  const id = input.id === undefined ? randomUUID() : requireId('id', input.id);
  if (input.provider !== 'gmail') throw invalidField('provider', 'must be gmail');
  const label = requireText('label', input.label, MAX_LABEL_LENGTH);
  const account: ProviderAccount = { id, provider: 'gmail', label, labelState: 'present', status: 'active' };
  try {
    await runCommand(deps, ctx, {
      ...accountStream(id),
      decide: (_events, stream) => {
        if (stream.revision >= 0) throw accountExists(id);
        return [providerAccountRegistered(id, label)];
      },
    });
  } catch (error) {
    // Registered concurrently, between this command's read and its append.
    if (hasCode(error, 'LEDGER.VERSION_CONFLICT')) throw accountExists(id);
    throw error;
  }
  return account;
}

export async function changeProviderAccountStatus(
  deps: CommandDeps,
  ctx: RequestContext,
  accountId: string,
  input: { status: ProviderAccountStatus },
): Promise<ProviderAccount> {
  requireId('accountId', accountId);
  rejectUnknownFields(input, ['status']);
  const status = input.status;
  if (!isProviderAccountStatus(status)) {
    throw invalidField('status', `must be one of ${PROVIDER_ACCOUNT_STATUSES.join(', ')}`);
  }
  const { state } = await runCommand(deps, ctx, {
    ...accountStream(accountId),
    decide: (events) => {
      const account = foldProviderAccount(events);
      if (account === null || account.status === status) return [];
      return [{ type: PROVIDER_ACCOUNT_STATUS_CHANGED, data: { accountId, status } }];
    },
  });
  const account = foldProviderAccount(state);
  if (!account) throw notFound('EVIDENCE.PROVIDER_ACCOUNT_NOT_FOUND', 'accountId', accountId);
  return { ...account, status };
}

/**
 * The org's accounts in registration order: ids, labels and statuses, never tokens. The read
 * model keeps the registration's event id; labels are opened from the ledger, so a shredded
 * account reads as erased.
 */
export async function listProviderAccounts(deps: EvidenceDeps, ctx: RequestContext): Promise<ProviderAccount[]> {
  const generation = await liveGeneration(deps, ctx.orgId);
  const { rows } = await deps.pool.query<{ account_id: string; registered_event_id: string; status: string }>(
    `SELECT account_id, registered_event_id, status FROM evidence_provider_accounts
      WHERE org_id = $1 AND generation = $2 ORDER BY registered_seq, account_id`,
    [ctx.orgId, generation],
  );
  const registrations = new Map(
    (
      await deps.store.readEvents(
        ctx.orgId,
        rows.map((row) => row.registered_event_id),
        'decrypt',
      )
    ).map((event) => [event.eventId, event]),
  );
  return rows.map((row) => {
    const registration = registrations.get(row.registered_event_id);
    return {
      id: row.account_id,
      provider: 'gmail',
      ...(registration ? labelOf(registration) : { label: null, labelState: 'erased' as const }),
      status: isProviderAccountStatus(row.status) ? row.status : 'active',
    };
  });
}
