import type { PersonalAccess } from '../read/unsealPersonal';

/** An org the store knows and how many sequenced events it has. */
export interface OrgSize {
  orgId: string;
  size: number;
}

export interface OrgRangeOptions {
  /** The last per-org sequence already handled (a checkpoint); -1 to start at the beginning. */
  after: number;
  /** At most this many events. */
  limit: number;
  /** The last per-org sequence to return (inclusive); no bound when absent. */
  through?: number;
  personal?: PersonalAccess;
}

/** A time window [from, to) over recording times, limited to per-org sequences below `before`. */
export interface RecordedWindow {
  from: Date;
  to: Date;
  before: number;
}

/** Inclusive per-org sequence bounds. */
export interface OrgSeqBounds {
  first: number;
  last: number;
}
