import type { ProjectionHandler } from '@ledger/projections';
import { isProviderAccountStatus } from '../accounts/accountEvents';
import { text } from './tolerantRead';

export const onProviderAccountRegistered: ProjectionHandler = (event, tx) => {
  const accountId = text(event.data.accountId);
  if (!accountId) return;
  // The label is personal (sealed since v2): the row keeps the event that holds it, never the text.
  tx.upsert('evidence_provider_accounts', {
    account_id: accountId,
    provider: 'gmail',
    registered_event_id: event.eventId,
    status: isProviderAccountStatus(event.data.status) ? event.data.status : 'active',
    registered_seq: event.orgSeq,
  });
};

/** An UPDATE, not an upsert: a status change of an account never registered must not invent one. */
export const onProviderAccountStatusChanged: ProjectionHandler = async (event, tx) => {
  const accountId = text(event.data.accountId);
  if (!accountId || !isProviderAccountStatus(event.data.status)) return;
  await tx.query(
    `UPDATE evidence_provider_accounts SET status = $4
      WHERE org_id = $1 AND generation = $2 AND account_id = $3`,
    [tx.orgId, tx.generation, accountId, event.data.status],
  );
};
