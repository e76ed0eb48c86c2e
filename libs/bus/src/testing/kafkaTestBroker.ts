import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';

const BROKER_DIR = join(__dirname, '..', '..', '..', '..', 'tools', 'kafka-test-broker');
const BINARY = join(BROKER_DIR, 'mockkafka');

/** Builds the broker once if needed; it needs gcc and Debian's librdkafka-dev. */
export function ensureBrokerBuilt(): string {
  if (existsSync(BINARY)) return BINARY;
  const build = spawnSync('bash', [join(BROKER_DIR, 'build.sh')], { encoding: 'utf8' });
  if (build.status !== 0) {
    throw new Error(
      `cannot build the Kafka test broker (apt-get install -y gcc librdkafka-dev): ${build.stderr.trim()}`,
    );
  }
  return BINARY;
}

/**
 * A real Kafka-protocol broker (librdkafka's mock cluster) in a child process, driven by
 * commands on its stdin: topics, outages, injected request errors, latency.
 */
export class KafkaTestBroker {
  private readonly pending: Array<(line: string) => void> = [];

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly lines: Interface,
    readonly bootstrap: string[],
  ) {
    lines.on('line', (line) => this.pending.shift()?.(line));
  }

  static async start(brokers = 1): Promise<KafkaTestBroker> {
    const child = spawn(ensureBrokerBuilt(), [String(brokers)], { stdio: ['pipe', 'pipe', 'pipe'] });
    child.stderr.resume();
    const lines = createInterface({ input: child.stdout });
    const first = await new Promise<string>((resolve, reject) => {
      lines.once('line', resolve);
      child.once('exit', (code) => reject(new Error(`Kafka test broker exited with code ${code}`)));
    });
    const match = /^bootstrap (.+)$/.exec(first);
    if (!match) throw new Error(`unexpected first line from the Kafka test broker: ${first}`);
    return new KafkaTestBroker(child, lines, match[1].split(','));
  }

  createTopic(name: string, partitions: number): Promise<void> {
    return this.command(`topic ${name} ${partitions}`);
  }

  /** Takes a broker (or all, with -1) down: connections are refused until `up`. */
  down(brokerId = -1): Promise<void> {
    return this.command(`down ${brokerId}`);
  }

  up(brokerId = -1): Promise<void> {
    return this.command(`up ${brokerId}`);
  }

  /** Fails the next `count` requests of a protocol API (e.g. 0 = Produce) with `errorCode`. */
  injectErrors(apiKey: number, errorCode: number, count: number): Promise<void> {
    return this.command(`errors ${apiKey} ${errorCode} ${count}`);
  }

  setRtt(ms: number, brokerId = -1): Promise<void> {
    return this.command(`rtt ${brokerId} ${ms}`);
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.stdin.end();
    await exited;
    this.lines.close();
  }

  private command(line: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push((reply) =>
        reply === 'ok' ? resolve() : reject(new Error(`broker refused "${line}": ${reply}`)),
      );
      this.child.stdin.write(`${line}\n`);
    });
  }
}
