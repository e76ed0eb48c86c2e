import { randomUUID } from 'node:crypto';
import { LedgerError } from '@ledger/ledger';
import { eventMetadata, type RequestContext } from '@ledger/tenancy';
import {
  foldProviderAccount,
  isProviderAccountStatus,
  PROVIDER_ACCOUNT_REGISTERED,
  PROVIDER_ACCOUNT_STATUS_CHANGED,
  PROVIDER_ACCOUNT_STATUSES,
  providerAccountStreamId,
} from '../accounts/accountEvents';
import type { ProviderAccount, ProviderAccountStatus } from '../accounts/providerAccount';
import { EvidenceError, invalidField, notFound } from '../evidenceError';
import { liveGeneration, type EvidenceDeps } from './evidenceDeps';
import { rejectUnknownFields, requireId, requireText } from './validateInput';

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

export async function registerProviderAccount(
  deps: EvidenceDeps,
  ctx: RequestContext,
  input: RegisterProviderAccountInput,
): Promise<ProviderAccount> {
  rejectUnknownFields(input, ['id', 'provider', 'label']);
  const id = input.id === undefined ? randomUUID() : requireId('id', input.id);
  if (input.provider !== 'gmail') throw invalidField('provider', 'must be gmail');
  const label = requireText('label', input.label, MAX_LABEL_LENGTH);
  const account: ProviderAccount = { id, provider: 'gmail', label, status: 'active' };
  try {
    const result = await deps.store.append({
      orgId: ctx.orgId,
      streamId: providerAccountStreamId(id),
      expectedRevision: 'no_stream',
      events: [
        {
          type: PROVIDER_ACCOUNT_REGISTERED,
          data: { accountId: id, provider: 'gmail', label, status: 'active' },
          metadata: eventMetadata(ctx),
        },
      ],
    });
    await deps.waiter.waitFor(ctx.orgId, result.positions);
  } catch (error) {
    if (error instanceof LedgerError && error.code === 'LEDGER.VERSION_CONFLICT') throw accountExists(id);
    throw error;
  }
  return account;
}

export async function changeProviderAccountStatus(
  deps: EvidenceDeps,
  ctx: RequestContext,
  accountId: string,
  input: { status: ProviderAccountStatus },
): Promise<ProviderAccount> {
  requireId('accountId', accountId);
  rejectUnknownFields(input, ['status']);
  if (!isProviderAccountStatus(input.status)) {
    throw invalidField('status', `must be one of ${PROVIDER_ACCOUNT_STATUSES.join(', ')}`);
  }
  const streamId = providerAccountStreamId(accountId);
  const events: { type: string; data: Record<string, unknown> }[] = [];
  let revision = -1;
  for await (const event of deps.store.readStream(ctx.orgId, streamId)) {
    events.push(event);
    revision = event.streamRevision;
  }
  const account = foldProviderAccount(events);
  if (!account) throw notFound('EVIDENCE.PROVIDER_ACCOUNT_NOT_FOUND', 'accountId', accountId);
  if (account.status === input.status) return account;
  const result = await deps.store.append({
    orgId: ctx.orgId,
    streamId,
    expectedRevision: revision,
    events: [
      {
        type: PROVIDER_ACCOUNT_STATUS_CHANGED,
        data: { accountId, status: input.status },
        metadata: eventMetadata(ctx),
      },
    ],
  });
  await deps.waiter.waitFor(ctx.orgId, result.positions);
  return { ...account, status: input.status };
}

/** The org's accounts in registration order: ids, labels and statuses, never tokens. */
export async function listProviderAccounts(deps: EvidenceDeps, ctx: RequestContext): Promise<ProviderAccount[]> {
  const generation = await liveGeneration(deps, ctx.orgId);
  const { rows } = await deps.pool.query<{ account_id: string; label: string; status: string }>(
    `SELECT account_id, label, status FROM evidence_provider_accounts
      WHERE org_id = $1 AND generation = $2 ORDER BY registered_seq, account_id`,
    [ctx.orgId, generation],
  );
  return rows.map((row) => ({
    id: row.account_id,
    provider: 'gmail',
    label: row.label,
    status: isProviderAccountStatus(row.status) ? row.status : 'active',
  }));
}
