import type { Pool } from 'pg';
import type { Ledger } from '@ledger/ledger';
import type { BackoffOptions } from './backoff';
import type { ProducerSource } from './relayProducer';
import type { RelayMetrics } from './relayMetrics';

/** Where a failure happened; `fatal` means the loop itself broke and the relay has stopped. */
export type RelayStage = 'read' | 'publish' | 'checkpoint' | 'fatal';

/** What the relay needs of the ledger: the global log and the signal that events were sequenced (by any process). */
export type RelayLedger = Pick<Ledger, 'readStoredLog' | 'onSequenced'>;

export interface OutboxRelayOptions {
  /** Holds `bus_relay_checkpoints` and reads the log head for the backlog. */
  pool: Pool;
  ledger: RelayLedger;
  kafka: ProducerSource;
  /** The publishing service's name: its topic and its checkpoint row are named after it. */
  service: string;
  /** Stream categories the service owns; events of any other category are passed over. */
  categories: readonly string[];
  /** Default `todox.<service>.events.v1`. */
  topic?: string;
  /** The checkpoint row; default the service name. */
  name?: string;
  /**
   * Log positions looked at, so at most events published, per round; default 2000. A round's
   * fixed costs (its read and its checkpoint's commit) are spread over this many events when
   * there is a backlog; a crash re-publishes at most two rounds (one sent, one awaiting its checkpoint).
   */
  batchSize?: number;
  /** Upper bound of one produce call; a round larger than this is sent in several, in order. Default 900 kB. */
  maxBatchBytes?: number;
  /** Delays between attempts after any failure; default 200 ms doubling up to 10 s. */
  backoff?: BackoffOptions;
  /** How long to wait for new events when no sequencer signal arrives (a lost notification); default 500 ms. */
  pollMs?: number;
  /** How often the backlog gauge is refreshed, also while publishing is failing; default 1 s. */
  backlogIntervalMs?: number;
  /** kafkajs idempotent producer; default true. The librdkafka mock broker needs false. */
  idempotent?: boolean;
  /** Default: OpenTelemetry instruments on the global meter provider. */
  metrics?: RelayMetrics;
  /** Told of every failure; the relay retries all but `fatal`. Must not log event content. */
  onError?: (error: unknown, stage: RelayStage) => void;
}
