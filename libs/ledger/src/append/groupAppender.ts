import type { AppendRequest, AppendResult, NewEvent } from '../events/types';
import { MAX_EVENTS_PER_APPEND } from '../events/validateAppend';

export interface GroupAppenderOptions {
  /**
   * How long a record may wait for company when no append of its stream is in flight; 0 (the
   * default) appends at once, and records arriving meanwhile share the next append.
   */
  maxDelayMs?: number;
  /** A group this large is appended at once. */
  maxGroup?: number;
}

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

interface Group {
  events: NewEvent[];
  waiters: Waiter[];
}

interface StreamQueue {
  orgId: string;
  streamId: string;
  pending: Group | null;
  inFlight: Promise<void> | null;
  timer: NodeJS.Timeout | null;
}

/**
 * Group commit for high-rate records (who viewed which evidence): while one append of an
 * (org, stream) is in flight, the records that arrive wait and then share the next append, so
 * the append rate follows the database's commit rate, not the request rate. Each caller's
 * promise settles only when its record is durable: a read is never served before its access
 * record exists.
 */
export class GroupAppender {
  private readonly queues = new Map<string, StreamQueue>();
  private readonly maxDelayMs: number;
  private readonly maxGroup: number;

  constructor(
    private readonly append: (request: AppendRequest) => Promise<AppendResult>,
    options: GroupAppenderOptions = {},
  ) {
    this.maxDelayMs = options.maxDelayMs ?? 0;
    this.maxGroup = Math.min(options.maxGroup ?? 200, MAX_EVENTS_PER_APPEND);
  }

  record(orgId: string, streamId: string, event: NewEvent): Promise<void> {
    const key = JSON.stringify([orgId, streamId]);
    let queue = this.queues.get(key);
    if (!queue) {
      queue = { orgId, streamId, pending: null, inFlight: null, timer: null };
      this.queues.set(key, queue);
    }
    const group = (queue.pending ??= { events: [], waiters: [] });
    group.events.push(event);
    const settled = new Promise<void>((resolve, reject) => group.waiters.push({ resolve, reject }));
    if (queue.inFlight === null) {
      if (group.events.length >= this.maxGroup || this.maxDelayMs === 0) this.flush(key, queue);
      else queue.timer ??= setTimeout(() => this.flush(key, queue), this.maxDelayMs);
    }
    return settled;
  }

  /** Appends everything pending and waits until nothing is in flight. */
  async close(): Promise<void> {
    for (;;) {
      const busy = [...this.queues.entries()];
      if (busy.length === 0) return;
      for (const [key, queue] of busy) if (queue.inFlight === null) this.flush(key, queue);
      await Promise.allSettled(busy.map(([, queue]) => queue.inFlight));
    }
  }

  private flush(key: string, queue: StreamQueue): void {
    if (queue.timer !== null) clearTimeout(queue.timer);
    queue.timer = null;
    const group = queue.pending;
    if (group === null) {
      this.queues.delete(key);
      return;
    }
    const events = group.events.splice(0, this.maxGroup);
    const waiters = group.waiters.splice(0, events.length);
    if (group.events.length === 0) queue.pending = null;
    const { orgId, streamId } = queue;
    queue.inFlight = this.append({ orgId, streamId, expectedRevision: 'any', events })
      .then(
        () => waiters.forEach((w) => w.resolve()),
        (error: unknown) => waiters.forEach((w) => w.reject(error)),
      )
      .finally(() => {
        queue.inFlight = null;
        // Whatever arrived during this append goes now, as one group.
        this.flush(key, queue);
      });
  }
}
