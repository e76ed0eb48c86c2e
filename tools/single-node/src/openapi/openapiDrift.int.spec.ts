import { readFileSync } from 'node:fs';
import { servedRoutes } from '@ledger/http';
import { createHttpTestApp, type HttpTestApp } from '@ledger/host/testing';
import { SERVICES } from '@ledger/registry';
import { currentOpenApi, OPENAPI_PATH, serialiseOpenApi } from './openApiDocument';

/** The documentation serves itself; it is not part of the API it documents. */
const DOCS_ROUTES = ['GET /docs', 'GET /docs/openapi.json', 'GET /docs/assets/{file}'];

describe('contracts/openapi.json', () => {
  let t: HttpTestApp;
  beforeAll(async () => {
    t = await createHttpTestApp({ services: SERVICES });
  });
  afterAll(() => t.close());

  it('is what the route schemas generate (run `npm run contracts:openapi` after changing them)', () => {
    expect(readFileSync(OPENAPI_PATH, 'utf8')).toBe(serialiseOpenApi(currentOpenApi()));
  });

  it('documents exactly the routes the application serves', () => {
    const documented = Object.entries(currentOpenApi().paths ?? {}).flatMap(([path, item]) =>
      Object.keys(item as object).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const served = servedRoutes(t.app).filter((route) => !DOCS_ROUTES.includes(route));
    expect(served.length).toBeGreaterThan(10);
    expect([...new Set(served)].sort()).toEqual([...new Set(documented)].sort());
  });
});
