import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

// Once, before any schema is declared: gives every zod type `.openapi(...)` metadata.
extendZodWithOpenApi(z);

export { z };
