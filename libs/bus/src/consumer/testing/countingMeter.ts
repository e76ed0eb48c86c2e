import type { Attributes, Meter, ObservableCallback, ObservableResult } from '@opentelemetry/api';

/** Just enough of an OpenTelemetry Meter to read back counters and gauges in tests, without an SDK. */
export class CountingMeter {
  private readonly counts: Array<{ name: string; value: number; attributes: Attributes }> = [];
  private readonly callbacks = new Map<string, ObservableCallback[]>();

  asMeter(): Meter {
    return {
      createCounter: (name: string) => ({
        add: (value: number, attributes: Attributes = {}) => this.counts.push({ name, value, attributes }),
      }),
      createObservableGauge: (name: string) => ({
        addCallback: (callback: ObservableCallback) =>
          this.callbacks.set(name, [...(this.callbacks.get(name) ?? []), callback]),
        removeCallback: () => undefined,
      }),
    } as unknown as Meter;
  }

  /** The counter's sum over entries whose attributes include `match`. */
  total(name: string, match: Attributes = {}): number {
    return this.counts
      .filter((c) => c.name === name && Object.entries(match).every(([k, v]) => c.attributes[k] === v))
      .reduce((sum, c) => sum + c.value, 0);
  }

  /** Every observation a gauge makes now. */
  observe(name: string): Array<{ value: number; attributes: Attributes }> {
    const seen: Array<{ value: number; attributes: Attributes }> = [];
    const result: ObservableResult = { observe: (value, attributes = {}) => void seen.push({ value, attributes }) };
    for (const callback of this.callbacks.get(name) ?? []) void callback(result);
    return seen;
  }
}
