import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AUDIT_EXPORT_HEADERS, RecordHistorySchema, type RecordHistoryResponse } from '@ledger/contracts';
import { createHttpTestApp, type HttpTestApp } from '@ledger/host/testing';
import { SERVICES } from '@ledger/registry';
import type { Role } from '@ledger/tenancy';

/** The `ledger-verify` command as npm links it for the workspace. */
const LEDGER_VERIFY = join(__dirname, '..', '..', '..', '..', 'node_modules', '.bin', 'ledger-verify');
const BODY = 'Avery prefers the ladder ending 7731.';

interface TrailLine {
  event: {
    eventId: string;
    type: string;
    schemaVersion: number;
    streamId: string;
    streamRevision: number;
    recordedAt: string;
    metadata: { actor: string };
    data: Record<string, unknown>;
  };
  personal: Record<string, unknown> | null;
}

/**
 * A record's history as the services answer it is the one an examiner rebuilds from an audit
 * export, as `contracts/audit-export.md` says: the record's stream's lines of `trail.jsonl`, in
 * stream-revision order, with actor, time and reason; and the bundle verifies offline.
 */
describe('a record’s history in an audit export', () => {
  let t: HttpTestApp;
  let root: string;

  const call = async (method: 'GET' | 'POST', url: string, role: Role, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: {
        authorization: await t.tokenFor(role, 'org-a', `${role}-1`),
        ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
      },
      payload: payload === undefined ? undefined : JSON.stringify(payload),
    });
  const ok = async (method: 'GET' | 'POST', url: string, role: Role, payload?: unknown) => {
    const response = await call(method, url, role, payload);
    expect({ url, status: response.statusCode < 300 }).toEqual({ url, status: true });
    return response;
  };

  beforeAll(async () => {
    t = await createHttpTestApp({ services: SERVICES });
    root = await mkdtemp(join(tmpdir(), 'history-export-'));
    await ok('POST', '/v1/provider-accounts', 'advisor', { id: 'acct-1', provider: 'gmail', label: 'Work' });
    const ingested = await ok('POST', '/v1/documents/ingest', 'advisor', {
      messageId: 'm-1',
      threadId: 'thr-1',
      internalDate: Date.UTC(2026, 2, 1),
      historyId: 'h-1',
      from: 'avery@example.test',
      to: ['advisor@example.test'],
      cc: [],
      subject: 'Bonds',
      body: BODY,
    });
    const { documentId, documentVersionId } = ingested.json();
    await ok('POST', '/v1/spans', 'advisor', {
      spanId: 's-1',
      documentId,
      documentVersionId,
      startChar: 0,
      endChar: 5,
      text: BODY.slice(0, 5),
    });
    await ok('POST', '/v1/entities', 'advisor', { entityId: 'client-1', kind: 'Client', label: 'Avery' });
    await ok('POST', '/v1/claims', 'advisor', {
      claimId: 'c-1',
      subjectEntityId: 'client-1',
      predicate: 'emailAddress',
      object: { kind: 'literal', value: 'avery@example.test' },
      spanIds: ['s-1'],
    });
    await ok('POST', '/v1/claims/c-1/supersede', 'advisor', {
      reason: 'a newer address',
      replacement: {
        claimId: 'c-2',
        predicate: 'emailAddress',
        object: { kind: 'literal', value: 'avery@new.example.test' },
        spanIds: ['s-1'],
      },
    });
    await ok('POST', '/v1/claims/c-2/retract', 'advisor', { reason: 'mailbox closed' });
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
    await t.close();
  });

  it('rebuilds from trail.jsonl exactly the history GET …/history answers', async () => {
    const histories = new Map<string, RecordHistoryResponse>();
    for (const [streamId, url] of [
      ['claim-c-1', '/v1/claims/c-1/history'],
      ['claim-c-2', '/v1/claims/c-2/history'],
    ]) {
      histories.set(streamId, RecordHistorySchema.parse((await ok('GET', url, 'compliance')).json()));
    }
    const response = await ok('POST', '/v1/audit/exports', 'compliance', {
      from: '2000-01-01T00:00:00Z',
      to: '2999-01-01T00:00:00Z',
      categories: ['claim'],
      reason: 'history check',
    });
    const exportId = String(response.headers[AUDIT_EXPORT_HEADERS.exportId]);
    const archive = join(root, 'bundle.tar.gz');
    await writeFile(archive, response.rawPayload);
    execFileSync('tar', ['-xzf', archive, '-C', root]);
    const dir = join(root, `audit-export-${exportId}`);
    const verdict = JSON.parse(execFileSync(process.execPath, [LEDGER_VERIFY, dir, '--json']).toString().trim());
    expect(verdict.verdict).toBe('pass');

    const lines = (await readFile(join(dir, 'trail.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as TrailLine);
    for (const [streamId, history] of histories) {
      const rebuilt = lines
        .filter((line) => line.event.streamId === streamId)
        .sort((a, b) => a.event.streamRevision - b.event.streamRevision)
        .map(({ event, personal }) => {
          const sealed = personal?.reason;
          const reason =
            typeof event.data.reason === 'string' ? event.data.reason : typeof sealed === 'string' ? sealed : null;
          return {
            version: event.streamRevision + 1,
            eventId: event.eventId,
            type: event.type,
            schemaVersion: event.schemaVersion,
            actor: event.metadata.actor,
            at: event.recordedAt,
            reason,
            reasonState: reason === null ? 'none' : 'present',
          };
        });
      expect(rebuilt).toEqual(history.items);
    }
    expect(histories.get('claim-c-2')?.items.map((item) => [item.type, item.reason])).toEqual([
      ['ClaimAsserted', null],
      ['ClaimRetracted', 'mailbox closed'],
    ]);
  });
});
