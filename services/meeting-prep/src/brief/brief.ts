import { createHash } from 'node:crypto';
import { canonicalJson, type JsonValue } from '@ledger/ledger';
import type { Bullet, SectionName } from './bullet';
import type { Disclaimer } from './disclaimer';

export interface BriefSection {
  section: SectionName;
  title: string;
  bullets: readonly Bullet[];
}

/** The exact inputs a brief was composed from, each list sorted. */
export interface BriefSources {
  claims: readonly { claimId: string; revision: number }[];
  mentions: readonly string[];
  threads: readonly string[];
  documentVersions: readonly { documentId: string; documentVersionId: string }[];
}

export interface BriefContent {
  briefId: string;
  orgId: string;
  subject: { kind: 'Client' | 'Household'; entityId: string };
  meetingDate: string;
  /** Half-open ISO 8601 instants: messages sent at or after `from` and before `to`. */
  window: { from: string; to: string };
  sections: readonly BriefSection[];
  sources: BriefSources;
  disclaimer: Disclaimer;
}

export interface Brief extends BriefContent {
  /** Hex SHA-256 of the RFC 8785 JSON of every other field. */
  contentHash: string;
}

/** A brief holds only strings, numbers, arrays and plain objects, so the JSON round trip loses nothing. */
function toJson(content: BriefContent): JsonValue {
  return JSON.parse(JSON.stringify(content)) as JsonValue;
}

export function briefHash(content: BriefContent): string {
  return createHash('sha256')
    .update(canonicalJson(toJson(content)))
    .digest('hex');
}

export function sealBrief(content: BriefContent): Brief {
  return { ...content, contentHash: briefHash(content) };
}

export function verifyBriefHash(brief: Brief): boolean {
  const { contentHash, ...content } = brief;
  return briefHash(content) === contentHash;
}

/** The brief's canonical bytes, hash included: what is appended and what a reader re-checks. */
export function canonicalBrief(brief: Brief): string {
  return canonicalJson(JSON.parse(JSON.stringify(brief)) as JsonValue);
}
