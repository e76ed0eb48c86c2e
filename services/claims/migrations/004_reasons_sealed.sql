-- Retraction and supersession reasons are free text, sealed in the ledger since v2 of their
-- events: rows keep the ending event's id and reads open the reason from the ledger. Tables
-- created before keep clear reason columns; they go, and the projection's version bump rebuilds
-- every org so each row gets its event id.
ALTER TABLE claims_mentions ADD COLUMN IF NOT EXISTS retracted_event_id text;
ALTER TABLE claims_mentions DROP COLUMN IF EXISTS reason;
ALTER TABLE claims_claims ADD COLUMN IF NOT EXISTS ended_event_id text;
ALTER TABLE claims_claims DROP COLUMN IF EXISTS reason;
ALTER TABLE claims_claim_history DROP COLUMN IF EXISTS reason;
