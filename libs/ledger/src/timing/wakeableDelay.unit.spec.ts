import { WakeableDelay } from './wakeableDelay';

describe('WakeableDelay', () => {
  it('ends a wait early when woken, and on its timer otherwise', async () => {
    const delay = new WakeableDelay();
    const started = Date.now();
    const waiting = delay.wait(10_000);
    delay.wake();
    await waiting;
    expect(Date.now() - started).toBeLessThan(1_000);
    await delay.wait(5);
    delay.wake();
  });
});
