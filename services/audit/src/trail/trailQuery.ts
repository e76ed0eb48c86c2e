import { auditError } from '../auditError';
import {
  CATEGORY_PATTERN,
  EVENT_TYPE_PATTERN,
  checkActor,
  checkPattern,
  checkStreamId,
  parseTimeRange,
} from '../validation';
import { decodeTrailCursor } from './trailCursor';

/** Evidence access as other services record it: Evidence.List calls and brief reads. */
export const ACCESS_EVENT_TYPES = ['EvidenceListed', 'BriefViewed'] as const;

export const MAX_TRAIL_LIMIT = 200;
export const DEFAULT_TRAIL_LIMIT = 50;

export interface TrailQuery {
  /** ISO 8601, inclusive. */
  from?: string;
  /** ISO 8601, exclusive. */
  to?: string;
  actor?: string;
  streamId?: string;
  category?: string;
  type?: string;
  /** Only evidence access (EvidenceListed, BriefViewed). */
  accessOnly?: boolean;
  limit?: number;
  cursor?: string;
}

export interface TrailFilter {
  from?: Date;
  to?: Date;
  actor?: string;
  streamId?: string;
  category?: string;
  /** Any of these types; undefined for every type. */
  types?: readonly string[];
  afterSeq: number;
  limit: number;
}

/** Checks a trail query and turns it into the filter the SQL applies. */
export function parseTrailQuery(query: TrailQuery): TrailFilter {
  const limit = query.limit ?? DEFAULT_TRAIL_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_TRAIL_LIMIT) {
    throw auditError('AUDIT.INVALID_FIELD', 'limit', `must be an integer from 1 to ${MAX_TRAIL_LIMIT}`);
  }
  const type = query.type === undefined ? undefined : checkPattern('type', query.type, EVENT_TYPE_PATTERN);
  let types: readonly string[] | undefined = type === undefined ? undefined : [type];
  if (query.accessOnly) types = ACCESS_EVENT_TYPES.filter((access) => type === undefined || access === type);
  return {
    ...parseTimeRange(query.from, query.to),
    actor: query.actor === undefined ? undefined : checkActor('actor', query.actor),
    streamId: query.streamId === undefined ? undefined : checkStreamId('streamId', query.streamId),
    category: query.category === undefined ? undefined : checkPattern('category', query.category, CATEGORY_PATTERN),
    types,
    afterSeq: query.cursor === undefined ? -1 : decodeTrailCursor(query.cursor),
    limit,
  };
}
