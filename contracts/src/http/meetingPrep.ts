import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';

export function registerMeetingPrepRoutes(registry: OpenAPIRegistry): void {
  void registry;
}
