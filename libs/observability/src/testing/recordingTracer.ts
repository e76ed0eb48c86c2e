import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider, type ReadableSpan } from '@opentelemetry/sdk-trace';

export interface RecordingTracer {
  /** Every span ended since the install (or the last `reset`). */
  spans(): ReadableSpan[];
  reset(): void;
  uninstall(): Promise<void>;
}

/**
 * The real SDK's tracer provider, the W3C propagator and the async-hooks context manager,
 * registered globally as a process's `startTelemetry` would, with spans kept in memory: for
 * suites that check which spans code makes and how they are tied together.
 */
export function installRecordingTracer(): RecordingTracer {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  return {
    spans: () => exporter.getFinishedSpans(),
    reset: () => exporter.reset(),
    async uninstall() {
      await provider.shutdown();
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
}
