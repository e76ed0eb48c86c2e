import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { inTransaction } from '@ledger/postgres';
import type { Ledger } from '../ledger';
import { assertOrgId, assertStreamId } from '../events/validateAppend';
import {
  appendComplianceEvent,
  legalHoldPlacedData,
  legalHoldReleasedData,
  retentionClassSetData,
} from './complianceEvents';
import { checkCategory, checkDuration, checkReason, checkRegulation, checkScope } from './complianceInput';
import { lockOrgHoldsExclusive } from './complianceLock';
import { coverageOf } from './coverage';
import { classOf, holdOf, scopeColumns, type ClassRow, type HoldRow } from './holdRows';
import { RetentionError } from './retentionError';
import {
  systemClock,
  type Clock,
  type Coverage,
  type HoldScope,
  type LegalHold,
  type RetentionClass,
} from './retentionTypes';

export interface RetentionOptions {
  /**
   * Where the tables are written, in the transaction of the event: an HTTP request's org-scoped
   * pool (row-level security keeps it to its org) or the engine's pool.
   */
  pool: Pool;
  ledger: Ledger;
  clock?: Clock;
}

export interface SetClassInput {
  category: string;
  regulation: string;
  /** Defaults to the regulation's floor. */
  durationMonths?: number;
  actor: string;
  reason: string;
}

export interface PlaceHoldInput {
  scope: HoldScope;
  actor: string;
  reason: string;
}

export interface ReleaseHoldInput {
  actor: string;
  reason: string;
}

/**
 * Retention classes and legal holds of an org. Every change is a ledger event (actor, time,
 * sealed reason) appended in the transaction that writes its row, under the org's exclusive holds
 * lock (`complianceLock.ts`), so a shred never decides on a change in flight.
 */
export class Retention {
  private readonly clock: Clock;

  constructor(private readonly options: RetentionOptions) {
    this.clock = options.clock ?? systemClock;
  }

  /** The holds in force on a stream at `at` (default now) and when its retention ends. */
  coverage(orgId: string, streamId: string, at: Date = this.clock.now()): Promise<Coverage> {
    assertOrgId(orgId);
    assertStreamId(streamId);
    return coverageOf(this.options.pool, orgId, streamId, at);
  }

  async setClass(orgId: string, input: SetClassInput): Promise<RetentionClass> {
    assertOrgId(orgId);
    const category = checkCategory(input.category);
    const regulation = checkRegulation(input.regulation);
    const durationMonths = checkDuration(regulation, input.durationMonths);
    const reason = checkReason(input.reason);
    const setAt = this.clock.now();
    return inTransaction(this.options.pool, async (client) => {
      await lockOrgHoldsExclusive(client, orgId);
      const previous = await client.query<ClassRow>(
        'SELECT * FROM ledger_retention_classes WHERE org_id = $1 AND category = $2',
        [orgId, category],
      );
      const before = previous.rows[0];
      const eventId = await appendComplianceEvent(
        this.options.ledger,
        client,
        orgId,
        'RetentionClassSet',
        input.actor,
        retentionClassSetData(
          { category, regulation, durationMonths },
          before ? { regulation: before.regulation, durationMonths: before.duration_months } : null,
        ),
        reason,
      );
      const { rows } = await client.query<ClassRow>(
        `INSERT INTO ledger_retention_classes (org_id, category, regulation, duration_months, set_at, set_event_id)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (org_id, category) DO UPDATE
           SET regulation = EXCLUDED.regulation, duration_months = EXCLUDED.duration_months,
               set_at = EXCLUDED.set_at, set_event_id = EXCLUDED.set_event_id
         RETURNING *`,
        [orgId, category, regulation, durationMonths, setAt, eventId],
      );
      return classOf(rows[0]);
    });
  }

  async classes(orgId: string): Promise<RetentionClass[]> {
    assertOrgId(orgId);
    const { rows } = await this.options.pool.query<ClassRow>(
      'SELECT * FROM ledger_retention_classes WHERE org_id = $1 ORDER BY category',
      [orgId],
    );
    return rows.map(classOf);
  }

  async placeHold(orgId: string, input: PlaceHoldInput): Promise<LegalHold> {
    assertOrgId(orgId);
    const scope = checkScope(input.scope);
    const reason = checkReason(input.reason);
    const holdId = randomUUID();
    const placedAt = this.clock.now();
    return inTransaction(this.options.pool, async (client) => {
      // Waits for every shred of the org in flight; shreds starting later see this hold.
      await lockOrgHoldsExclusive(client, orgId);
      await appendComplianceEvent(
        this.options.ledger,
        client,
        orgId,
        'LegalHoldPlaced',
        input.actor,
        legalHoldPlacedData(holdId, scope),
        reason,
      );
      const { rows } = await client.query<HoldRow>(
        `INSERT INTO ledger_legal_holds
           (org_id, hold_id, scope, stream_id, category, entity_id, from_at, to_at, placed_at, placed_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         RETURNING *`,
        [orgId, holdId, scope.kind, ...scopeColumns(scope), placedAt, input.actor],
      );
      return holdOf(rows[0]);
    });
  }

  async releaseHold(orgId: string, holdId: string, input: ReleaseHoldInput): Promise<LegalHold> {
    assertOrgId(orgId);
    const reason = checkReason(input.reason);
    const releasedAt = this.clock.now();
    return inTransaction(this.options.pool, async (client) => {
      await lockOrgHoldsExclusive(client, orgId);
      const current = await this.holdIn(client, orgId, holdId);
      if (current.releasedAt !== null) {
        throw new RetentionError('RETENTION.ALREADY_RELEASED', 'holdId', 'names a hold already released');
      }
      await appendComplianceEvent(
        this.options.ledger,
        client,
        orgId,
        'LegalHoldReleased',
        input.actor,
        legalHoldReleasedData(holdId),
        reason,
      );
      const { rows } = await client.query<HoldRow>(
        `UPDATE ledger_legal_holds SET released_at = $3, released_by = $4
          WHERE org_id = $1 AND hold_id = $2 RETURNING *`,
        [orgId, holdId, releasedAt, input.actor],
      );
      return holdOf(rows[0]);
    });
  }

  /** The org's holds, newest first; released ones only when asked. */
  async holds(orgId: string, options: { includeReleased?: boolean } = {}): Promise<LegalHold[]> {
    assertOrgId(orgId);
    const { rows } = await this.options.pool.query<HoldRow>(
      `SELECT * FROM ledger_legal_holds
        WHERE org_id = $1 AND ($2 OR released_at IS NULL)
        ORDER BY placed_at DESC, hold_id`,
      [orgId, options.includeReleased ?? false],
    );
    return rows.map(holdOf);
  }

  async hold(orgId: string, holdId: string): Promise<LegalHold> {
    assertOrgId(orgId);
    return this.holdIn(this.options.pool, orgId, holdId);
  }

  private async holdIn(db: Pick<Pool, 'query'>, orgId: string, holdId: string): Promise<LegalHold> {
    if (!UUID.test(holdId)) throw new RetentionError('RETENTION.HOLD_NOT_FOUND', 'holdId', 'names no hold of this org');
    const { rows } = await db.query<HoldRow>('SELECT * FROM ledger_legal_holds WHERE org_id = $1 AND hold_id = $2', [
      orgId,
      holdId,
    ]);
    if (rows.length === 0) throw new RetentionError('RETENTION.HOLD_NOT_FOUND', 'holdId', 'names no hold of this org');
    return holdOf(rows[0]);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
