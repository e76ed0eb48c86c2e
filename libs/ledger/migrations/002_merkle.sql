-- One RFC 6962 Merkle tree per org over the leaf hashes in org_seq order. Complete subtrees are
-- addressed by (level, index): level 0 holds the leaf hashes, the node at (L, k) covers leaves
-- [k * 2^L, (k + 1) * 2^L). They are stored in tiles of 16 consecutive nodes of one level, a row
-- per full tile (libs/ledger/src/tree/tileLayout.ts); a tile never changes once written, so the
-- table is append-only like ledger_events. The sequencer writes tiles in the transaction that
-- assigns org_seq, so an org's tree always has exactly ledger_org_heads.next_seq leaves.
CREATE TABLE ledger_merkle_tiles (
  org_id  text     NOT NULL,
  level   smallint NOT NULL CHECK (level >= 0 AND level < 63),
  tile    bigint   NOT NULL CHECK (tile >= 0),
  hashes  bytea    NOT NULL CHECK (octet_length(hashes) = 16 * 32),
  PRIMARY KEY (org_id, level, tile)
);

-- Signed tree heads: what the ledger has committed to, per org. Append-only; a head is never
-- replaced, a later one is added. The signed bytes are described in
-- libs/ledger/src/signing/TREE_HEADS.md.
CREATE TABLE ledger_tree_heads (
  head_id    bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id     text        NOT NULL,
  tree_size  bigint      NOT NULL CHECK (tree_size >= 0),
  root_hash  bytea       NOT NULL CHECK (octet_length(root_hash) = 32),
  signed_at  timestamptz NOT NULL,
  key_id     text        NOT NULL,
  signature  bytea       NOT NULL CHECK (octet_length(signature) = 64)
);
CREATE INDEX ledger_tree_heads_org_size ON ledger_tree_heads (org_id, tree_size);

CREATE TRIGGER ledger_merkle_tiles_immutable_rows BEFORE UPDATE OR DELETE ON ledger_merkle_tiles
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_merkle_tiles_immutable_table BEFORE TRUNCATE ON ledger_merkle_tiles
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_tree_heads_immutable_rows BEFORE UPDATE OR DELETE ON ledger_tree_heads
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_tree_heads_immutable_table BEFORE TRUNCATE ON ledger_tree_heads
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();

GRANT SELECT, INSERT ON ledger_merkle_tiles, ledger_tree_heads TO ledger_writer;

-- Backfill the trees of events sequenced before this migration, level by level: a node exists
-- exactly when both its children do (SHA-256(0x01 || left || right), RFC 6962 section 2.1), and
-- every 16 consecutive nodes of a level starting at a multiple of 16 make a tile.
CREATE TEMPORARY TABLE ledger_backfill_nodes (org_id text, level int, index bigint, hash bytea) ON COMMIT DROP;
INSERT INTO ledger_backfill_nodes
SELECT l.org_id, 0, l.org_seq, e.leaf_hash
  FROM ledger_log l JOIN ledger_events e ON e.position = l.position;

DO $$
DECLARE
  current_level int := 0;
BEGIN
  WHILE EXISTS (SELECT 1 FROM ledger_backfill_nodes WHERE level = current_level) LOOP
    INSERT INTO ledger_merkle_tiles (org_id, level, tile, hashes)
    SELECT org_id, current_level, index / 16, string_agg(hash, ''::bytea ORDER BY index)
      FROM ledger_backfill_nodes
     WHERE level = current_level
     GROUP BY org_id, index / 16
    HAVING count(*) = 16;
    INSERT INTO ledger_backfill_nodes (org_id, level, index, hash)
    SELECT a.org_id, current_level + 1, a.index / 2, sha256('\x01'::bytea || a.hash || b.hash)
      FROM ledger_backfill_nodes a
      JOIN ledger_backfill_nodes b
        ON b.org_id = a.org_id AND b.level = a.level AND b.index = a.index + 1
     WHERE a.level = current_level AND a.index % 2 = 0;
    current_level := current_level + 1;
  END LOOP;
END;
$$;
