export { z } from './zod';
export * from './http/common';
export { registerRoute, type Registrar } from './http/registry';
export * from './http/evidence';
export * from './http/claims';
export * from './http/meetingPrep';
export * from './http/audit';
export { buildOpenApi, type OpenApiDocument } from './openapi/buildOpenApi';
export * from './events';
