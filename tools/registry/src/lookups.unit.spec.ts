import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { SERVICES } from './services';
import { serviceForPath } from './lookups';

function routesOf(register: (registry: OpenAPIRegistry) => void): string[] {
  const registry = new OpenAPIRegistry();
  register(registry);
  return registry.definitions.flatMap((definition) => (definition.type === 'route' ? [definition.route.path] : []));
}

describe('serviceForPath', () => {
  it.each(SERVICES.map((service) => [service.name, service] as const))(
    'sends every route the %s service documents to that service',
    (name, service) => {
      const paths = routesOf(service.registerRoutes).filter((path) => !path.startsWith('/health'));
      expect(paths.length).toBeGreaterThan(0);
      for (const path of paths)
        expect([path, serviceForPath(path.replace(/\{[^}]+\}/g, 'x-1')).name]).toEqual([path, name]);
    },
  );

  it('keeps a query string with its path and refuses a path no service serves', () => {
    expect(serviceForPath('/v1/evidence?claimId=c-1').name).toBe('evidence');
    expect(() => serviceForPath('/v1/evidenced')).toThrow('no service serves /v1/evidenced');
  });
});
