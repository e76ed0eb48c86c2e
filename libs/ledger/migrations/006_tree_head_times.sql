-- A head is signed again for an unchanged tree on a schedule (libs/ledger/src/signing/TREE_HEADS.md),
-- so an org gathers many heads of one size: the schedule and the staleness gauge find an org's
-- latest signing time through this index instead of reading all of its heads.
CREATE INDEX ledger_tree_heads_org_signed ON ledger_tree_heads (org_id, signed_at);
