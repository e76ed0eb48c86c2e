import { randomBytes, randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { VersionConflictError } from '../errors/ledgerError';
import type { AppendRequest, AppendResult } from '../events/types';
import { Ledger } from '../ledger';
import { createPool, LEDGER_WRITER_ROLE } from '../pool';
import { collect, createLedgerTestContext, type LedgerTestContext } from '../testing/ledgerTestContext';

const SHARED = 'ledger_append_shared_';

/** Every append statement the pool runs, by prepared-statement name, and whether it failed. */
function watchStatements(pool: Pool): Array<{ name: string; failed: boolean }> {
  const seen: Array<{ name: string; failed: boolean }> = [];
  type Query = (...args: unknown[]) => Promise<unknown>;
  const query = pool.query.bind(pool) as Query;
  (pool as unknown as { query: Query }).query = (...args: unknown[]) => {
    const [config] = args;
    const name = typeof config === 'object' && config !== null ? (config as { name?: string }).name : undefined;
    const result = query(...args);
    if (name?.startsWith('ledger_append')) {
      const entry = { name, failed: false };
      seen.push(entry);
      result.catch(() => (entry.failed = true));
    }
    return result;
  };
  return seen;
}

function request(streamId: string, n: number, expectedRevision: AppendRequest['expectedRevision']): AppendRequest {
  return {
    orgId: n % 2 === 0 ? 'org-a' : 'org-b',
    streamId,
    expectedRevision,
    events: [{ type: 'Noted', data: { n }, metadata: { actor: 'u1' } }],
  };
}

describe('appends made at the same time share statements', () => {
  let ctx: LedgerTestContext;
  const role = `svc_shared_${randomBytes(4).toString('hex')}`;
  let restricted: Pool;
  let ledger: Ledger;
  let statements: Array<{ name: string; failed: boolean }>;

  beforeAll(async () => {
    ctx = await createLedgerTestContext();
    // A service role: the ledger writer's rights, restricted to the `evidence` category.
    await ctx.admin.query(`CREATE ROLE ${role} NOLOGIN IN ROLE ${LEDGER_WRITER_ROLE}`);
    await ctx.admin.query(`INSERT INTO ledger_category_owners (category, owner_role) VALUES ('evidence', '${role}')`);
    restricted = createPool({ connectionString: ctx.database.url, max: 10, role });
    statements = watchStatements(restricted);
    ledger = new Ledger({ pool: restricted, keyProvider: ctx.keyProvider, runSequencer: false });
  });

  afterAll(async () => {
    await ledger.close();
    await restricted.end();
    // Roles belong to the server, not to the suite's database.
    await ctx.admin.query(`DROP ROLE ${role}`);
    await ctx.close();
  });

  beforeEach(() => {
    statements.length = 0;
  });

  it('settles each append with its own positions and revisions', async () => {
    const streams = Array.from({ length: 12 }, () => `evidence-${randomUUID()}`);
    const results = await Promise.all(streams.map((streamId, n) => ledger.append(request(streamId, n, 'no_stream'))));
    expect(statements.filter((s) => s.name.startsWith(SHARED)).length).toBeGreaterThan(0);
    expect(statements.length).toBeLessThan(streams.length);
    expect(new Set(results.flatMap((r) => r.positions)).size).toBe(streams.length);
    for (const [n, streamId] of streams.entries()) {
      const [stored] = await collect(ledger.readStream(n % 2 === 0 ? 'org-a' : 'org-b', streamId));
      expect([stored.position, stored.streamRevision, stored.data]).toEqual([results[n].positions[0], 0, { n }]);
    }
  });

  it('refuses only the append whose stream moved on; the others in its statement are stored', async () => {
    const moved = `evidence-${randomUUID()}`;
    await ledger.append(request(moved, 0, 'no_stream'));
    await ledger.append(request(moved, 0, 0));
    statements.length = 0;
    const streams = Array.from({ length: 10 }, () => `evidence-${randomUUID()}`);
    const outcomes = await Promise.allSettled([
      ...streams.map((streamId, n) => ledger.append(request(streamId, n, 'no_stream'))),
      ledger.append(request(moved, 0, 0)),
    ]);
    const shared = statements.filter((s) => s.name.startsWith(SHARED));
    expect(shared.length).toBeGreaterThan(0);
    expect(shared.every((s) => !s.failed)).toBe(true);
    expect(outcomes.slice(0, -1).every((o) => o.status === 'fulfilled')).toBe(true);
    const refused = outcomes.at(-1) as PromiseRejectedResult;
    expect(refused.status).toBe('rejected');
    expect(refused.reason).toBeInstanceOf(VersionConflictError);
  });

  it('gives a statement the database refused back to its appends one by one, so only the offender fails', async () => {
    const streams = Array.from({ length: 10 }, () => `evidence-${randomUUID()}`);
    const foreign = `claims-${randomUUID()}`;
    const outcomes = await Promise.allSettled<AppendResult>([
      ...streams.map((streamId, n) => ledger.append(request(streamId, n, 'no_stream'))),
      ledger.append(request(foreign, 0, 'no_stream')),
    ]);
    expect(statements.some((s) => s.name.startsWith(SHARED) && s.failed)).toBe(true);
    expect(outcomes.slice(0, -1).map((o) => o.status)).toEqual(streams.map(() => 'fulfilled'));
    const refused = outcomes.at(-1) as PromiseRejectedResult;
    expect(String(refused.reason)).toContain(`may not append to stream category "claims" (stream ${foreign})`);
    expect(await collect(ledger.readStream('org-a', foreign))).toEqual([]);
    const { rows } = await ctx.admin.query('SELECT count(*)::int AS n FROM ledger_events WHERE stream_id = ANY($1)', [
      streams,
    ]);
    expect(rows[0].n).toBe(streams.length);
  });
});
