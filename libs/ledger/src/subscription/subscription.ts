import type { SequencedEvent } from '../events/types';
import { skippedEvents } from '../telemetry/skippedEvents';

export interface SubscriptionOptions {
  /** The first sequence number to deliver (a checkpoint + 1); 0 for the beginning. */
  from?: number;
  batchSize?: number;
  /** Fallback poll when no notification arrives. */
  pollMs?: number;
}

export interface Subscription extends AsyncIterable<SequencedEvent> {
  /** Ends the iteration after the event being handled; pending waits return at once. */
  close(): void;
}

type PageReader = (from: number, limit: number) => Promise<SequencedEvent[]>;

/**
 * What wakes a subscription: the PostgreSQL ledger's SequencedSignal, or the in-memory store's
 * emitter. Only a hint to read again; the poll covers a lost one.
 */
export interface SequencedSource {
  on(event: 'sequenced', listener: (lastLogSeq: number) => void): unknown;
  off(event: 'sequenced', listener: (lastLogSeq: number) => void): unknown;
  ensureListening(): Promise<void>;
}

/**
 * A catch-up subscription: reads pages from the checkpoint, then waits for the sequencer's
 * signal (or the poll) and goes on. Sequence numbers are dense and assigned once, so resuming
 * from the last delivered number + 1 neither skips nor repeats.
 */
export function createSubscription(
  readPage: PageReader,
  sequenceOf: (event: SequencedEvent) => number,
  signal: SequencedSource,
  options: SubscriptionOptions,
): Subscription {
  let closed = false;
  let wake: (() => void) | null = null;
  // Set by a signal that arrives while a page is being read, so that it is not missed.
  let signalled = false;
  const onSignal = () => {
    signalled = true;
    wake?.();
  };
  const batchSize = options.batchSize ?? 500;
  const pollMs = options.pollMs ?? 1000;

  const waitForMore = () =>
    new Promise<void>((resolve) => {
      if (signalled) return resolve();
      const timer = setTimeout(done, pollMs);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });

  async function* iterate(): AsyncGenerator<SequencedEvent> {
    signal.on('sequenced', onSignal);
    await signal.ensureListening();
    let next = options.from ?? 0;
    try {
      while (!closed) {
        signalled = false;
        const page = await readPage(next, batchSize);
        for (const event of page) {
          if (closed) return;
          // Dense sequences leave no hole; one is a fault, counted so that it cannot pass unseen.
          if (sequenceOf(event) > next) skippedEvents().skipped('subscription', sequenceOf(event) - next);
          yield event;
          next = sequenceOf(event) + 1;
        }
        if (page.length < batchSize && !closed) await waitForMore();
      }
    } finally {
      signal.off('sequenced', onSignal);
    }
  }

  return {
    [Symbol.asyncIterator]: iterate,
    close() {
      closed = true;
      wake?.();
    },
  };
}
