import { CollectingReader } from '../testing/collectingReader';
import { PeakGauge } from './peakGauge';

describe('PeakGauge', () => {
  let now = 0;
  let reader: CollectingReader;
  let gauge: PeakGauge;
  beforeEach(() => {
    now = 1_000_000;
    reader = new CollectingReader();
    gauge = new PeakGauge(reader.meter(), 'peak_test', { description: 'test' }, 10_000, () => now);
  });
  afterEach(() => reader.shutdown());

  it('keeps a spike between two scrapes until the window has passed, then shows the last value', async () => {
    gauge.record(3, { worker: 'a' });
    now += 1000;
    gauge.record(90, { worker: 'a' });
    now += 1000;
    gauge.record(5, { worker: 'a' });
    expect(await reader.points('peak_test')).toEqual([{ attributes: { worker: 'a' }, value: 90 }]);
    // A second reader's collection (or a second scrape) does not reset it.
    expect(await reader.points('peak_test')).toEqual([{ attributes: { worker: 'a' }, value: 90 }]);
    now += 9500;
    expect(await reader.points('peak_test')).toEqual([{ attributes: { worker: 'a' }, value: 5 }]);
  });

  it('reports the largest value still in the window after a larger one leaves it', async () => {
    gauge.record(50);
    now += 4000;
    gauge.record(20);
    now += 4000;
    gauge.record(7);
    now += 3000; // 50 has left the window; 20 and 7 remain
    expect(await reader.points('peak_test')).toEqual([{ attributes: {}, value: 20 }]);
  });

  it('keeps series apart by their attributes, in any key order', async () => {
    gauge.record(1, { a: 'x', b: 'y' });
    gauge.record(4, { b: 'y', a: 'x' });
    gauge.record(2, { a: 'z', b: 'y' });
    const points = await reader.points('peak_test');
    expect(points).toHaveLength(2);
    expect(points).toContainEqual({ attributes: { a: 'x', b: 'y' }, value: 4 });
    expect(points).toContainEqual({ attributes: { a: 'z', b: 'y' }, value: 2 });
  });
});
