import type { ProviderAccount, ProviderAccountStatus } from './providerAccount';

/** Event types of an `evidenceaccount-<accountId>` stream, schema version 1. No tokens, ever. */
export const PROVIDER_ACCOUNT_REGISTERED = 'ProviderAccountRegistered';
export const PROVIDER_ACCOUNT_STATUS_CHANGED = 'ProviderAccountStatusChanged';

export const PROVIDER_ACCOUNT_STATUSES: readonly ProviderAccountStatus[] = ['active', 'revoked', 'needs_relink'];

export function isProviderAccountStatus(value: unknown): value is ProviderAccountStatus {
  return typeof value === 'string' && (PROVIDER_ACCOUNT_STATUSES as readonly string[]).includes(value);
}

export function providerAccountStreamId(accountId: string): string {
  return `evidenceaccount-${accountId}`;
}

export type ProviderAccountEvent =
  | {
      type: typeof PROVIDER_ACCOUNT_REGISTERED;
      data: { accountId: string; provider: 'gmail'; label: string; status: ProviderAccountStatus };
    }
  | { type: typeof PROVIDER_ACCOUNT_STATUS_CHANGED; data: { accountId: string; status: ProviderAccountStatus } };

/** The account a stream's events describe, or null before it was registered. */
export function foldProviderAccount(
  events: Iterable<{ type: string; data: Record<string, unknown> }>,
): ProviderAccount | null {
  let account: ProviderAccount | null = null;
  for (const event of events) {
    if (event.type === PROVIDER_ACCOUNT_REGISTERED) {
      const { accountId, label, status } = event.data;
      account = {
        id: String(accountId),
        provider: 'gmail',
        label: String(label),
        status: isProviderAccountStatus(status) ? status : 'active',
      };
    } else if (event.type === PROVIDER_ACCOUNT_STATUS_CHANGED && account !== null) {
      const status = event.data.status;
      if (isProviderAccountStatus(status)) account = { ...(account as ProviderAccount), status };
    }
  }
  return account;
}
