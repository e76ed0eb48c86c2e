import { HttpException } from '@nestjs/common';
import { clientProblem, internalProblem, type Problem } from './problem';
import { statusForCode } from './problemStatus';

interface CodedError {
  code: string;
  message: string;
  details?: Readonly<Record<string, unknown>>;
  status?: number;
}

function isCoded(error: unknown): error is CodedError {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string';
}

/** Fastify's own errors (URL, body parsing, limits) by their codes. */
const FASTIFY_CODES: Readonly<Record<string, [number, string, string]>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'REQUEST.TOO_LARGE', 'request body is larger than the limit'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE', 'send application/json'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'REQUEST.MALFORMED', 'body must not be empty when content-type is JSON'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'REQUEST.MALFORMED', 'content-length does not match the body'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'REQUEST.MALFORMED', 'body is not valid JSON'],
  FST_ERR_BAD_URL: [400, 'REQUEST.MALFORMED', 'the URL is not validly percent-encoded'],
  FST_ERR_MAX_PARAM_LENGTH: [414, 'REQUEST.URI_TOO_LONG', 'a path segment is longer than the server accepts'],
};

const NEST_CODES: Readonly<Record<number, string>> = {
  400: 'REQUEST.MALFORMED',
  404: 'ROUTE.NOT_FOUND',
  405: 'ROUTE.METHOD_NOT_ALLOWED',
  413: 'REQUEST.TOO_LARGE',
  415: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
};

/** Any thrown value as the problem the client gets; `internal` is true when it must be logged as a fault. */
export function toProblem(error: unknown): { problem: Problem; internal: boolean } {
  if (isCoded(error)) {
    const fastify = FASTIFY_CODES[error.code];
    if (fastify) return { problem: clientProblem(fastify[0], fastify[1], fastify[2]), internal: false };
    const status = statusForCode(error.code);
    if (status < 500)
      return { problem: clientProblem(status, error.code, error.message, error.details), internal: false };
    // A dependency is down (the identity provider's key set): retrying later can succeed.
    if (status === 503) return { problem: internalProblem(503), internal: true };
  }
  if (error instanceof SyntaxError || (error as { statusCode?: unknown })?.statusCode === 400) {
    return { problem: clientProblem(400, 'REQUEST.MALFORMED', 'body is not valid JSON'), internal: false };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = NEST_CODES[status];
    if (code && status < 500) return { problem: clientProblem(status, code, error.message), internal: false };
  }
  return { problem: internalProblem(), internal: true };
}
