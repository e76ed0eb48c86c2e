import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';

export function registerEvidenceRoutes(registry: OpenAPIRegistry): void {
  void registry;
}
