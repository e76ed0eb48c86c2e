import type { RequestContext } from '@ledger/tenancy';
import { meetingPrepError } from '../meetingPrepError';
import { BRIEFS } from '../projection/tables';
import { checkId } from '../compose-brief/composeInput';
import { findSubject, withSnapshot } from '../sources/gatherSources';

export interface ListBriefsInput {
  subjectEntityId: string;
  /** 1..200, default 50. */
  limit?: number;
  cursor?: string;
}

/** A brief in a list: ids, dates and hash only, so listing is not a read of its content. */
export interface BriefSummary {
  briefId: string;
  subject: { kind: 'Client' | 'Household'; entityId: string };
  meetingDate: string;
  contentHash: string;
  composedAt: string;
  bullets: number;
}

export interface BriefPage {
  items: BriefSummary[];
  nextCursor: string | null;
}

type Position = [meetingDate: string, briefId: string];

function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

function decodeCursor(cursor: string): Position {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string')) {
      return [value[0] as string, value[1] as string];
    }
  } catch {
    // falls through to the validation error
  }
  throw meetingPrepError('MEETING_PREP.INVALID_FIELD', 'cursor', 'must be a cursor returned by this list');
}

/** Briefs of one subject, latest meeting first, then by id; from the briefs index. */
export async function listBriefs(
  pool: Parameters<typeof withSnapshot>[0],
  ctx: RequestContext,
  input: ListBriefsInput,
): Promise<BriefPage> {
  const subjectEntityId = checkId(input.subjectEntityId, 'subjectEntityId');
  const limit = input.limit ?? 50;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > 200) {
    throw meetingPrepError('MEETING_PREP.INVALID_FIELD', 'limit', 'must be an integer from 1 to 200');
  }
  const after = input.cursor === undefined ? null : decodeCursor(input.cursor);
  return withSnapshot(pool, ctx.orgId, async (q) => {
    const subject = await findSubject(q, subjectEntityId);
    const rows = await q.raw<{
      brief_id: string;
      subject_kind: 'Client' | 'Household';
      meeting_date: string;
      content_hash: string;
      composed_at: Date;
      bullets: number;
    }>(
      `SELECT brief_id, subject_kind, meeting_date, content_hash, composed_at, bullets FROM ${BRIEFS}
        WHERE org_id = $1 AND generation = $2 AND subject_entity_id = $3
          AND ($4::text IS NULL OR meeting_date < $4 OR (meeting_date = $4 AND brief_id > $5))
        ORDER BY meeting_date DESC, brief_id
        LIMIT $6`,
      [subject.entityId, after?.[0] ?? null, after?.[1] ?? null, limit + 1],
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({
        briefId: r.brief_id,
        subject: { kind: r.subject_kind, entityId: subject.entityId },
        meetingDate: r.meeting_date,
        contentHash: r.content_hash,
        composedAt: r.composed_at.toISOString(),
        bullets: r.bullets,
      })),
      nextCursor: rows.length > limit && last ? encodeCursor([last.meeting_date, last.brief_id]) : null,
    };
  });
}
