import { EvidenceError } from '../evidenceError';

export type ProviderAccountStatus = 'active' | 'revoked' | 'needs_relink';

/** `erased`: the account's stream was shredded, and its label with it. */
export type LabelState = 'present' | 'erased';

export interface ProviderAccount {
  id: string;
  provider: 'gmail';
  /** Sealed in the ledger, opened at read time; null once erased. */
  label: string | null;
  labelState: LabelState;
  status: ProviderAccountStatus;
}

/** What a caller may see of an account when asked to choose one: never tokens. */
export interface AccountCandidate {
  id: string;
  label: string | null;
}

/**
 * C-06: never pick a default. With one active account and none named, that one is meant;
 * with several and none named, the caller must choose, and the error lists the candidates.
 */
export function selectProviderAccount(accounts: readonly ProviderAccount[], requestedId?: string): ProviderAccount {
  if (requestedId !== undefined) {
    const account = accounts.find((a) => a.id === requestedId);
    if (!account)
      throw new EvidenceError('EVIDENCE.PROVIDER_ACCOUNT_NOT_FOUND', `provider account ${requestedId} not found`, {
        providerAccountId: requestedId,
      });
    if (account.status !== 'active') {
      throw new EvidenceError(
        'EVIDENCE.PROVIDER_ACCOUNT_INACTIVE',
        `provider account ${requestedId} is ${account.status}`,
        {
          providerAccountId: requestedId,
          status: account.status,
        },
      );
    }
    return account;
  }
  const active = accounts.filter((a) => a.status === 'active');
  if (active.length === 1 && accounts.length === 1) return active[0];
  const candidates: AccountCandidate[] = accounts.map(({ id, label }) => ({ id, label }));
  throw new EvidenceError(
    'EVIDENCE.PROVIDER_ACCOUNT_SELECTION_REQUIRED',
    accounts.length === 0
      ? 'the org has no provider account'
      : 'name a providerAccountId: the org has several accounts',
    { candidates },
  );
}
