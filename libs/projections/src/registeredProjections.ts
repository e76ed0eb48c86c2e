import { ProjectionRegistry } from './definition/projectionRegistry';
import { demoProjection } from './examples/demo/demoProjection';

/**
 * The projections the on-call CLI knows. Libraries cannot import services, so services will
 * register their definitions here as they arrive; until then only the example is listed.
 */
export function registeredProjections(): ProjectionRegistry {
  return new ProjectionRegistry([demoProjection]);
}
