import type { ProjectionDefinition, ProjectionEvent, ProjectionHandler } from '../definition/projectionDefinition';
import type { ProjectionTx } from '../write/projectionTx';
import { handlingOnly } from './sourceSplit';

const event = (type: string, streamId: string) => ({ type, streamId }) as ProjectionEvent;
const tx = {} as ProjectionTx;

function definition(handlers: Record<string, ProjectionHandler>): ProjectionDefinition {
  return { name: 'test.split', version: 1, prefix: 'test_', tables: [], handlers };
}

describe('handlingOnly', () => {
  it('applies only accepted events and still answers for every type the definition handles', async () => {
    const seen: string[] = [];
    const split = handlingOnly(definition({ Ingested: (e) => void seen.push(e.streamId) }), (e) =>
      e.streamId.startsWith('evidence-'),
    );
    await split.handlers.Ingested(event('Ingested', 'evidence-1'), tx);
    await split.handlers.Ingested(event('Ingested', 'claim-1'), tx);
    expect(seen).toEqual(['evidence-1']);
    expect(split.handlers.Unknown).toBeUndefined();
  });

  it('keeps a definition that answers every type name (a proxy) answering them', async () => {
    const seen: string[] = [];
    const everyType = new Proxy({} as Record<string, ProjectionHandler>, {
      get: (_t, type) => (typeof type === 'string' ? (e: ProjectionEvent) => void seen.push(e.type) : undefined),
    });
    const split = handlingOnly(definition(everyType), (e) => e.streamId.startsWith('audit-'));
    await split.handlers.AnyTypeAtAll(event('AnyTypeAtAll', 'audit-1'), tx);
    await split.handlers.Other(event('Other', 'evidence-1'), tx);
    expect(seen).toEqual(['AnyTypeAtAll']);
  });
});
