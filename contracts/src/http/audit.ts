import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';

export function registerAuditRoutes(registry: OpenAPIRegistry): void {
  void registry;
}
