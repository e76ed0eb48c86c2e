// A service name as the service registry checks it: it becomes the topic and the checkpoint row.
const SERVICE_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** A relay process's settings, from its environment. */
export interface RelayProcessConfig {
  databaseUrl: string;
  brokers: string[];
  service: string;
  categories: readonly string[];
  topic?: string;
  batchSize?: number;
  pollMs?: number;
  /** Idempotent producer; on unless KAFKA_IDEMPOTENT=false (the librdkafka mock broker needs it off). */
  idempotent: boolean;
  clientId: string;
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

function list(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** Throws one line naming the first setting that is missing or wrong. */
export function relayConfigFromEnv(env: NodeJS.ProcessEnv): RelayProcessConfig {
  const databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is not set');
  const brokers = list(env.KAFKA_BROKERS);
  if (brokers.length === 0) throw new Error('KAFKA_BROKERS is not set (host:port, comma-separated)');
  const service = env.RELAY_SERVICE ?? '';
  if (!SERVICE_NAME.test(service)) {
    throw new Error(`RELAY_SERVICE must be a service name (lower-case words joined by "-"), got "${service}"`);
  }
  // The library lists no services: the service's descriptor knows its categories, its caller passes them.
  const categories = list(env.RELAY_CATEGORIES);
  if (categories.length === 0)
    throw new Error("RELAY_CATEGORIES is not set (the service's stream categories, comma-separated)");
  const idempotent = env.KAFKA_IDEMPOTENT ?? 'true';
  if (idempotent !== 'true' && idempotent !== 'false') {
    throw new Error(`KAFKA_IDEMPOTENT must be true or false, got "${idempotent}"`);
  }
  return {
    databaseUrl,
    brokers,
    service,
    categories,
    topic: env.RELAY_TOPIC || undefined,
    batchSize: positiveInteger(env, 'RELAY_BATCH_SIZE'),
    pollMs: positiveInteger(env, 'RELAY_POLL_MS'),
    idempotent: idempotent === 'true',
    clientId: env.KAFKA_CLIENT_ID || `relay-${service}`,
  };
}
