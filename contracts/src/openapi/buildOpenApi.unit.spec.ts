import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from '../zod';
import { VIEW_BEHIND_HEADER } from '../http/common';
import { registerRoute } from '../http/registry';
import { buildOpenApi } from './buildOpenApi';

const Thing = z.object({ id: z.string() }).openapi('Thing');

function registerThing(registry: OpenAPIRegistry): void {
  registerRoute(registry, {
    method: 'get',
    path: '/v1/things/{id}',
    summary: 'A thing',
    request: { params: z.object({ id: z.string() }) },
    responses: { 200: { description: 'The thing', content: { 'application/json': { schema: Thing } } } },
    extraErrors: [404],
  });
  registerRoute(registry, {
    method: 'post',
    readYourWrites: true,
    path: '/v1/things',
    summary: 'Create a thing',
    responses: {
      201: { description: 'Created', content: { 'application/json': { schema: Thing } } },
      200: {
        description: 'Already there',
        headers: z.object({ 'x-thing-id': z.string() }),
        content: { 'application/json': { schema: Thing } },
      },
    },
  });
}

describe('buildOpenApi', () => {
  const document = buildOpenApi([registerThing]);

  it('documents health as public and every other route as bearer-authenticated', () => {
    expect(document.paths?.['/health/live']?.get?.security).toEqual([]);
    expect(document.paths?.['/v1/things/{id}']?.get?.security).toEqual([{ bearer: [] }]);
    expect(document.components?.securitySchemes?.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('gives authenticated routes the problem+json responses they can return', () => {
    const responses = document.paths?.['/v1/things/{id}']?.get?.responses ?? {};
    for (const status of ['401', '403', '404', '413', '422', '500']) {
      expect(responses[status]).toMatchObject({ content: { 'application/problem+json': expect.any(Object) } });
    }
    expect(responses['200']).toMatchObject({ content: { 'application/json': expect.any(Object) } });
    expect(responses['401']).toMatchObject({ headers: { 'WWW-Authenticate': { schema: { type: 'string' } } } });
  });

  it("documents a write's view-behind header on each of its success responses, beside their own headers", () => {
    const responses = document.paths?.['/v1/things']?.post?.responses ?? {};
    expect(Object.keys(responses['201'].headers ?? {})).toEqual([VIEW_BEHIND_HEADER]);
    expect(Object.keys(responses['200'].headers ?? {})).toEqual(['x-thing-id', VIEW_BEHIND_HEADER]);
    expect(responses['201'].headers?.[VIEW_BEHIND_HEADER]).toMatchObject({
      required: false,
      schema: { type: 'string' },
    });
    expect(responses['422'].headers).toBeUndefined();
    expect(document.paths?.['/v1/things/{id}']?.get?.responses?.['200'].headers).toBeUndefined();
  });

  it('is deterministic', () => {
    expect(JSON.stringify(buildOpenApi([registerThing]))).toBe(JSON.stringify(document));
  });
});
