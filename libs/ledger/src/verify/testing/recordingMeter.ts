import { createNoopMeter, metrics, type Attributes, type Meter } from '@opentelemetry/api';

/** Test-only global meter provider that records counter additions by metric name. */
export function installRecordingMeter(): { added: { name: string; value: number; attributes?: Attributes }[] } {
  const added: { name: string; value: number; attributes?: Attributes }[] = [];
  // Every other instrument stays a no-op; the noop meter's methods live on its prototype.
  const meter = Object.create(createNoopMeter()) as Meter;
  meter.createCounter = (name) => ({ add: (value, attributes) => void added.push({ name, value, attributes }) });
  metrics.setGlobalMeterProvider({ getMeter: () => meter });
  return { added };
}
