import { createNoopMeter } from '@opentelemetry/api';
import { ProcessWorkers, type WorkerProgress } from './workerProgress';

describe('ProcessWorkers', () => {
  let now = 0;
  const workers = () => new ProcessWorkers(30_000, () => now, createNoopMeter());
  const worker = (
    name: string,
    gatesReadiness: boolean,
    state: { running: boolean; lastRoundAt: number },
  ): WorkerProgress => ({
    name,
    gatesReadiness,
    running: () => state.running,
    lastRoundAt: () => state.lastRoundAt,
  });
  beforeEach(() => {
    now = 1_000_000;
  });

  it('is ok while a worker goes round, stalled once its last round is older than the limit, stopped when not running', () => {
    const state = { running: true, lastRoundAt: now };
    const all = workers();
    all.add(worker('sequencer', true, state));
    expect(all.report()).toEqual({ sequencer: { state: 'ok', sinceRoundSeconds: 0 } });
    now += 30_000;
    expect(all.ready()).toBe(true);
    now += 1;
    expect(all.report().sequencer.state).toBe('stalled');
    expect(all.ready()).toBe(false);
    state.lastRoundAt = now;
    expect(all.ready()).toBe(true);
    state.running = false;
    expect(all.report().sequencer.state).toBe('stopped');
    expect(all.ready()).toBe(false);
  });

  it('gives a worker that has not gone round yet the limit from its registration', () => {
    const all = workers();
    all.add(worker('projections', true, { running: true, lastRoundAt: 0 }));
    expect(all.report().projections.state).toBe('ok');
    now += 30_001;
    expect(all.report().projections).toEqual({ state: 'stalled', sinceRoundSeconds: 30 });
  });

  it('reports a stalled worker that does not gate readiness without making the process unready', () => {
    const all = workers();
    all.add(worker('relay', false, { running: true, lastRoundAt: now - 60_000 }));
    expect(all.report().relay.state).toBe('stalled');
    expect(all.ready()).toBe(true);
  });
});
