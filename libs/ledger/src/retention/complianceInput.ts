import { STREAM_ID_PATTERN } from '../events/validateAppend';
import { RetentionError } from './retentionError';
import { REGULATION_FLOORS, REGULATIONS, type HoldScope, type Regulation } from './retentionTypes';

export const CATEGORY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
export const ENTITY_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;
export const MAX_REASON_LENGTH = 1000;
/** A class may be longer than its floor, up to a century. */
export const MAX_DURATION_MONTHS = 1200;

function invalid(field: string, rule: string): never {
  throw new RetentionError('RETENTION.INVALID_FIELD', field, rule);
}

export function checkReason(reason: string): string {
  const trimmed = reason.trim();
  if (trimmed.length === 0) invalid('reason', 'is required: why the action is taken');
  if (trimmed.length > MAX_REASON_LENGTH) invalid('reason', `must be at most ${MAX_REASON_LENGTH} characters`);
  return trimmed;
}

export function checkCategory(category: string, field = 'category'): string {
  if (!CATEGORY_PATTERN.test(category)) invalid(field, `must match ${CATEGORY_PATTERN.source}`);
  return category;
}

export function checkRegulation(regulation: string): Regulation {
  if (!(REGULATIONS as string[]).includes(regulation))
    invalid('regulation', `must be one of ${REGULATIONS.join(', ')}`);
  return regulation as Regulation;
}

/** The class's duration: the floor when none is given; shorter than the floor is refused. */
export function checkDuration(regulation: Regulation, durationMonths: number | undefined): number {
  const floor = REGULATION_FLOORS[regulation];
  if (durationMonths === undefined) return floor;
  if (!Number.isInteger(durationMonths) || durationMonths < 1 || durationMonths > MAX_DURATION_MONTHS) {
    invalid('durationMonths', `must be an integer from 1 to ${MAX_DURATION_MONTHS}`);
  }
  if (durationMonths < floor) {
    throw new RetentionError(
      'RETENTION.BELOW_FLOOR',
      'durationMonths',
      `must be at least ${floor} months, the floor of ${regulation}`,
    );
  }
  return durationMonths;
}

export function checkScope(scope: HoldScope): HoldScope {
  switch (scope.kind) {
    case 'stream':
      if (!STREAM_ID_PATTERN.test(scope.streamId)) invalid('streamId', `must match ${STREAM_ID_PATTERN.source}`);
      return scope;
    case 'category':
      checkCategory(scope.category);
      return scope;
    case 'entity':
      if (!ENTITY_ID_PATTERN.test(scope.entityId)) invalid('entityId', `must match ${ENTITY_ID_PATTERN.source}`);
      return scope;
    case 'time-range':
      if (Number.isNaN(scope.from.getTime())) invalid('from', 'must be a date');
      if (Number.isNaN(scope.to.getTime())) invalid('to', 'must be a date');
      if (scope.from.getTime() >= scope.to.getTime()) invalid('to', 'must be after from');
      return scope;
    default:
      return invalid('kind', 'must be stream, category, entity or time-range');
  }
}
