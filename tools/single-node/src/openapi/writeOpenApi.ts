/** `npm run contracts:openapi`: regenerates contracts/openapi.json from the route schemas. */
import { writeFileSync } from 'node:fs';
import { currentOpenApi, OPENAPI_PATH, serialiseOpenApi } from './openApiDocument';

writeFileSync(OPENAPI_PATH, serialiseOpenApi(currentOpenApi()));
process.stdout.write(`wrote ${OPENAPI_PATH}\n`);
