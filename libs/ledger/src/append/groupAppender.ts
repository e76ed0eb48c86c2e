import type { AppendRequest, AppendResult, NewEvent } from '../events/types';
import { MAX_EVENTS_PER_APPEND } from '../events/validateAppend';

export interface GroupAppenderOptions {
  /** How long the first event of a group waits for others before the group is appended. */
  maxDelayMs?: number;
  /** A group this large is appended at once. */
  maxGroup?: number;
}

interface Pending {
  orgId: string;
  streamId: string;
  events: NewEvent[];
  waiters: Array<{ resolve: () => void; reject: (error: unknown) => void }>;
  timer: NodeJS.Timeout;
}

/**
 * Group commit for high-rate records (who viewed which evidence): callers of one (org, stream)
 * within a few milliseconds share one append, and each caller's promise settles only when its
 * record is durable, so a read is never served before its access record exists.
 */
export class GroupAppender {
  private readonly pending = new Map<string, Pending>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly maxDelayMs: number;
  private readonly maxGroup: number;

  constructor(
    private readonly append: (request: AppendRequest) => Promise<AppendResult>,
    options: GroupAppenderOptions = {},
  ) {
    this.maxDelayMs = options.maxDelayMs ?? 5;
    this.maxGroup = Math.min(options.maxGroup ?? 200, MAX_EVENTS_PER_APPEND);
  }

  record(orgId: string, streamId: string, event: NewEvent): Promise<void> {
    const key = JSON.stringify([orgId, streamId]);
    let group = this.pending.get(key);
    if (!group) {
      const created: Pending = {
        orgId,
        streamId,
        events: [],
        waiters: [],
        timer: setTimeout(() => this.flush(key), this.maxDelayMs),
      };
      this.pending.set(key, created);
      group = created;
    }
    group.events.push(event);
    const settled = new Promise<void>((resolve, reject) => group.waiters.push({ resolve, reject }));
    if (group.events.length >= this.maxGroup) this.flush(key);
    return settled;
  }

  /** Appends everything pending and waits for appends in flight. */
  async close(): Promise<void> {
    for (const key of [...this.pending.keys()]) this.flush(key);
    await Promise.allSettled([...this.inFlight]);
  }

  private flush(key: string): void {
    const group = this.pending.get(key);
    if (!group) return;
    this.pending.delete(key);
    clearTimeout(group.timer);
    const { orgId, streamId, events, waiters } = group;
    const done = this.append({ orgId, streamId, expectedRevision: 'any', events }).then(
      () => waiters.forEach((w) => w.resolve()),
      (error: unknown) => waiters.forEach((w) => w.reject(error)),
    );
    this.inFlight.add(done);
    void done.finally(() => this.inFlight.delete(done));
  }
}
