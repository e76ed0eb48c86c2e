import { metrics, type Counter } from '@opentelemetry/api';

/** Prometheus: `ledger_erasure_streams_total`, `ledger_erasure_refused_streams_total`. */
export const ERASURE_METRICS = {
  streams: 'ledger.erasure.streams',
  refused: 'ledger.erasure.refused_streams',
} as const;

interface ErasureCounters {
  streams: Counter;
  refused: Counter;
}

let counters: ErasureCounters | undefined;

/**
 * Taken from the meter provider on first use, never at import (a meter taken before the SDK
 * started stays a no-op). Attributes are codes only: no org, stream or entity.
 */
function erasureCounters(): ErasureCounters {
  if (!counters) {
    const meter = metrics.getMeter('@ledger/audit');
    counters = {
      streams: meter.createCounter(ERASURE_METRICS.streams, {
        description: 'Streams whose data key an erasure destroyed, by trigger (request, due)',
        unit: '{stream}',
      }),
      refused: meter.createCounter(ERASURE_METRICS.refused, {
        description: 'Streams an erasure request left in place for now, by reason (retention, hold)',
        unit: '{stream}',
      }),
    };
  }
  return counters;
}

export function countErased(streams: number, trigger: 'request' | 'due'): void {
  erasureCounters().streams.add(streams, { trigger });
}

export function countRefused(reason: 'retention' | 'hold'): void {
  erasureCounters().refused.add(1, { reason });
}
