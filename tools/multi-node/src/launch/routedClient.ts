import type { ServiceName } from '@ledger/host';
import type { ApiCall } from '@ledger/single-node/demo';
import { serviceForPath } from '@ledger/registry';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    where: string,
  ) {
    super(`${where} answered ${status}: ${body}`);
  }
}

export interface RoutedClientOptions {
  baseUrls: () => ReadonlyMap<ServiceName, string>;
  authorization: string;
  /**
   * How long a 404 is retried. In multi-node a service learns of another's ids through Kafka, so
   * a span just pinned in evidence is unknown to claims for a moment: callers retry, briefly.
   */
  notFoundRetryMs?: number;
  /** Further headers sent on every request. */
  headers?: Readonly<Record<string, string>>;
}

/** Calls the service that serves each path, over HTTP, as one principal; throws ApiError on 4xx/5xx. */
export function routedClient(options: RoutedClientOptions): ApiCall {
  return async <T = Record<string, unknown>>(
    method: Parameters<ApiCall>[0],
    path: string,
    body?: unknown,
  ): Promise<T> => {
    const service = serviceForPath(path).name;
    const deadline = Date.now() + (options.notFoundRetryMs ?? 10_000);
    for (;;) {
      const base = options.baseUrls().get(service);
      if (!base) throw new Error(`service ${service} is not running`);
      const response = await fetch(`${base}${path}`, {
        method,
        headers: {
          ...options.headers,
          authorization: options.authorization,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      if (response.status === 404 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        continue;
      }
      if (response.status >= 400) throw new ApiError(response.status, text, `${method} ${path} (${service})`);
      return (text.length > 0 ? JSON.parse(text) : {}) as T;
    }
  };
}
