import type { ProviderAccount, ProviderAccountStatus } from './providerAccount';

/**
 * Event types of an `evidenceaccount-<accountId>` stream. No tokens, ever. Registration is
 * appended at schema version 2, with the label sealed; version 1 events, label in clear, stay
 * readable.
 */
export const PROVIDER_ACCOUNT_REGISTERED = 'ProviderAccountRegistered';
export const PROVIDER_ACCOUNT_REGISTERED_VERSION = 2;
export const PROVIDER_ACCOUNT_STATUS_CHANGED = 'ProviderAccountStatusChanged';

export const PROVIDER_ACCOUNT_STATUSES: readonly ProviderAccountStatus[] = ['active', 'revoked', 'needs_relink'];

export function isProviderAccountStatus(value: unknown): value is ProviderAccountStatus {
  return typeof value === 'string' && (PROVIDER_ACCOUNT_STATUSES as readonly string[]).includes(value);
}

export function providerAccountStreamId(accountId: string): string {
  return `evidenceaccount-${accountId}`;
}

export type ProviderAccountEvent =
  | ReturnType<typeof providerAccountRegistered>
  | { type: typeof PROVIDER_ACCOUNT_STATUS_CHANGED; data: { accountId: string; status: ProviderAccountStatus } };

export function providerAccountRegistered(accountId: string, label: string) {
  return {
    type: PROVIDER_ACCOUNT_REGISTERED as typeof PROVIDER_ACCOUNT_REGISTERED,
    schemaVersion: PROVIDER_ACCOUNT_REGISTERED_VERSION,
    data: { accountId, provider: 'gmail' as const, status: 'active' as const },
    personal: { label },
  };
}

/** A registration event as read back: its clear data, and its personal part when it was opened. */
export interface StoredAccountEvent {
  type: string;
  data: Record<string, unknown>;
  personal?: Record<string, unknown> | null;
  personalState?: string;
}

/** The label a registration holds: sealed since v2, in clear in v1; null once the stream is shredded. */
export function labelOf(event: StoredAccountEvent): Pick<ProviderAccount, 'label' | 'labelState'> {
  const sealed = event.personal?.label;
  if (typeof sealed === 'string') return { label: sealed, labelState: 'present' };
  const clear = event.data.label;
  if (typeof clear === 'string') return { label: clear, labelState: 'present' };
  return { label: null, labelState: 'erased' };
}

/** The account a stream's events describe, or null before it was registered. */
export function foldProviderAccount(events: Iterable<StoredAccountEvent>): ProviderAccount | null {
  let account: ProviderAccount | null = null;
  for (const event of events) {
    if (event.type === PROVIDER_ACCOUNT_REGISTERED) {
      const { accountId, status } = event.data;
      account = {
        id: String(accountId),
        provider: 'gmail',
        ...labelOf(event),
        status: isProviderAccountStatus(status) ? status : 'active',
      };
    } else if (event.type === PROVIDER_ACCOUNT_STATUS_CHANGED && account !== null) {
      const status = event.data.status;
      if (isProviderAccountStatus(status)) account = { ...(account as ProviderAccount), status };
    }
  }
  return account;
}
