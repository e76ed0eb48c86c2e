import { join } from 'node:path';
import { buildOpenApi, type OpenApiDocument } from '@ledger/contracts';
import { SERVICES } from '@ledger/registry';

/** Where the published document lives: a contract, reviewed in diffs. */
export const OPENAPI_PATH = join(__dirname, '..', '..', '..', '..', 'contracts', 'openapi.json');

export function currentOpenApi(): OpenApiDocument {
  return buildOpenApi(SERVICES.map((service) => service.registerRoutes));
}

export function serialiseOpenApi(document: OpenApiDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
