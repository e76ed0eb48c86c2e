import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';

export function registerClaimsRoutes(registry: OpenAPIRegistry): void {
  void registry;
}
