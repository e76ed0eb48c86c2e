import { streamCategory, type AppendRequest, type Ledger, type SequencedEvent } from '@ledger/ledger';
import { SERVICE_CATEGORIES } from '../relay/relayService';

/** The evidence service's categories interleaved with other services' ones. */
const CATEGORIES = ['evidence', 'claim', 'evidenceaccount', 'brief', 'evidenceaccess', 'entity'];
export const OWN_CATEGORIES = SERVICE_CATEGORIES.evidence;

/** Text that must never reach the bus in clear: it only exists inside sealed personal parts. */
export function personalCanary(orgId: string, i: number): string {
  return `personal-canary-${orgId}-n${i}`;
}

/**
 * The i-th append of a deterministic mix: own and foreign categories in turn, a few streams each,
 * every third event with a personal part and every fourth without trace context.
 */
export function mixedAppend(orgId: string, i: number): AppendRequest {
  const category = CATEGORIES[i % CATEGORIES.length];
  const trace = (i + 1).toString(16).padStart(32, '0');
  return {
    orgId,
    streamId: `${category}-s${i % 5}`,
    expectedRevision: 'any',
    events: [
      {
        type: `${category}.recorded`,
        schemaVersion: 1 + (i % 2),
        data: { n: i },
        ...(i % 3 === 0 ? { personal: { note: personalCanary(orgId, i) } } : {}),
        metadata: {
          actor: 'relay-test',
          ...(i % 4 !== 0 ? { traceparent: `00-${trace}-${trace.slice(16)}-01` } : {}),
        },
      },
    ],
  };
}

/** The org of the i-th append: pairs of appends per org in turn, so that every org gets every category. */
export function orgOf(orgs: readonly string[], i: number): string {
  return orgs[Math.floor(i / 2) % orgs.length];
}

/** Appends events `from` .. `to - 1` of the mix, spread over the orgs. */
export async function appendMixed(ledger: Ledger, orgs: readonly string[], from: number, to: number): Promise<void> {
  for (let i = from; i < to; i++) await ledger.append(mixedAppend(orgOf(orgs, i), i));
}

/** Every sequenced event of the given categories, in log order, once the sequencer has caught up. */
export async function sequencedEvents(ledger: Ledger, categories = OWN_CATEGORIES): Promise<SequencedEvent[]> {
  await ledger.sequencer.drain();
  const events: SequencedEvent[] = [];
  for await (const event of ledger.readAll()) {
    if (categories.includes(streamCategory(event.streamId))) events.push(event);
  }
  return events;
}

/** The last sequenced log position, of any category; -1 for an empty log. */
export async function logHead(ledger: Ledger): Promise<number> {
  await ledger.sequencer.drain();
  let head = -1;
  for await (const event of ledger.readAll()) head = event.logSeq;
  return head;
}
