import { join } from 'node:path';
import type { ProjectionDefinition } from '@ledger/projections';
import { briefHandlers } from './briefHandlers';
import { claimHandlers } from './claimHandlers';
import { documentHandlers } from './documentHandlers';
import { entityHandlers } from './entityHandlers';
import { BRIEFS, CLAIMS, DOCUMENTS, ENTITIES, MEETING_PREP_PROJECTION, MENTIONS } from './tables';

/**
 * What a brief is composed from, folded from the claims and evidence events (read, never
 * imported: see eventFields), plus the index of composed briefs. Rows hold ids, offsets and the
 * event ids whose personal parts hold labels, literals and messages.
 */
export const meetingPrepProjection: ProjectionDefinition = {
  name: MEETING_PREP_PROJECTION,
  version: 1,
  prefix: 'meeting_prep_',
  tables: [
    { name: ENTITIES, key: { entity_id: 'text' }, columns: { kind: 'text', label_event_id: 'text' } },
    {
      name: MENTIONS,
      key: { entity_id: 'text', mention_id: 'text' },
      columns: {
        span_id: 'text',
        document_id: 'text',
        document_version_id: 'text',
        start_char: 'integer',
        end_char: 'integer',
        retracted: 'boolean',
      },
    },
    {
      name: CLAIMS,
      key: { claim_id: 'text' },
      columns: {
        subject_entity_id: 'text',
        predicate: 'text',
        object_kind: 'text',
        object_entity_id: 'text',
        citations: 'jsonb',
        status: 'text',
        asserted_event_id: 'text',
        events: 'bigint',
      },
    },
    {
      name: DOCUMENTS,
      key: { document_id: 'text' },
      columns: {
        provider_account_id: 'text',
        message_id: 'text',
        thread_id: 'text',
        latest_version_id: 'text',
        latest_version: 'integer',
        internal_date: 'bigint',
        version_event_id: 'text',
        tombstoned: 'boolean',
      },
    },
    {
      name: BRIEFS,
      key: { brief_id: 'text' },
      columns: {
        subject_kind: 'text',
        subject_entity_id: 'text',
        meeting_date: 'text',
        content_hash: 'text',
        event_id: 'text',
        composed_at: 'timestamptz',
        bullets: 'integer',
      },
    },
  ],
  handlers: { ...entityHandlers, ...claimHandlers, ...documentHandlers, ...briefHandlers },
  migrations: { dir: join(__dirname, '..', '..', 'migrations'), namespace: 'meeting_prep' },
};
