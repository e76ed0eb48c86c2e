/**
 * `npm run bench:pipeline [-- --quick]`: the multi-node event pipeline on the Kafka test broker
 * (librdkafka's mock cluster, loopback only) and a fresh PostgreSQL database. Prints one JSON
 * line and writes outputs/bench/pipeline.json; progress goes to stderr.
 *
 * 1. End-to-end latency (target p99 < 250 ms at 1,000 events/s). The evidence node runs in this
 *    process as multi-node runs it (privilege gate, core as svc_evidence with its projection
 *    runner, bus bridge, HTTP), and the claims node in a child process the same way (serviceMain's
 *    startServiceNode, plus an onOutcome observer printing each committed message). SpanPinned
 *    events, which the claims projection turns into a `claims_spans` row, are appended one per
 *    append through the evidence node's ledger, open loop at a paced rate: a warm-up (6 s in full
 *    mode, 0.5 s with --quick; it also waits for the consumer group to join and every stream's
 *    data key to exist), then the measured
 *    window. Latency = from just before `ledger.append` to the commit of the claims transaction
 *    that inserted the row (onOutcome fires after commit); both processes read
 *    performance.timeOrigin + performance.now(), one clock on one machine.
 *    e2e_rate_eps = measured appends / (first append start .. last append acknowledged).
 *    Diagnostics of the window: the largest backlogs, sampled every 100 ms, between the log head
 *    and the evidence relay's checkpoint (relay) and between that and claims' inbox (consumer);
 *    e2e_claims_apply_eps, the rate at which claims applied the window's events (its capacity
 *    when it falls behind); the evidence node's event-loop utilisation; CPU use in cores per process group (`rest_of_machine` is everyone
 *    else's work on the machine); and, on stderr, the median latency of each second's appends. Full mode then measures a second window at LOW_RATE events/s,
 *    once the first has drained, to separate the pipeline's own latency from queueing.
 * 2. Relay throughput against raw kafkajs, after the nodes have stopped: N more evidence events
 *    are appended (100 per append, four orgs); then, alternating which goes first, an OutboxRelay
 *    publishes the whole evidence log to a fresh topic (timed from start() until the broker has
 *    acknowledged every message, so including its producer's connect, its reads of the log and
 *    its checkpoint writes), and a raw kafkajs producer with the relay's own settings (idempotent
 *    off, one request in flight, murmur2 partitioner, acks -1) sends the very messages the relay
 *    produces (storedEventMessage of the same reads), grouped exactly as the relay groups them (one
 *    send per read of 2,000 log positions, split at 900 kB), sequentially, to another fresh topic
 *    (timed from connect to the last acknowledgement). Both run once on the first 10 sends'
 *    messages beforehand (warm-up). relay_ratio = median relay_eps / median raw_produce_eps over
 *    the rounds (3 with --quick, 5 otherwise).
 *
 * Everything shares the machine's cores with PostgreSQL and the broker, and with whatever else
 * runs there: `load_avg_1m` is the load when the run started.
 *
 * `--telemetry-cost [--quick] [--rounds N]` runs this bench N times (default 3) with telemetry off
 * and N times on, in both nodes, alternating (`pipelineTelemetryCost.ts`), and writes
 * outputs/bench/telemetry-cost-pipeline.json instead.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Kafka, logLevel, Partitioners, type Message } from 'kafkajs';
import { Pool } from 'pg';
import pino from 'pino';
import {
  KafkaTestBroker,
  OutboxRelay,
  splitByBytes,
  storedEventMessage,
  topicSize,
  type RelayMetrics,
} from '@ledger/bus';
import { deadLetterTopic, SCHEMA_VERSION } from '@ledger/contracts';
import { evidenceService } from '@ledger/evidence';
import { createPool, Ledger, LocalKeyProvider, type AppendRequest } from '@ledger/ledger';
import { openBenchDatabase, percentile, progress, reportBench, round } from '@ledger/ledger/bench';
import { createLogger } from '@ledger/observability';
import {
  ensureServiceLogin,
  loadDevAuth,
  readServiceConfig,
  type ServiceNode,
  serviceRole,
  startServiceNode,
} from '@ledger/host';
import { SERVICES, serviceNamed } from '@ledger/registry';
import { devSecrets } from '../src/launch/devSecrets';
import { runMigrateJob } from '../src/launch/migrateJob';
import { RUN_WITH_TELEMETRY } from '@ledger/observability/bench';
import { CpuShare } from './cpuShare';

const quick = process.argv.includes('--quick');
// kafkajs's one-time notice about its v2 default partitioner, which the relay chooses explicitly.
process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';

const RATE = 1000;
const E2E_SECONDS = quick ? 3 : 10;
/*
 * Full mode warms up for 6 s: on a database created for the run, the first seconds at full rate
 * also pay for autovacuum's first passes over the growing tables, connection pools filling and
 * code being optimised, which a 2 s warm-up left inside the measured window.
 */
const WARMUP_EVENTS = quick ? 500 : 6000;
/** Full mode only: a rate the pipeline keeps up with, for its latency without queueing. */
const LOW_RATE = 100;
const LOW_RATE_SECONDS = 6;
/** --quick: when to stop waiting for the window's events, leaving time for the relay phase and shutdown. */
const QUICK_DRAIN_DEADLINE_S = 18;
const RELAY_EVENTS = quick ? 5_000 : 50_000;
const ROUNDS = quick ? 3 : 5;
const PARTITIONS = 3;
const ORGS = ['org-bench-a', 'org-bench-b', 'org-bench-c', 'org-bench-d'];
/** Document streams per org; the warm-up appends to each (creating its data key) before the window. */
const DOCS_PER_ORG = 125;
const SEED_PER_APPEND = 100;
const SEED_WRITERS = 4;
/** The relay's defaults: 2,000 log positions per round, one produce call per 900 kB. */
const RELAY_PAGE = 2000;
const RELAY_MAX_BATCH_BYTES = 900_000;
const TARGET_P99_MS = 250;
const TARGET_RATIO = 0.7;

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const benchStarted = performance.now();
const step = (message: string) => progress(`${round((performance.now() - benchStarted) / 1000, 1)}s ${message}`);

/** The n-th SpanPinned of the run: a span of one of the org's documents, with its pinned text sealed. */
function spanPinned(n: number, document: number, eventId?: string): AppendRequest {
  const documentId = `doc-${document}`;
  const startChar = n % 1000;
  return {
    orgId: ORGS[n % ORGS.length],
    streamId: `evidence-${documentId}`,
    expectedRevision: 'any',
    events: [
      {
        ...(eventId ? { eventId } : {}),
        type: 'SpanPinned',
        schemaVersion: SCHEMA_VERSION,
        data: {
          spanId: `${documentId}:v1:s${n}`,
          documentId,
          documentVersionId: `${documentId}:v1`,
          startChar,
          endChar: startChar + 48,
        },
        personal: { text: `pinned text of span ${n}, long enough to look real.` },
        metadata: { actor: 'bench-advisor' },
      },
    ],
  };
}

/**
 * Each org's documents in turn, passing over any with an append still in flight: two appends
 * racing on one stream would measure retries of this generator's making, not the pipeline.
 */
class DocumentPicker {
  private readonly next = new Map<string, number>();
  private readonly busy = new Set<string>();

  take(orgId: string): { document: number; release(): void } {
    const start = this.next.get(orgId) ?? 0;
    let document = start % DOCS_PER_ORG;
    for (let tried = 0; tried < DOCS_PER_ORG && this.busy.has(`${orgId}/${document}`); tried++) {
      document = (document + 1) % DOCS_PER_ORG;
    }
    // Every document has an append in flight (a cold start): a spare one, never a race on a stream.
    for (let spare = DOCS_PER_ORG; this.busy.has(`${orgId}/${document}`); spare++) document = spare;
    this.next.set(orgId, document + 1);
    const key = `${orgId}/${document}`;
    this.busy.add(key);
    return { document, release: () => this.busy.delete(key) };
  }
}

const documents = new DocumentPicker();

/** The claims node's process: per event id, when its transaction committed and how it ended. */
interface ClaimsChild {
  pid: number;
  outcomes: Map<string, { at: number; outcome: string }>;
  /** Hands the child its environment and resolves once its node is up. */
  start(env: NodeJS.ProcessEnv): Promise<void>;
  stop(): Promise<void>;
}

/** Spawned first thing, so that loading its modules overlaps the database, broker and migrations. */
function spawnClaimsChild(): ClaimsChild {
  // Under --telemetry-cost the claims node starts telemetry first, on or off, as this process did.
  const entry = process.env.BENCH_TELEMETRY ? [RUN_WITH_TELEMETRY] : [];
  const child: ChildProcess = spawn(
    process.execPath,
    [require.resolve('tsx/cli'), ...entry, join(__dirname, 'claimsNode.ts')],
    { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, BENCH_SERVICE_NAME: 'bench-claims' } },
  );
  const outcomes = new Map<string, { at: number; outcome: string }>();
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let ready: () => void = () => undefined;
  const isReady = new Promise<void>((resolve) => (ready = resolve));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (line === 'ready') ready();
    else if (line.startsWith('o ')) {
      const [, eventId, outcome, at] = line.split(' ');
      outcomes.set(eventId, { at: Number(at), outcome });
    }
  });
  return {
    pid: child.pid!,
    outcomes,
    async start(env) {
      child.stdin!.write(`${JSON.stringify({ ...env, SERVICES: 'claims', PORT: '0' })}\n`);
      await Promise.race([
        isReady,
        exited.then((code) => Promise.reject(new Error(`the claims node exited with ${code} before it was ready`))),
      ]);
    },
    async stop() {
      child.stdin!.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

interface PacedRun {
  /** Per event id, when its append began. */
  started: Map<string, number>;
  appendMs: number[];
  elapsedMs: number;
  failures: number;
}

/** Appends `count` SpanPinned events at `rate`/s, open loop (each append starts on time, whatever the others do). */
async function appendPaced(ledger: Ledger, first: number, count: number, rate: number): Promise<PacedRun> {
  const started = new Map<string, number>();
  const appendMs: number[] = [];
  const inFlight = new Set<Promise<void>>();
  let failures = 0;
  let lastDone = 0;
  const begin = now();
  let next = 0;
  while (next < count) {
    const due = Math.min(count, Math.floor(((now() - begin) * rate) / 1000) + 1);
    for (; next < due; next++) {
      const eventId = randomUUID();
      const n = first + next;
      const picked = documents.take(ORGS[n % ORGS.length]);
      const request = spanPinned(n, picked.document, eventId);
      const at = now();
      started.set(eventId, at);
      const append = ledger.append(request).then(
        () => {
          lastDone = now();
          appendMs.push(lastDone - at);
        },
        (error: unknown) => {
          failures += 1;
          started.delete(eventId);
          if (failures <= 3) progress(`append failed: ${error instanceof Error ? error.message : String(error)}`);
        },
      );
      inFlight.add(append);
      void append.finally(() => {
        picked.release();
        inFlight.delete(append);
      });
    }
    await sleep(1);
  }
  await Promise.all(inFlight);
  return { started, appendMs: appendMs.sort((a, b) => a - b), elapsedMs: lastDone - begin, failures };
}

/** Waits until every id has an outcome, or the time runs out; returns how many are missing. */
async function awaitOutcomes(claims: ClaimsChild, ids: Iterable<string>, timeoutMs: number): Promise<number> {
  const waiting = new Set(ids);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const id of waiting) if (claims.outcomes.has(id)) waiting.delete(id);
    if (waiting.size === 0 || Date.now() > deadline) return waiting.size;
    await sleep(10);
  }
}

/** CPU groups: this process under `self`, the claims child, PostgreSQL and the broker if this run started them. */
function processGroups(self: string, claimsPid?: number): ConstructorParameters<typeof CpuShare>[0] {
  return (pid, { comm }, ancestors) => {
    const ours = ancestors.includes(process.pid);
    if (pid === process.pid) return self;
    if (claimsPid !== undefined && (pid === claimsPid || ancestors.includes(claimsPid))) return 'claims_node';
    if (ours && comm === 'postgres') return 'postgres';
    if (ours && comm === 'mockkafka') return 'broker';
    return ours ? 'bench_helpers' : '';
  };
}

/**
 * Where a backlog builds up, sampled every 100 ms: events sequenced but not yet past the
 * evidence relay's checkpoint, and relayed but not yet applied by claims.
 */
class LagSampler {
  private relayLagMax = 0;
  private consumerLagMax = 0;
  private running = true;
  private readonly loop: Promise<void>;

  constructor(private readonly pool: Pool) {
    this.loop = this.run();
  }

  async stop(): Promise<{ relayLagMax: number; consumerLagMax: number }> {
    this.running = false;
    await this.loop;
    return { relayLagMax: this.relayLagMax, consumerLagMax: this.consumerLagMax };
  }

  private async run(): Promise<void> {
    while (this.running) {
      const { rows } = await this.pool.query<{ head: string; checkpoint: string; applied: string }>(
        `SELECT (SELECT COALESCE(max(log_seq), -1) FROM ledger_log) AS head,
                (SELECT COALESCE(max(last_log_seq), -1) FROM bus_relay_checkpoints WHERE relay = 'evidence') AS checkpoint,
                (SELECT count(*) FROM claims_inbox) AS applied`,
      );
      const [head, checkpoint, applied] = [rows[0].head, rows[0].checkpoint, rows[0].applied].map(Number);
      this.relayLagMax = Math.max(this.relayLagMax, head - checkpoint);
      this.consumerLagMax = Math.max(this.consumerLagMax, checkpoint + 1 - applied);
      await sleep(100);
    }
  }
}

interface Window {
  events: number;
  rateEps: number;
  latencies: number[];
  appendMs: number[];
  applyEps: number;
  missing: number;
  notApplied: number;
  appendFailures: number;
  relayLagMax: number;
  consumerLagMax: number;
  cpu: Record<string, number> | null;
  /** Share of the window the evidence node's event loop was busy (its main thread runs appends, runner and relay). */
  evidenceLoop: number;
}

/** One paced window: appends, then waits (up to `drainMs`) for claims to apply them all. */
async function measureWindow(
  ledger: Ledger,
  claims: ClaimsChild,
  observer: Pool,
  first: number,
  rate: number,
  seconds: number,
  drainMs: () => number,
): Promise<Window> {
  const cpu = new CpuShare(processGroups('evidence_node', claims.pid));
  const loopBefore = performance.eventLoopUtilization();
  const sampler = new LagSampler(observer);
  const run = await appendPaced(ledger, first, rate * seconds, rate);
  const cpuCores = cpu.finish();
  const evidenceLoop = performance.eventLoopUtilization(loopBefore).utilization;
  const lags = await sampler.stop();
  const missing = await awaitOutcomes(claims, run.started.keys(), drainMs());
  const gaveUpAt = now();
  const latencies: number[] = [];
  const applied: number[] = [];
  let notApplied = 0;
  for (const [id, at] of run.started) {
    const outcome = claims.outcomes.get(id);
    if (!outcome) {
      // Not applied when the wait ended: what it had waited so far, so the percentiles are lower bounds.
      latencies.push(gaveUpAt - at);
      continue;
    }
    if (outcome.outcome !== 'applied') notApplied += 1;
    latencies.push(outcome.at - at);
    applied.push(outcome.at);
  }
  const applySeconds = (Math.max(...applied) - Math.min(...applied)) / 1000;
  // How latency moved through the window: the median of each second's appends.
  const bySecond = new Map<number, number[]>();
  const windowStart = Math.min(...run.started.values());
  for (const [id, at] of run.started) {
    const outcome = claims.outcomes.get(id);
    const second = Math.floor((at - windowStart) / 1000);
    if (!outcome) continue;
    if (!bySecond.has(second)) bySecond.set(second, []);
    bySecond.get(second)!.push(outcome.at - at);
  }
  const medians = [...bySecond].sort(([a], [b]) => a - b).map(([, values]) => round(median(values), 0));
  progress(`median latency per second of appends (ms): ${medians.join(' ')}`);
  return {
    events: run.started.size,
    rateEps: run.started.size / (run.elapsedMs / 1000),
    latencies: latencies.sort((a, b) => a - b),
    appendMs: run.appendMs,
    applyEps: applied.length > 1 ? applied.length / applySeconds : 0,
    missing,
    notApplied,
    appendFailures: run.failures,
    ...lags,
    cpu: cpuCores,
    evidenceLoop,
  };
}

async function endToEnd(
  claims: ClaimsChild,
  env: NodeJS.ProcessEnv,
  observer: Pool,
): Promise<{ main: Window; low: Window | null }> {
  step('starting the claims node (child process) and the evidence node (this process)');
  const logger = createLogger({ service: 'evidence', level: 'warn', destination: pino.destination(2) });
  const owner = env.DATABASE_URL as string;
  const evidenceEnv = {
    ...env,
    DATABASE_URL: await ensureServiceLogin(owner, serviceNamed('evidence')),
    SERVICES: 'evidence',
    PORT: '0',
  };
  const [, evidence] = await Promise.all([
    claims.start({ ...env, DATABASE_URL: await ensureServiceLogin(owner, serviceNamed('claims')) }),
    (async (): Promise<ServiceNode> =>
      startServiceNode({
        config: readServiceConfig(evidenceEnv, SERVICES),
        keyProvider: LocalKeyProvider.fromEnv(env.LEDGER_MASTER_KEYS!),
        auth: (await loadDevAuth(evidenceEnv, '')).verifier,
        logger,
      }))(),
  ]);
  try {
    const ledger = evidence.core.core.ledger;
    step(`warm-up: ${WARMUP_EVENTS} events at ${RATE}/s, until the claims node has applied them all`);
    const warmup = await appendPaced(ledger, 0, WARMUP_EVENTS, RATE);
    const warmupMissing = await awaitOutcomes(claims, warmup.started.keys(), 60_000);
    if (warmupMissing > 0) throw new Error(`${warmupMissing} warm-up events never reached the claims projection`);
    step(`measuring: ${RATE * E2E_SECONDS} events at ${RATE}/s`);
    // --quick stops waiting in time to finish within 30 s; what is still unapplied then is reported as missing.
    const drainMs = () =>
      quick ? Math.max(1000, QUICK_DRAIN_DEADLINE_S * 1000 - (performance.now() - benchStarted)) : 60_000;
    const main = await measureWindow(ledger, claims, observer, WARMUP_EVENTS, RATE, E2E_SECONDS, drainMs);
    step(
      `e2e at ${round(main.rateEps, 0)}/s: p50 ${round(percentile(main.latencies, 50))} ms, ` +
        `p99 ${round(percentile(main.latencies, 99))} ms; claims applied ${round(main.applyEps, 0)}/s; ` +
        `${main.missing} missing; cpu ${JSON.stringify(main.cpu)}`,
    );
    let low: Window | null = null;
    if (!quick) {
      step(`measuring: ${LOW_RATE * LOW_RATE_SECONDS} events at ${LOW_RATE}/s`);
      low = await measureWindow(ledger, claims, observer, 1_000_000, LOW_RATE, LOW_RATE_SECONDS, () => 60_000);
      step(
        `e2e at ${round(low.rateEps, 0)}/s: p50 ${round(percentile(low.latencies, 50))} ms, ` +
          `p99 ${round(percentile(low.latencies, 99))} ms`,
      );
    }
    return { main, low };
  } finally {
    await Promise.all([claims.stop(), evidence.close()]);
  }
}

/** Appends RELAY_EVENTS more evidence events, 100 per append, as the evidence role. */
async function seed(ledger: Ledger): Promise<void> {
  const appends = Math.ceil(RELAY_EVENTS / SEED_PER_APPEND);
  await Promise.all(
    Array.from({ length: SEED_WRITERS }, async (_, writer) => {
      for (let a = writer; a < appends; a += SEED_WRITERS) {
        const events = Array.from(
          { length: SEED_PER_APPEND },
          (_, i) => spanPinned(a * SEED_PER_APPEND + i, a % 40).events[0],
        );
        const orgId = ORGS[a % ORGS.length];
        await ledger.append({ orgId, streamId: `evidence-seed-${a % 40}`, expectedRevision: 'any', events });
      }
    }),
  );
  await ledger.sequencer.drain();
}

/** The relay's produce calls for the whole log: per read of 2,000 log positions, their evidence messages, split at 900 kB. */
async function relaySends(ledger: Ledger): Promise<{ sends: Message[][]; messages: number; logEvents: number }> {
  const sends: Message[][] = [];
  let messages = 0;
  for (let from = 0; ;) {
    const page = await ledger.readStoredLog({ from, limit: RELAY_PAGE, categories: evidenceService.categories });
    const batch = page.events.map(storedEventMessage);
    sends.push(...splitByBytes(batch, RELAY_MAX_BATCH_BYTES));
    messages += batch.length;
    if (page.scannedThrough >= page.head) return { sends, messages, logEvents: page.head + 1 };
    from = page.scannedThrough + 1;
  }
}

function benchKafka(broker: KafkaTestBroker, clientId: string): Kafka {
  return new Kafka({ clientId, brokers: broker.bootstrap, logLevel: logLevel.NOTHING });
}

/** Seconds to connect and send every batch in turn, with RelayProducer's settings. */
async function rawProduce(broker: KafkaTestBroker, topic: string, sends: Message[][]): Promise<number> {
  const producer = benchKafka(broker, 'bench-raw').producer({
    idempotent: false,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  const started = performance.now();
  await producer.connect();
  for (const messages of sends) await producer.send({ topic, acks: -1, messages });
  const seconds = (performance.now() - started) / 1000;
  await producer.disconnect();
  return seconds;
}

/** Seconds from a fresh relay's start until the broker has acknowledged `expected` messages. */
async function relayPublish(
  broker: KafkaTestBroker,
  ledger: Ledger,
  pool: Pool,
  topic: string,
  expected: number,
): Promise<number> {
  let published = 0;
  let failures = 0;
  let allAcknowledged: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (allAcknowledged = resolve));
  const metrics: RelayMetrics = {
    published(_relay, count) {
      published += count;
      if (published >= expected) allAcknowledged();
    },
    publishFailed() {
      failures += 1;
    },
    backlog() {},
  };
  const relay = new OutboxRelay({
    pool,
    ledger,
    kafka: benchKafka(broker, 'bench-relay'),
    service: 'evidence',
    categories: evidenceService.categories,
    topic,
    name: `bench-${topic}`,
    idempotent: false,
    metrics,
    onError: (error, stage) => progress(`relay ${stage} failed: ${error instanceof Error ? error.message : error}`),
  });
  const started = performance.now();
  relay.start();
  await done;
  const seconds = (performance.now() - started) / 1000;
  await relay.stop();
  if (failures > 0) progress(`the relay retried ${failures} publish attempts`);
  return seconds;
}

interface RelayResult {
  events: number;
  relayEps: number;
  rawEps: number;
  rounds: Array<{ relay_eps: number; raw_produce_eps: number }>;
  /** Cores each process group used while the relay (or the raw producer) ran, averaged over the rounds. */
  relayCpu: Record<string, number> | null;
  rawCpu: Record<string, number> | null;
}

function averageCores(samples: Array<Record<string, number> | null>): Record<string, number> | null {
  const present = samples.filter((sample): sample is Record<string, number> => sample !== null);
  if (present.length === 0) return null;
  const sums = new Map<string, number>();
  for (const sample of present)
    for (const [group, cores] of Object.entries(sample)) sums.set(group, (sums.get(group) ?? 0) + cores);
  return Object.fromEntries([...sums].map(([group, sum]) => [group, round(sum / present.length)]));
}

async function relayThroughput(broker: KafkaTestBroker, url: string, masterKeys: string): Promise<RelayResult> {
  const pool = createPool({ connectionString: url, max: 10, role: serviceRole(evidenceService) });
  const ledger = new Ledger({ pool, keyProvider: LocalKeyProvider.fromEnv(masterKeys), connectionString: url });
  try {
    step(`relay throughput: appending ${RELAY_EVENTS} more evidence events`);
    await seed(ledger);
    const { sends, messages, logEvents } = await relaySends(ledger);
    const bytes = sends.flat().reduce((sum, m) => sum + Buffer.byteLength(m.value as string), 0);
    step(
      `log: ${logEvents} events, ${messages} evidence messages of ${round(bytes / messages, 0)} B in ${sends.length} sends`,
    );
    const check = benchKafka(broker, 'bench-check');
    // Both sides once on a few thousand messages first, so that neither pays for a cold start.
    const warmupSends = sends.slice(0, 10);
    await broker.createTopic('bench.warmup.raw', PARTITIONS);
    await broker.createTopic('bench.warmup.relay', PARTITIONS);
    await rawProduce(broker, 'bench.warmup.raw', warmupSends);
    await relayPublish(broker, ledger, pool, 'bench.warmup.relay', warmupSends.flat().length);
    const rounds: RelayResult['rounds'] = [];
    const rawCpu: Array<Record<string, number> | null> = [];
    const relayCpu: Array<Record<string, number> | null> = [];
    for (let r = 0; r < ROUNDS; r++) {
      const rawTopic = `bench.raw.${r}`;
      const relayTopic = `bench.relay.${r}`;
      await broker.createTopic(rawTopic, PARTITIONS);
      await broker.createTopic(relayTopic, PARTITIONS);
      let rawSeconds = 0;
      let relaySeconds = 0;
      // Alternate which goes first, so that neither always runs on a warmer (or busier) machine.
      for (const which of r % 2 === 0 ? ['raw', 'relay'] : ['relay', 'raw']) {
        const cpu = new CpuShare(processGroups('bench_process'));
        if (which === 'raw') rawSeconds = await rawProduce(broker, rawTopic, sends);
        else relaySeconds = await relayPublish(broker, ledger, pool, relayTopic, messages);
        (which === 'raw' ? rawCpu : relayCpu).push(cpu.finish());
      }
      const [rawSize, relaySize] = [await topicSize(check, rawTopic), await topicSize(check, relayTopic)];
      if (rawSize !== messages || relaySize !== messages) {
        throw new Error(`expected ${messages} messages on each topic; raw has ${rawSize}, relay ${relaySize}`);
      }
      const result = { relay_eps: round(messages / relaySeconds, 0), raw_produce_eps: round(messages / rawSeconds, 0) };
      rounds.push(result);
      step(`round ${r + 1}/${ROUNDS}: relay ${result.relay_eps} events/s, raw ${result.raw_produce_eps} events/s`);
    }
    return {
      events: messages,
      relayEps: median(rounds.map((r) => r.relay_eps)),
      rawEps: median(rounds.map((r) => r.raw_produce_eps)),
      rounds,
      relayCpu: averageCores(relayCpu),
      rawCpu: averageCores(rawCpu),
    };
  } finally {
    await ledger.close();
    await pool.end();
  }
}

const latencyFields = (prefix: string, window: Window) => ({
  [`${prefix}_p50_ms`]: round(percentile(window.latencies, 50)),
  [`${prefix}_p99_ms`]: round(percentile(window.latencies, 99)),
  [`${prefix}_max_ms`]: round(window.latencies[window.latencies.length - 1] ?? 0),
});

async function main(): Promise<void> {
  const load = loadavg()[0];
  const claims = spawnClaimsChild();
  const started = await Promise.allSettled([openBenchDatabase(), KafkaTestBroker.start()]);
  const [database, broker] = started.map((s) => (s.status === 'fulfilled' ? s.value : null)) as [
    Awaited<ReturnType<typeof openBenchDatabase>> | null,
    KafkaTestBroker | null,
  ];
  try {
    if (!database || !broker) throw (started.find((s) => s.status === 'rejected') as PromiseRejectedResult).reason;
    step(`database: ${database.server}; broker ${broker.bootstrap.join(',')}; load ${load.toFixed(2)}`);
    for (const service of SERVICES) {
      await broker.createTopic(service.topic, PARTITIONS);
      await broker.createTopic(deadLetterTopic(service.topic), 1);
    }
    step('migrations (ledger, bus, services)');
    await runMigrateJob(database.url);
    const secrets = devSecrets();
    const env: NodeJS.ProcessEnv = {
      ...secrets,
      TOPOLOGY: 'multi-node',
      DATABASE_URL: database.url,
      KAFKA_BROKERS: broker.bootstrap.join(','),
      KAFKA_IDEMPOTENT: 'false',
      KAFKA_TEST_BROKER: 'true',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    };
    const observer = new Pool({ connectionString: database.url, max: 1 });
    const { main: e2e, low } = await endToEnd(claims, env, observer).finally(() => observer.end());
    const relay = await relayThroughput(broker, database.url, secrets.LEDGER_MASTER_KEYS);
    const ratio = relay.relayEps / relay.rawEps;
    const p99 = percentile(e2e.latencies, 99);
    const complete = e2e.missing === 0 && e2e.notApplied === 0 && e2e.appendFailures === 0;
    await reportBench('pipeline', {
      bench: 'pipeline',
      mode: quick ? 'quick' : 'full',
      server: database.server,
      broker: 'librdkafka mock cluster, 1 broker, loopback',
      partitions: PARTITIONS,
      cores: cpus().length,
      load_avg_1m: round(load),
      relay_events: relay.events,
      relay_rounds: relay.rounds.length,
      relay_eps: relay.relayEps,
      raw_produce_eps: relay.rawEps,
      relay_ratio: round(ratio, 3),
      relay_round_results: relay.rounds,
      relay_cpu_cores: relay.relayCpu,
      raw_produce_cpu_cores: relay.rawCpu,
      e2e_events: e2e.events,
      e2e_target_rate_eps: RATE,
      e2e_rate_eps: round(e2e.rateEps, 1),
      ...latencyFields('e2e', e2e),
      e2e_append_p50_ms: round(percentile(e2e.appendMs, 50)),
      e2e_append_p99_ms: round(percentile(e2e.appendMs, 99)),
      e2e_claims_apply_eps: round(e2e.applyEps, 1),
      e2e_relay_backlog_max_events: e2e.relayLagMax,
      e2e_consumer_backlog_max_events: e2e.consumerLagMax,
      e2e_cpu_cores: e2e.cpu,
      e2e_evidence_event_loop_utilization: round(e2e.evidenceLoop),
      e2e_missing: e2e.missing,
      e2e_latencies_are_lower_bounds: e2e.missing > 0,
      e2e_not_applied: e2e.notApplied,
      e2e_append_failures: e2e.appendFailures,
      ...(low
        ? {
            e2e_low_rate_eps: round(low.rateEps, 1),
            ...latencyFields('e2e_low_rate', low),
            e2e_low_rate_missing: low.missing,
          }
        : {}),
      targets: { relay_ratio: TARGET_RATIO, e2e_p99_ms: TARGET_P99_MS, e2e_rate_eps: RATE },
      targets_met: {
        relay_ratio: ratio >= TARGET_RATIO,
        e2e_p99_ms: complete && p99 < TARGET_P99_MS && e2e.rateEps >= RATE * 0.95,
      },
      wall_seconds: round((performance.now() - benchStarted) / 1000, 1),
    });
  } finally {
    await claims.stop();
    await broker?.stop();
    await database?.close();
  }
}

const bench: Promise<void> = process.argv.includes('--telemetry-cost')
  ? import('./pipelineTelemetryCost').then(({ measureTelemetryCost }) => measureTelemetryCost(__filename))
  : main();
/** Settles when the run is over; the telemetry entry then flushes and ends the process. */
export const finished = bench.catch((error: unknown) => {
  process.stderr.write(`bench:pipeline failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
