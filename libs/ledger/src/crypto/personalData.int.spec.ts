import { randomUUID } from 'node:crypto';
import { collect, createLedgerTestContext, type LedgerTestContext } from '../testing/ledgerTestContext';

const ORG = 'org-pii';
const personal = { email: 'canary.person@example.test', body: 'Canary secret body text' };

describe('personal data encryption and crypto-shredding', () => {
  let ctx: LedgerTestContext;
  beforeAll(async () => {
    ctx = await createLedgerTestContext();
  });
  afterAll(() => ctx.close());

  async function storedRows(streamId: string) {
    const { rows } = await ctx.admin.query<{ canonical: string; leaf: string }>(
      `SELECT canonical, encode(leaf_hash, 'hex') AS leaf FROM ledger_events WHERE stream_id = $1 ORDER BY stream_revision`,
      [streamId],
    );
    return rows;
  }

  it('stores only ciphertext of the personal part and decrypts it on request', async () => {
    const streamId = `evidence-${randomUUID()}`;
    await ctx.ledger.append({
      orgId: ORG,
      streamId,
      expectedRevision: 'no_stream',
      events: [{ type: 'DocumentIngested', data: { documentId: 'd1' }, personal, metadata: { actor: 'u1' } }],
    });
    const [row] = await storedRows(streamId);
    expect(row.canonical).not.toContain('canary');
    expect(row.canonical).not.toContain('Canary');
    expect(JSON.parse(row.canonical).personal).toMatchObject({ alg: 'A256GCM' });

    const [withheld] = await collect(ctx.ledger.readStream(ORG, streamId));
    expect(withheld).toMatchObject({ personal: null, personalState: 'withheld', data: { documentId: 'd1' } });
    const [opened] = await collect(ctx.ledger.readStream(ORG, streamId, { personal: 'decrypt' }));
    expect(opened).toMatchObject({ personal, personalState: 'present' });
  });

  it('shreds a stream: personal parts read as erased, everything else and every hash unchanged', async () => {
    const streamId = `evidence-${randomUUID()}`;
    const other = `evidence-${randomUUID()}`;
    for (const stream of [streamId, other]) {
      await ctx.ledger.append({
        orgId: ORG,
        streamId: stream,
        expectedRevision: 'any',
        events: [
          { type: 'DocumentIngested', data: { n: 1 }, personal, metadata: { actor: 'u1' } },
          { type: 'DocumentTagged', data: { n: 2 }, metadata: { actor: 'u1' } },
        ],
      });
    }
    const before = await storedRows(streamId);
    expect(await ctx.ledger.shred(ORG, streamId)).toBe(true);
    expect(await ctx.ledger.shred(ORG, streamId)).toBe(false);

    expect(await storedRows(streamId)).toEqual(before);
    const events = await collect(ctx.ledger.readStream(ORG, streamId, { personal: 'decrypt' }));
    expect(events.map((e) => [e.personalState, e.personal, e.data])).toEqual([
      ['erased', null, { n: 1 }],
      ['none', null, { n: 2 }],
    ]);
    const untouched = await collect(ctx.ledger.readStream(ORG, other, { personal: 'decrypt' }));
    expect(untouched[0]).toMatchObject({ personalState: 'present', personal });
  });

  it('refuses new personal data on a shredded stream but accepts non-personal events', async () => {
    const streamId = `evidence-${randomUUID()}`;
    await ctx.ledger.append({
      orgId: ORG,
      streamId,
      expectedRevision: 'any',
      events: [{ type: 'A', data: {}, personal, metadata: { actor: 'u1' } }],
    });
    await ctx.ledger.shred(ORG, streamId);
    await expect(
      ctx.ledger.append({
        orgId: ORG,
        streamId,
        expectedRevision: 'any',
        events: [{ type: 'B', data: {}, personal, metadata: { actor: 'u1' } }],
      }),
    ).rejects.toMatchObject({ code: 'LEDGER.STREAM_ERASED', streamId });
    const result = await ctx.ledger.append({
      orgId: ORG,
      streamId,
      expectedRevision: 'any',
      events: [{ type: 'C', data: {}, metadata: { actor: 'u1' } }],
    });
    expect(result.lastRevision).toBe(1);
  });

  it('binds a ciphertext to its event: copied into another event it does not decrypt', async () => {
    const streamId = `evidence-${randomUUID()}`;
    await ctx.ledger.append({
      orgId: ORG,
      streamId,
      expectedRevision: 'any',
      events: [{ type: 'A', data: {}, personal, metadata: { actor: 'u1' } }],
    });
    const [event] = await collect(ctx.ledger.readStream(ORG, streamId, { personal: 'decrypt' }));
    const { decryptPersonal } = await import('./personalCipher');
    const envelope = JSON.parse(event.canonical).personal;
    const keys = await import('./streamKeys');
    const dataKey = (await new keys.StreamKeys(ctx.writer, ctx.keyProvider).load([{ orgId: ORG, streamId }]))
      .values()
      .next().value as Buffer;
    expect(decryptPersonal(dataKey, event.eventId, envelope)).toEqual(personal);
    expect(() => decryptPersonal(dataKey, randomUUID(), envelope)).toThrow();
  });
});
