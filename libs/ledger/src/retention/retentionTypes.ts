/** The built-in regulations and their floors, in months (the migration's `ledger_retention_floors`). */
export const REGULATION_FLOORS = {
  'sec-17a-4': 72,
  'finra-4511': 72,
  'advisers-204-2': 60,
} as const satisfies Record<string, number>;

export type Regulation = keyof typeof REGULATION_FLOORS;

export const REGULATIONS = Object.keys(REGULATION_FLOORS) as Regulation[];

/** A category's retention: personal data is kept `durationMonths` after the stream's last event. */
export interface RetentionClass {
  orgId: string;
  category: string;
  regulation: Regulation;
  durationMonths: number;
  setAt: Date;
  setEventId: string;
}

export type HoldScope =
  | { kind: 'stream'; streamId: string }
  | { kind: 'category'; category: string }
  | { kind: 'entity'; entityId: string }
  | { kind: 'time-range'; from: Date; to: Date };

export interface LegalHold {
  orgId: string;
  holdId: string;
  scope: HoldScope;
  placedAt: Date;
  placedBy: string;
  releasedAt: Date | null;
  releasedBy: string | null;
}

/**
 * What protects a stream's personal data at a moment: the holds in force covering it, and the
 * end of its retention (null when its category has no class, or it has no events: never due).
 */
export interface Coverage {
  heldBy: string[];
  retainedUntil: Date | null;
}

/** The time the compliance code reads; tests move it (retention is counted in years). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
