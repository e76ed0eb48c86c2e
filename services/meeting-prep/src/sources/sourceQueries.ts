import type { JsonValue } from '@ledger/ledger';
import type { PoolClient } from 'pg';
import type { PinnedSpan } from '../citations/citation';
import { spanListField } from '../projection/eventFields';
import { CLAIMS, DOCUMENTS, ENTITIES, MEETING_PREP_PROJECTION, MENTIONS } from '../projection/tables';

export interface EntityRow {
  entityId: string;
  kind: string;
  labelEventId: string;
}

export interface ClaimRow {
  claimId: string;
  subjectEntityId: string;
  predicate: string;
  object: { kind: 'entity'; entityId: string } | { kind: 'literal' };
  citations: (PinnedSpan & { spanId: string })[];
  /** Revision of the claim's stream: the events the read model has seen of it, minus one. */
  revision: number;
  assertedEventId: string;
}

export interface MentionRow {
  mentionId: string;
  span: PinnedSpan & { spanId: string };
}

/** A document's latest version, as a thread message. */
export interface MessageRow {
  documentId: string;
  documentVersionId: string;
  messageId: string;
  threadId: string;
  internalDate: number;
  versionEventId: string;
}

/**
 * Queries over the live generation of one org. Every statement is scoped by org and generation:
 * ids of another org simply find nothing.
 */
export class SourceQueries {
  constructor(
    private readonly client: PoolClient,
    private readonly orgId: string,
    private readonly generation: number,
  ) {}

  /** A statement whose $1 and $2 are the org and generation; `params` follow from $3. */
  async raw<R extends object>(sql: string, params: unknown[] = []): Promise<R[]> {
    return this.rows<R>(sql, params);
  }

  private async rows<R extends object>(sql: string, params: unknown[] = []): Promise<R[]> {
    const result = await this.client.query<R & Record<string, unknown>>(sql, [this.orgId, this.generation, ...params]);
    return result.rows;
  }

  async entities(entityIds: readonly string[]): Promise<EntityRow[]> {
    if (entityIds.length === 0) return [];
    const rows = await this.rows<{ entity_id: string; kind: string; label_event_id: string }>(
      `SELECT entity_id, kind, label_event_id FROM ${ENTITIES}
        WHERE org_id = $1 AND generation = $2 AND entity_id = ANY($3::text[])
          AND kind IS NOT NULL AND label_event_id IS NOT NULL
        ORDER BY entity_id`,
      [entityIds],
    );
    return rows.map((r) => ({ entityId: r.entity_id, kind: r.kind, labelEventId: r.label_event_id }));
  }

  /** Clients with a current `memberOf` claim naming the household. */
  async members(householdId: string): Promise<string[]> {
    const rows = await this.rows<{ subject_entity_id: string }>(
      `SELECT DISTINCT c.subject_entity_id FROM ${CLAIMS} c
         JOIN ${ENTITIES} e ON e.org_id = c.org_id AND e.generation = c.generation AND e.entity_id = c.subject_entity_id
        WHERE c.org_id = $1 AND c.generation = $2 AND c.status = 'current' AND c.predicate = 'memberOf'
          AND c.object_kind = 'entity' AND c.object_entity_id = $3 AND e.kind = 'Client'
        ORDER BY c.subject_entity_id`,
      [householdId],
    );
    return rows.map((r) => r.subject_entity_id);
  }

  /** Current claims whose subject is one of the entities. */
  async claimsAbout(subjectIds: readonly string[]): Promise<ClaimRow[]> {
    if (subjectIds.length === 0) return [];
    const rows = await this.rows<{
      claim_id: string;
      subject_entity_id: string;
      predicate: string;
      object_kind: string;
      object_entity_id: string | null;
      citations: JsonValue;
      events: string;
      asserted_event_id: string;
    }>(
      `SELECT claim_id, subject_entity_id, predicate, object_kind, object_entity_id, citations, events, asserted_event_id
         FROM ${CLAIMS}
        WHERE org_id = $1 AND generation = $2 AND status = 'current' AND subject_entity_id = ANY($3::text[])
          AND predicate IS NOT NULL AND asserted_event_id IS NOT NULL
        ORDER BY claim_id`,
      [subjectIds],
    );
    return rows.flatMap((r): ClaimRow[] => {
      const object =
        r.object_kind === 'entity' && r.object_entity_id
          ? { kind: 'entity' as const, entityId: r.object_entity_id }
          : r.object_kind === 'literal'
            ? { kind: 'literal' as const }
            : null;
      if (!object) return [];
      return [
        {
          claimId: r.claim_id,
          subjectEntityId: r.subject_entity_id,
          predicate: r.predicate,
          object,
          citations: spanListField(r.citations),
          revision: Math.max(0, Number(r.events) - 1),
          assertedEventId: r.asserted_event_id,
        },
      ];
    });
  }

  async mentionsOf(entityId: string): Promise<MentionRow[]> {
    const rows = await this.rows<{
      mention_id: string;
      span_id: string;
      document_id: string;
      document_version_id: string;
      start_char: number;
      end_char: number;
    }>(
      `SELECT mention_id, span_id, document_id, document_version_id, start_char, end_char FROM ${MENTIONS}
        WHERE org_id = $1 AND generation = $2 AND entity_id = $3 AND NOT retracted AND span_id IS NOT NULL
        ORDER BY mention_id`,
      [entityId],
    );
    return rows.map((r) => ({
      mentionId: r.mention_id,
      span: {
        spanId: r.span_id,
        documentId: r.document_id,
        documentVersionId: r.document_version_id,
        startChar: r.start_char,
        endChar: r.end_char,
      },
    }));
  }

  /** The latest version of each live (not tombstoned) document among the ids. */
  async latestVersions(documentIds: readonly string[]): Promise<Map<string, string>> {
    if (documentIds.length === 0) return new Map();
    const rows = await this.rows<{ document_id: string; latest_version_id: string }>(
      `SELECT document_id, latest_version_id FROM ${DOCUMENTS}
        WHERE org_id = $1 AND generation = $2 AND document_id = ANY($3::text[])
          AND NOT tombstoned AND latest_version_id IS NOT NULL`,
      [documentIds],
    );
    return new Map(rows.map((r) => [r.document_id, r.latest_version_id]));
  }

  /** Threads with at least one live message sent within [fromMs, toMs). */
  async threadsActiveIn(fromMs: number, toMs: number): Promise<string[]> {
    const rows = await this.rows<{ thread_id: string }>(
      `SELECT DISTINCT thread_id FROM ${DOCUMENTS}
        WHERE org_id = $1 AND generation = $2 AND NOT tombstoned AND thread_id IS NOT NULL
          AND internal_date >= $3 AND internal_date < $4
        ORDER BY thread_id`,
      [fromMs, toMs],
    );
    return rows.map((r) => r.thread_id);
  }

  /** Every live message of the threads, at its latest version. */
  async messagesOf(threadIds: readonly string[], limit: number): Promise<MessageRow[]> {
    if (threadIds.length === 0) return [];
    const rows = await this.rows<{
      document_id: string;
      latest_version_id: string;
      message_id: string | null;
      thread_id: string;
      internal_date: string;
      version_event_id: string;
    }>(
      `SELECT document_id, latest_version_id, message_id, thread_id, internal_date, version_event_id FROM ${DOCUMENTS}
        WHERE org_id = $1 AND generation = $2 AND NOT tombstoned AND thread_id = ANY($3::text[])
          AND latest_version_id IS NOT NULL AND version_event_id IS NOT NULL AND internal_date IS NOT NULL
        ORDER BY thread_id, document_id
        LIMIT $4`,
      [threadIds, limit],
    );
    return rows.map((r) => ({
      documentId: r.document_id,
      documentVersionId: r.latest_version_id,
      messageId: r.message_id ?? r.document_id,
      threadId: r.thread_id,
      internalDate: Number(r.internal_date),
      versionEventId: r.version_event_id,
    }));
  }

  /** The per-org sequence number the live generation has applied, null before the first batch. */
  async appliedSeq(): Promise<number | null> {
    const rows = await this.rows<{ last_seq: string }>(
      `SELECT last_seq FROM projection_checkpoints WHERE org_id = $1 AND generation = $2 AND projection = $3`,
      [MEETING_PREP_PROJECTION],
    );
    return rows.length === 0 ? null : Number(rows[0].last_seq);
  }
}
