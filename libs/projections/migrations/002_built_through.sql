-- The last per-org sequence a rebuild applied before its generation became the active one.
-- Events delivered later from another service (multi-node, over Kafka) at or below it are already
-- in that generation, because a rebuild reads every event of the org from the ledger; applying
-- them again would count twice in any handler that accumulates. -1: never rebuilt.
ALTER TABLE projection_state ADD COLUMN built_through bigint NOT NULL DEFAULT -1;
