/** The projection's name and tables; queries and handlers name them from here. */
export const MEETING_PREP_PROJECTION = 'meeting_prep.sources';

export const ENTITIES = 'meeting_prep_entities';
export const MENTIONS = 'meeting_prep_mentions';
export const CLAIMS = 'meeting_prep_claims';
export const DOCUMENTS = 'meeting_prep_documents';
export const BRIEFS = 'meeting_prep_briefs';

/** Claim statuses as the claims table stores them. */
export type ClaimStatus = 'current' | 'superseded' | 'retracted';
