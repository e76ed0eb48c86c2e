import type { Attributes, Meter } from '@opentelemetry/api';

interface Series {
  attributes: Attributes;
  /** The last value recorded: what the gauge shows once the window holds no larger one. */
  last: number;
  /** [time, value] of the values recorded in the window, decreasing in value. */
  peaks: Array<[number, number]>;
}

/**
 * A gauge reporting, per series, the largest value recorded in the last `windowMs`: a spike
 * between two scrapes is still there at the next one, whichever reader (Prometheus, OTLP)
 * collects first, as long as the scrape interval is shorter than the window. Values are
 * recorded as they are measured; a collection never does I/O.
 */
export class PeakGauge {
  private readonly series = new Map<string, Series>();

  constructor(
    meter: Meter,
    name: string,
    options: { description: string; unit?: string },
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {
    meter.createObservableGauge(name, options).addCallback((result) => {
      for (const series of this.series.values()) result.observe(this.peakOf(series), series.attributes);
    });
  }

  record(value: number, attributes: Attributes = {}): void {
    const key = JSON.stringify(Object.entries(attributes).sort(([a], [b]) => a.localeCompare(b)));
    let series = this.series.get(key);
    if (!series) {
      series = { attributes, last: value, peaks: [] };
      this.series.set(key, series);
    }
    series.last = value;
    // A monotonic queue: a value hides every smaller one recorded before it.
    while (series.peaks.length > 0 && series.peaks[series.peaks.length - 1][1] <= value) series.peaks.pop();
    series.peaks.push([this.now(), value]);
  }

  /** The largest value of the window; the queue's tail is the last value, so it is never empty. */
  private peakOf(series: Series): number {
    const since = this.now() - this.windowMs;
    while (series.peaks.length > 1 && series.peaks[0][0] < since) series.peaks.shift();
    return series.peaks[0]?.[1] ?? series.last;
  }
}
