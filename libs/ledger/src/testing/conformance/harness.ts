import { randomUUID } from 'node:crypto';
import type { JsonObject, NewEvent, SequencedEvent } from '../../events/types';
import type { EventStore } from '../../store/eventStore';
import type { Subscription } from '../../subscription/subscription';

/** A store under test and what the suite needs around it. */
export interface EventStoreHarness {
  store: EventStore;
  /** Resolves once every append that has returned is sequenced; at once where appends are sequenced as stored. */
  sequenced(): Promise<void>;
  close(): Promise<void>;
}

export type HarnessRef = () => EventStoreHarness;

export const metadata = { actor: 'conformance' };

/** Orgs and streams are fresh per case, so cases sharing one store never see each other's events. */
export function freshOrg(): string {
  return `org-${randomUUID().slice(0, 8)}`;
}

export function freshStream(category = 'conf'): string {
  return `${category}-${randomUUID()}`;
}

export function event(type: string, data: JsonObject = {}, extra: Partial<NewEvent> = {}): NewEvent {
  return { eventId: randomUUID(), type, data, metadata, ...extra };
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/** Collects until `done` holds; closes the subscription after `timeoutMs` so a missing event fails, not hangs. */
export async function consumeUntil(
  subscription: Subscription,
  done: (seen: SequencedEvent[]) => boolean,
  timeoutMs = 20_000,
): Promise<SequencedEvent[]> {
  const seen: SequencedEvent[] = [];
  const deadline = setTimeout(() => subscription.close(), timeoutMs);
  try {
    for await (const item of subscription) {
      seen.push(item);
      if (done(seen)) break;
    }
  } finally {
    clearTimeout(deadline);
    subscription.close();
  }
  return seen;
}

/** The settled outcome's error code, or 'ok'. */
export async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    return String((error as { code?: unknown }).code ?? error);
  }
}
