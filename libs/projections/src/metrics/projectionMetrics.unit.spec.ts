import { CollectingReader } from '@ledger/observability/testing';
import { PROJECTION_METRICS, ProjectionMetrics } from './projectionMetrics';

describe('ProjectionMetrics', () => {
  it("exports each projection's failure count at 0 from the start, then counts failures on it", async () => {
    const reader = new CollectingReader();
    const projectionMetrics = new ProjectionMetrics(reader.meter());
    projectionMetrics.startCounting(['claims.claims', 'evidence.documents']);
    const failures = async () =>
      (await reader.points(PROJECTION_METRICS.failures)).map((p) => [p.attributes.projection, p.value]);
    expect(await failures()).toEqual([
      ['claims.claims', 0],
      ['evidence.documents', 0],
    ]);
    projectionMetrics.recordFailure('claims.claims', 'org-1');
    expect(await failures()).toEqual([
      ['claims.claims', 1],
      ['evidence.documents', 0],
    ]);
  });
});
