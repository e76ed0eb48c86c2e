import { STATUS_TITLES } from './problemStatus';

/** RFC 9457 problem details with our stable code; validation problems list field and rule. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  requestId?: string;
  errors?: Array<{ field: string; rule: string }>;
  [extension: string]: unknown;
}

const RESERVED = new Set(['type', 'title', 'status', 'code', 'detail', 'requestId', 'errors', 'instance']);

export function problemType(code: string): string {
  return `urn:ledger:problem:${code}`;
}

/** A problem for a 4xx error: its message and its details (ids, fields, revisions) are the client's to see. */
export function clientProblem(
  status: number,
  code: string,
  detail: string,
  details: Readonly<Record<string, unknown>> = {},
): Problem {
  const problem: Problem = { type: problemType(code), title: STATUS_TITLES[status] ?? 'Error', status, code, detail };
  const { field, rule, errors } = details as { field?: unknown; rule?: unknown; errors?: unknown };
  if (Array.isArray(errors)) problem.errors = errors as Problem['errors'];
  else if (typeof field === 'string' && typeof rule === 'string') problem.errors = [{ field, rule }];
  for (const [key, value] of Object.entries(details)) {
    if (!RESERVED.has(key) && key !== 'field' && key !== 'rule') problem[key] = value;
  }
  return problem;
}

/** A 5xx problem says nothing about the cause: that goes to the log, by request id. */
export function internalProblem(status = 500): Problem {
  return {
    type: problemType('INTERNAL'),
    title: STATUS_TITLES[status] ?? 'Internal error',
    status,
    code: status === 503 ? 'SERVICE.UNAVAILABLE' : 'INTERNAL',
  };
}
