import type { RequestContext } from '@ledger/tenancy';
import { selectProviderAccount } from '../accounts/providerAccount';
import { decideIngest } from '../documents/decideIngest';
import {
  DOCUMENT_INGESTED,
  DOCUMENT_RESURRECTED,
  DOCUMENT_VERSION_ADDED,
  type DocumentEvent,
} from '../documents/documentEvents';
import { documentIdFor, documentStreamId, documentVersionId } from '../documents/documentIdentity';
import type { GmailMessage } from '../documents/gmailMessage';
import { documentStream } from '../app/documentStream';
import { erasedAsConflict } from '../app/erasedStream';
import type { EvidenceDeps } from '../app/evidenceDeps';
import { listProviderAccounts } from '../provider-accounts/providerAccounts.handler';
import { commandEvents, runCommand, type CommandDeps } from '@ledger/host';
import {
  rejectUnknownFields,
  requireId,
  requireInteger,
  requireProviderId,
  requireText,
  requireTextList,
} from '../app/validateInput';

/** Limits that keep one version well inside the ledger's event size. */
export const INGEST_LIMITS = {
  sourceId: 200,
  address: 320,
  recipients: 200,
  subject: 2_000,
  body: 200_000,
  labels: 100,
  label: 200,
  /** The last instant a Date can hold: a later internalDate cannot be formatted as a time (meeting prep does). */
  internalDate: 8_640_000_000_000_000,
} as const;

/** A Gmail-shaped message; the account may be left out when the org has exactly one. */
export type IngestMessageInput = Omit<GmailMessage, 'providerAccountId'> & { providerAccountId?: string };

export interface IngestResult {
  documentId: string;
  documentVersionId: string;
  version: number;
  /** The message was new: version 1 was created. */
  created: boolean;
  /** A version was added (on creation too). False when the source hash was unchanged. */
  newVersion: boolean;
  /** A tombstoned document came back under the same id. */
  resurrected: boolean;
}

const FIELDS = [
  'providerAccountId',
  'messageId',
  'threadId',
  'internalDate',
  'historyId',
  'from',
  'to',
  'cc',
  'subject',
  'body',
  'labels',
];

function validMessage(input: IngestMessageInput, providerAccountId: string): GmailMessage {
  const L = INGEST_LIMITS;
  rejectUnknownFields(input, FIELDS);
  const message: GmailMessage = {
    providerAccountId,
    messageId: requireProviderId('messageId', input.messageId),
    threadId: requireProviderId('threadId', input.threadId),
    internalDate: requireInteger('internalDate', input.internalDate, 0, L.internalDate),
    historyId: requireProviderId('historyId', input.historyId),
    from: requireText('from', input.from, L.address),
    to: requireTextList('to', input.to, L.recipients, L.address),
    cc: requireTextList('cc', input.cc ?? [], L.recipients, L.address),
    subject: requireText('subject', input.subject, L.subject, { allowEmpty: true }),
    body: requireText('body', input.body, L.body, { allowEmpty: true }),
  };
  if (input.labels !== undefined) message.labels = requireTextList('labels', input.labels, L.labels, L.label);
  return message;
}

/**
 * C-03 ingest of one message: one document per (org, account, "gmail", messageId) forever; the
 * same source hash adds nothing, a changed one exactly one version; a tombstoned document is
 * resurrected under its id. C-06: the account is never defaulted among several.
 */
export async function ingestDocument(
  deps: EvidenceDeps,
  ctx: RequestContext,
  input: IngestMessageInput,
): Promise<IngestResult> {
  if (input.providerAccountId !== undefined) requireId('providerAccountId', input.providerAccountId);
  validMessage(input, 'pending');
  const account = selectProviderAccount(await listProviderAccounts(deps, ctx), input.providerAccountId);
  return ingestMessage(deps, ctx, validMessage(input, account.id));
}

/** Ingests a valid message of a known account: the decision on the document's stream. */
export async function ingestMessage(
  deps: CommandDeps,
  ctx: RequestContext,
  message: GmailMessage,
): Promise<IngestResult> {
  const documentId = documentIdFor(ctx.orgId, message.providerAccountId, message.messageId);
  let decided: DocumentEvent[] = [];
  const { state } = await erasedAsConflict(
    documentId,
    runCommand(deps, ctx, {
      ...documentStream(documentId),
      decide: (loaded) => commandEvents((decided = decideIngest(ctx.orgId, loaded.state, message))),
    }),
  );
  return ingestResult(documentId, decided, state.state.latestVersion);
}

function ingestResult(documentId: string, events: readonly DocumentEvent[], latestVersion: number): IngestResult {
  const added = events.find((e) => e.type === DOCUMENT_INGESTED || e.type === DOCUMENT_VERSION_ADDED);
  const version =
    added?.type === DOCUMENT_INGESTED || added?.type === DOCUMENT_VERSION_ADDED ? added.data.version : latestVersion;
  return {
    documentId,
    documentVersionId: documentVersionId(documentId, version),
    version,
    created: added?.type === DOCUMENT_INGESTED,
    newVersion: added !== undefined,
    resurrected: events.some((e) => e.type === DOCUMENT_RESURRECTED),
  };
}
