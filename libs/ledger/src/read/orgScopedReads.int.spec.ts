import type { Pool } from 'pg';
import { runInOrg } from '@ledger/postgres';
import { Ledger } from '../ledger';
import { createPool } from '../pool';
import { collect, createLedgerTestContext, type LedgerTestContext } from '../testing/ledgerTestContext';

// Created by the ledger's migrations: the org-scoped role of single-node's requests.
const REQUEST_ROLE = 'ledger_request';
const metadata = { actor: 'user-1' };

/** Which pool a stream read went through, told by the org-scoped pool's own checkouts. */
describe('a read of a stream or of events by id with an org-scoped read pool', () => {
  let context: LedgerTestContext;
  let orgReads: Pool;
  let ledger: Ledger;
  let checkouts = 0;
  const revisions = async (orgId: string) =>
    (await collect(ledger.readStream(orgId, 'note-1'))).map((event) => [event.orgId, event.type]);

  beforeAll(async () => {
    context = await createLedgerTestContext();
    orgReads = createPool({ connectionString: context.database.url, max: 2, role: REQUEST_ROLE, orgScoped: true });
    orgReads.on('acquire', () => {
      checkouts += 1;
    });
    ledger = new Ledger({ pool: context.writer, keyProvider: context.keyProvider, orgReads, runSequencer: false });
    const events = (types: string[]) => types.map((type) => ({ type, data: {}, metadata }));
    await context.ledger.append({
      orgId: 'org-a',
      streamId: 'note-1',
      expectedRevision: 'no_stream',
      events: events(['A1', 'A2']),
    });
    await context.ledger.append({
      orgId: 'org-b',
      streamId: 'note-1',
      expectedRevision: 'no_stream',
      events: events(['B1']),
    });
  });

  afterAll(async () => {
    await ledger.close();
    await orgReads.end();
    await context.close();
  });

  beforeEach(() => {
    checkouts = 0;
  });

  it("reads the caller's own org through the org-scoped pool, under its org policy", async () => {
    const read = await runInOrg('org-a', () => revisions('org-a'));

    expect(read).toEqual([
      ['org-a', 'A1'],
      ['org-a', 'A2'],
    ]);
    expect(checkouts).toBe(1);
  });

  it("reads the caller's own org's events by id through the org-scoped pool too", async () => {
    const ids = (await collect(context.ledger.readStream('org-a', 'note-1'))).map((event) => event.eventId);

    const read = await runInOrg('org-a', () => ledger.readEvents('org-a', ids));

    expect(read.map((event) => event.type)).toEqual(['A1', 'A2']);
    expect(checkouts).toBe(1);
  });

  it('reads another org, or outside any org, through the engine pool as before', async () => {
    expect(await runInOrg('org-a', () => revisions('org-b'))).toEqual([['org-b', 'B1']]);
    expect(await revisions('org-a')).toHaveLength(2);
    expect(checkouts).toBe(0);
  });
});
