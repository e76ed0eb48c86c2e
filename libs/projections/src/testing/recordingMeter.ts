import type { Attributes, Meter, ObservableCallback, ObservableResult } from '@opentelemetry/api';

/**
 * Just enough of an OpenTelemetry Meter to read back what the code reports: observable
 * callbacks are run on demand, counters are summed. No SDK is needed for that.
 */
export class RecordingMeter {
  private readonly callbacks = new Map<string, ObservableCallback[]>();
  private readonly counters = new Map<string, { value: number; attributes?: Attributes }[]>();

  asMeter(): Meter {
    const gauge = (name: string) => ({
      addCallback: (callback: ObservableCallback) => {
        this.callbacks.set(name, [...(this.callbacks.get(name) ?? []), callback]);
      },
      removeCallback: () => undefined,
    });
    const counter = (name: string) => ({
      add: (value: number, attributes?: Attributes) => {
        this.counters.set(name, [...(this.counters.get(name) ?? []), { value, attributes }]);
      },
    });
    return { createObservableGauge: gauge, createCounter: counter } as unknown as Meter;
  }

  /** Observes a gauge now; the value for exactly these attributes, undefined when absent. */
  value(name: string, attributes: Attributes): number | undefined {
    let found: number | undefined;
    const result: ObservableResult = {
      observe: (value: number, observed?: Attributes) => {
        if (JSON.stringify(observed) === JSON.stringify(attributes)) found = value;
      },
    };
    for (const callback of this.callbacks.get(name) ?? []) void callback(result);
    return found;
  }

  counterTotal(name: string): number {
    return (this.counters.get(name) ?? []).reduce((sum, entry) => sum + entry.value, 0);
  }
}
