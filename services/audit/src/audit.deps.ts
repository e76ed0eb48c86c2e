import type { Ledger, PublicSigningKey, Retention, SigningKeyProvider, TreeHeadPublisher } from '@ledger/ledger';
import type { ProjectionDefinition, ProjectionWaiter } from '@ledger/projections';
import type { Pool } from 'pg';
import type { ErasureGuard } from './erasure/erasureGuard';

/** What the audit use cases need; the Nest module builds it from the core providers. */
export interface AuditDeps {
  /**
   * The Ledger itself, not only the EventStore port: projection administration (resume, skip,
   * rebuild) appends its audit record inside the transaction that changes projection state,
   * an append with a client the port does not offer. Trail and export take the port.
   */
  ledger: Ledger;
  /** Reads the ledger and the projection tables; writes tree heads and projection generations. */
  pool: Pool;
  waiter: ProjectionWaiter;
  /** Signs tree heads and export manifests. */
  signingKeys: SigningKeyProvider;
  /**
   * The process's one tree-head publisher: with a checkpoint store it refuses to sign an org
   * whose database contradicts its published head, and keeps every head it signs there.
   */
  treeHeads: TreeHeadPublisher;
  /** The public keys verification trusts: from configuration, never from the database it checks. */
  trustedKeys: readonly PublicSigningKey[];
  /** Retention classes and legal holds, on the request pool (row-level security by the token's org). */
  retention: Retention;
  /** Every projection of the process, for the operators' admin routes. */
  projections: readonly ProjectionDefinition[];
  /** What retention and legal holds cover: erasure refuses it (a `Retention` of @ledger/ledger). */
  guard: ErasureGuard;
  /** Where export bundles are assembled before they are streamed (default: the OS temp dir). */
  workDir?: string;
}
