import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** A request that must succeed; its problem details are reported when it does not. */
export type ApiCall = <T = Record<string, unknown>>(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown,
) => Promise<T>;

/** Calls the app in process (no socket), as one principal. */
export function apiClient(app: NestFastifyApplication, authorization: string): ApiCall {
  return async <T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) => {
    const response = await app.inject({
      method,
      url,
      headers: { authorization, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      payload: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.statusCode >= 400) {
      throw new Error(`${method} ${url} answered ${response.statusCode}: ${response.body}`);
    }
    return (response.body.length > 0 ? response.json() : {}) as T;
  };
}
