import { metrics, type Counter, type Meter } from '@opentelemetry/api';

export const EVENTS_SKIPPED_METRIC = 'ledger.events.skipped';

/**
 * The readers that take the ledger's sequences in order: the projection runner (an org's dense
 * `org_seq` from its checkpoint) and catch-up subscriptions (`org_seq` or `log_seq` from theirs).
 * A bounded label set, never an org or a stream.
 */
export const READER_KINDS = ['projection', 'subscription'] as const;
export type ReaderKind = (typeof READER_KINDS)[number];

/**
 * Events a reader passed over without applying or delivering them: a hole in a sequence it read
 * (the ledger assigns its sequences densely and once, so a hole is a fault) or an event an
 * operator skipped (`ledger projections skip`). Zero in healthy operation.
 */
export class SkippedEvents {
  private readonly counter: Counter;

  constructor(meter: Meter) {
    this.counter = meter.createCounter(EVENTS_SKIPPED_METRIC, {
      description: 'Events a reader passed over: a hole in a sequence it read, or an operator skip',
      unit: '{event}',
    });
    // Every series from 0, so the first skip is an increase an alert sees.
    for (const reader of READER_KINDS) this.counter.add(0, { reader });
  }

  skipped(reader: ReaderKind, count: number): void {
    if (count > 0) this.counter.add(count, { reader });
  }
}

const perMeter = new WeakMap<Meter, SkippedEvents>();

/**
 * One counter per meter, taken when first asked for (never at import: a meter taken before the
 * SDK registered its provider would stay a no-op).
 */
export function skippedEvents(meter: Meter = metrics.getMeter('@ledger/ledger')): SkippedEvents {
  let found = perMeter.get(meter);
  if (!found) perMeter.set(meter, (found = new SkippedEvents(meter)));
  return found;
}

/** How many numbers are missing between `after` (the last one read before) and the ascending `read`. */
export function sequenceHoles(after: number, read: readonly number[]): number {
  if (read.length === 0) return 0;
  return read[read.length - 1] - after - read.length;
}
