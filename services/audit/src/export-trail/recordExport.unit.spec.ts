import { InMemoryEventStore, type RecordedEvent } from '@ledger/ledger';
import { AUDIT_EXPORTED, exportStreamId, recordExport, type ExportRecord } from './recordExport';

const ORG = 'org-a';
const metadata = { actor: 'compliance-1', correlationId: 'req-1' };
const record: ExportRecord = {
  exportId: '6f1c2b9e-0000-4000-8000-000000000001',
  selection: {
    from: new Date('2025-01-01T00:00:00Z'),
    to: new Date('2025-02-01T00:00:00Z'),
    categories: ['claim'],
    actors: ['adv-1'],
    reason: 'examination 2025-01',
  },
  range: { start: 3, end: 9 },
  treeSize: 12,
  eventCount: 4,
  manifestSha256: 'ab'.repeat(32),
  decrypted: false,
};

async function streamOf(store: InMemoryEventStore, exportId: string): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of store.readStream(ORG, exportStreamId(exportId), { personal: 'decrypt' }))
    events.push(event);
  return events;
}

describe('recording an audit export (in memory)', () => {
  it('given no export, when recorded, then AuditExported says what the bundle held and who asked', async () => {
    const store = new InMemoryEventStore();
    const result = await recordExport(store, ORG, metadata, record);
    const events = await streamOf(store, record.exportId);
    expect(events.map((e) => e.type)).toEqual([AUDIT_EXPORTED]);
    expect(events[0].data).toEqual({
      exportId: record.exportId,
      range: { from: '2025-01-01T00:00:00.000Z', to: '2025-02-01T00:00:00.000Z' },
      orgSeqRange: { start: 3, end: 9 },
      treeSize: 12,
      categories: ['claim'],
      actorCount: 1,
      personal: 'withheld',
      eventCount: 4,
      manifestSha256: 'ab'.repeat(32),
    });
    expect([events[0].schemaVersion, events[0].personal]).toEqual([
      2,
      { actors: ['adv-1'], reason: 'examination 2025-01' },
    ]);
    expect(events[0].metadata).toEqual(metadata);
    expect(result.eventIds).toEqual([events[0].eventId]);
    expect(result.positions).toEqual([events[0].position]);
  });

  it('records a decrypted export as such', async () => {
    const store = new InMemoryEventStore();
    await recordExport(store, ORG, metadata, { ...record, decrypted: true });
    const [event] = await streamOf(store, record.exportId);
    expect(event.data.personal).toBe('decrypted');
  });

  it('given the export id already recorded, when recorded again, then a version conflict and nothing appended', async () => {
    const store = new InMemoryEventStore();
    await recordExport(store, ORG, metadata, record);
    await expect(recordExport(store, ORG, metadata, record)).rejects.toMatchObject({
      code: 'LEDGER.VERSION_CONFLICT',
      details: { streamId: exportStreamId(record.exportId), expected: 'no_stream', actual: 0 },
    });
    expect(await store.countEvents(ORG)).toBe(1);
  });

  it('keeps orgs apart: the same export id in another org is another stream', async () => {
    const store = new InMemoryEventStore();
    await recordExport(store, ORG, metadata, record);
    await recordExport(store, 'org-b', metadata, record);
    expect(await store.countEvents(ORG)).toBe(1);
    expect(await store.countEvents('org-b')).toBe(1);
  });
});
