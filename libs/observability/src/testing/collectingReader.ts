import { MeterProvider, MetricReader, type DataPoint } from '@opentelemetry/sdk-metrics';
import type { Attributes, Meter } from '@opentelemetry/api';

/** A real SDK meter provider with a reader that collects on demand, for asserting what a scrape would see. */
export class CollectingReader extends MetricReader {
  readonly provider = new MeterProvider({ readers: [this] });

  meter(name = 'test'): Meter {
    return this.provider.getMeter(name);
  }

  /** Each data point of one metric, by its attributes. */
  async points(metric: string): Promise<Array<{ attributes: Attributes; value: unknown }>> {
    const { resourceMetrics } = await this.collect();
    return resourceMetrics.scopeMetrics
      .flatMap((scope) => scope.metrics)
      .filter((m) => m.descriptor.name === metric)
      .flatMap((m) =>
        (m.dataPoints as Array<DataPoint<unknown>>).map((p) => ({ attributes: p.attributes, value: p.value })),
      );
  }

  protected onForceFlush(): Promise<void> {
    return Promise.resolve();
  }

  protected onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}
