-- Provider account labels are free text, sealed in the ledger since ProviderAccountRegistered v2:
-- the read model keeps the registering event's id and opens the label at read time. Tables
-- created before keep a clear label column; it goes, and the projection's version bump rebuilds
-- every org so each row gets its event id.
ALTER TABLE evidence_provider_accounts ADD COLUMN IF NOT EXISTS registered_event_id text;
ALTER TABLE evidence_provider_accounts DROP COLUMN IF EXISTS label;
