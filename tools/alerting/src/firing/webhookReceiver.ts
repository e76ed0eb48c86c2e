import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One alert of an Alertmanager webhook notification (version 4). */
export interface NotifiedAlert {
  status: 'firing' | 'resolved';
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
}

export interface Notification {
  /** When the receiver got it (ms since the epoch). */
  receivedAt: number;
  status: 'firing' | 'resolved';
  alerts: NotifiedAlert[];
}

export interface WebhookReceiver {
  url: string;
  readonly notifications: readonly Notification[];
  /**
   * The first notification received at or after `since` that carries `alertname` with `status`
   * (and these `labels`, when given); waits for it, polling, up to `timeoutMs`.
   */
  waitFor(
    alertname: string,
    status: 'firing' | 'resolved',
    since: number,
    timeoutMs: number,
    labels?: Record<string, string>,
  ): Promise<Notification>;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** An HTTP server standing in for the on-call pager: it records every notification Alertmanager posts. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const notifications: Notification[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const receivedAt = Date.now();
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Omit<Notification, 'receivedAt'>;
        notifications.push({ receivedAt, status: body.status, alerts: body.alerts });
        response.statusCode = 200;
      } catch {
        response.statusCode = 400;
      }
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const find = (alertname: string, status: string, since: number, labels: Record<string, string>) =>
    notifications.find(
      (notification) =>
        notification.receivedAt >= since &&
        notification.alerts.some(
          (alert) =>
            alert.labels.alertname === alertname &&
            alert.status === status &&
            Object.entries(labels).every(([name, value]) => alert.labels[name] === value),
        ),
    );
  return {
    url: `http://127.0.0.1:${port}/alerts`,
    notifications,
    async waitFor(alertname, status, since, timeoutMs, labels = {}) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = find(alertname, status, since, labels);
        if (found) return found;
        if (Date.now() > deadline) {
          const seen = notifications.map(
            (n) => `${n.status}: ${n.alerts.map((a) => `${a.labels.alertname}=${a.status}`).join(',')}`,
          );
          throw new Error(`no ${status} ${alertname} within ${timeoutMs} ms; received:\n${seen.join('\n')}`);
        }
        await sleep(250);
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
