import type { Type } from '@nestjs/common';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { ProjectionDefinition } from '@ledger/projections';

export type ServiceName = 'evidence' | 'claims' | 'meeting-prep' | 'audit';

/** What the composition root needs of a service: its module, read models, streams and routes. */
export interface ServiceDescriptor {
  name: ServiceName;
  /** Table prefix the service owns, e.g. `claims_`. */
  prefix: string;
  /** Stream categories the service appends to. */
  categories: readonly string[];
  projections: readonly ProjectionDefinition[];
  module: Type<unknown>;
  registerRoutes: (registry: OpenAPIRegistry) => void;
}
