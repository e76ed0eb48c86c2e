import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { HttpTestApp } from '@ledger/host/testing';

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** One request through the app; `payload` as a string is sent verbatim (for malformed JSON). */
export async function call(
  t: HttpTestApp,
  method: Method,
  url: string,
  options: { token?: string; payload?: unknown } = {},
): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = options.token;
  const request: InjectOptions = { method, url, headers };
  if (options.payload !== undefined) {
    headers['content-type'] = 'application/json';
    request.payload = typeof options.payload === 'string' ? options.payload : JSON.stringify(options.payload);
  }
  return t.app.inject(request);
}

/** The response is an RFC 9457 problem with this status (and code, when given). */
export function expectProblem(
  response: LightMyRequestResponse,
  status: number,
  code?: string,
): Record<string, unknown> {
  const body = response.json() as Record<string, unknown>;
  expect({ status: response.statusCode, body }).toMatchObject({ status, body: code ? { status, code } : { status } });
  expect(response.headers['content-type']).toContain('application/problem+json');
  return body;
}
