import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Body, Controller, Get, HttpCode, Module, Param, Post } from '@nestjs/common';
import { z } from '@ledger/contracts';
import { Roles, ZodPipe } from '@ledger/http';
import { defineService } from '../descriptor/serviceDescriptor';
import { createHttpTestApp, type HttpTestApp } from '../testing/httpTestApp';
import { rawExchange, type RawAnswer } from '../testing/rawHttp';

const EchoBody = z.object({ text: z.string().max(100) }).strict();

@Controller('v1/echo')
class EchoController {
  @Post()
  @Roles('advisor')
  @HttpCode(200)
  echo(@Body(new ZodPipe(EchoBody)) body: z.infer<typeof EchoBody>) {
    return body;
  }

  @Get(':id')
  @Roles('advisor')
  read(@Param('id') id: string) {
    return { id };
  }
}

@Module({ controllers: [EchoController] })
class EchoModule {}

const echo = defineService({
  name: 'echo',
  prefix: 'echo_',
  categories: ['echo'],
  follows: [],
  projections: [],
  module: EchoModule,
  registerRoutes: () => undefined,
  paths: ['/v1/echo'],
});

/** Each raw exchange is repeated (EDGE_ATTEMPTS to stress it): a reset that happens now and then must show. */
const ATTEMPTS = Number(process.env.EDGE_ATTEMPTS ?? 30);
const KIB = 1024;

function expectProblemAnswer(answer: RawAnswer, status: number, code: string): void {
  expect({ error: answer.error, status: answer.status }).toEqual({ error: null, status });
  expect(answer.headers['content-type']).toContain('application/problem+json');
  expect(JSON.parse(answer.body)).toMatchObject({ status, code, type: `urn:ledger:problem:${code}` });
}

describe("HTTP edge: Fastify's and Node's own 4xx are problem+json, and answered rather than reset", () => {
  let t: HttpTestApp;
  let port: number;
  let token: string;

  beforeAll(async () => {
    t = await createHttpTestApp({ services: [echo], bodyLimit: 16 * KIB });
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
    token = await t.tokenFor('advisor');
  });
  afterAll(() => t.close());

  it.each([16, 17, 32, 64, 256])('answers %i KiB of headers with a 431 problem, every time', async (kib) => {
    const head = `GET /v1/echo/x HTTP/1.1\r\nHost: localhost\r\nX-Pad: ${'a'.repeat(kib * KIB)}\r\n\r\n`;
    for (let i = 0; i < ATTEMPTS; i++) {
      expectProblemAnswer(await rawExchange(port, head), 431, 'REQUEST.HEADERS_TOO_LARGE');
    }
  });

  it('answers headers that keep arriving after the limit with a 431 problem, every time', async () => {
    const head = `GET /v1/echo/x HTTP/1.1\r\nHost: localhost\r\nX-Pad: ${'a'.repeat(64 * KIB)}\r\n\r\n`;
    for (let i = 0; i < ATTEMPTS; i++) {
      expectProblemAnswer(await rawExchange(port, head, { chunkBytes: 4 * KIB }), 431, 'REQUEST.HEADERS_TOO_LARGE');
    }
  });

  it('answers http.request clients sending 20 KiB of headers with a 431 problem, every time', async () => {
    for (let i = 0; i < ATTEMPTS; i++) {
      const answer = await new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
        const req = httpRequest(
          { host: '127.0.0.1', port, path: '/v1/echo/x', headers: { 'x-pad': 'a'.repeat(20 * KIB) } },
          (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => (body += chunk));
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }),
            );
          },
        );
        req.on('error', reject);
        req.end();
      });
      expect(answer.status).toBe(431);
      expect(answer.type).toContain('application/problem+json');
      expect(JSON.parse(answer.body)).toMatchObject({ code: 'REQUEST.HEADERS_TOO_LARGE' });
    }
  });

  it('answers a body over the limit with a 413 problem while the client is still sending it, every time', async () => {
    const body = JSON.stringify({ text: 'x'.repeat(256 * KIB) });
    const request =
      `POST /v1/echo HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${token}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    for (let i = 0; i < ATTEMPTS; i++) {
      expectProblemAnswer(await rawExchange(port, request), 413, 'REQUEST.TOO_LARGE');
      expectProblemAnswer(await rawExchange(port, request, { chunkBytes: 8 * KIB }), 413, 'REQUEST.TOO_LARGE');
    }
  });

  it('answers a chunked body over the limit with a 413 problem, every time', async () => {
    const chunk = 'x'.repeat(8 * KIB);
    const chunks = Array.from({ length: 8 }, () => `${chunk.length.toString(16)}\r\n${chunk}\r\n`).join('');
    const request =
      `POST /v1/echo HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${token}\r\n` +
      `Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${chunks}0\r\n\r\n`;
    for (let i = 0; i < ATTEMPTS; i++) {
      expectProblemAnswer(await rawExchange(port, request), 413, 'REQUEST.TOO_LARGE');
    }
  });

  it.each([
    ['a malformed percent-encoding in the URL', 'GET /v1/echo/%E0%A4%A HTTP/1.1\r\nHost: localhost\r\n'],
    ['a request line that is not HTTP', 'HELLO THERE\r\n'],
    ['a header line without a colon', 'GET /v1/echo/x HTTP/1.1\r\nHost: localhost\r\nbroken header\r\n'],
  ])('answers %s with a 400 problem, every time', async (_name, head) => {
    for (let i = 0; i < ATTEMPTS; i++) {
      expectProblemAnswer(await rawExchange(port, `${head}\r\n`), 400, 'REQUEST.MALFORMED');
    }
  });

  it('answers a path parameter over the router limit with a 414 problem', async () => {
    const answer = await rawExchange(port, `GET /v1/echo/${'a'.repeat(300)} HTTP/1.1\r\nHost: localhost\r\n\r\n`);
    expectProblemAnswer(answer, 414, 'REQUEST.URI_TOO_LONG');
  });

  it('answers malformed JSON with a 400 problem', async () => {
    const body = '{"text": ';
    const request =
      `POST /v1/echo HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${token}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
    expectProblemAnswer(await rawExchange(port, request), 400, 'REQUEST.MALFORMED');
  });

  it('still serves a well-formed request on the same server', async () => {
    const body = JSON.stringify({ text: 'hello' });
    const request =
      `POST /v1/echo HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${token}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
    const answer = await rawExchange(port, request);
    expect({ status: answer.status, error: answer.error, body: JSON.parse(answer.body) }).toEqual({
      status: 200,
      error: null,
      body: { text: 'hello' },
    });
  });
});
