import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { deadLetterTopic } from '@ledger/contracts';
import { productionRefusals, readAuthConfig } from '@ledger/host';
import { SERVICES } from '@ledger/registry';

/**
 * The multi-node stack of docker-compose.yml, read as compose reads it: YAML with merge keys,
 * then `${VAR}`, `${VAR:-default}` and `${VAR:?message}` substituted from the env file.
 * `docker-compose config -q` (CI) checks the schema; this checks the topology it describes.
 */
const ROOT = join(__dirname, '..', '..', '..', '..');
const COMPOSE_FILE = join(ROOT, 'docker-compose.yml');
const ENV_EXAMPLE = join(ROOT, 'deploy', 'compose.env.example');
const LOGINS_SQL = join(ROOT, 'deploy', 'postgres', 'service-logins.sql');
const SERVICE_MAIN = 'tools/multi-node/src/serviceMain.ts';

type Json = Record<string, any>;

function readEnvFile(file: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!match) continue;
    const value = match[2].trim();
    const quoted = /^'(.*)'$/.exec(value) ?? /^"(.*)"$/.exec(value);
    env[match[1]] = quoted ? quoted[1] : value;
  }
  return env;
}

/** Compose's substitution; `$$` stays a literal `$` for the container's shell. */
function interpolate(text: string, env: Record<string, string>): string {
  return text.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (whole, braced?: string, operator?: string, argument?: string, bare?: string) => {
      if (whole === '$$') return '$';
      const name = (braced ?? bare) as string;
      const value = env[name];
      const missing = operator?.startsWith(':') ? !value : value === undefined;
      if (!missing) return value;
      if (operator?.endsWith('?')) throw new Error(`${name}: ${argument}`);
      if (operator?.endsWith('-')) return argument ?? '';
      return '';
    },
  );
}

function resolve(node: unknown, env: Record<string, string>): unknown {
  if (typeof node === 'string') return interpolate(node, env);
  if (Array.isArray(node)) return node.map((item) => resolve(item, env));
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, resolve(value, env)]));
  }
  return node;
}

function loadCompose(env: Record<string, string>): Json {
  return resolve(parse(readFileSync(COMPOSE_FILE, 'utf8'), { merge: true }), env) as Json;
}

/** `environment:` as a map, whether written as a map or as a list of KEY=VALUE. */
function environmentOf(service: Json): Record<string, string> {
  const environment = service.environment ?? {};
  if (Array.isArray(environment)) {
    return Object.fromEntries(
      environment.map((entry: string) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]),
    );
  }
  return Object.fromEntries(Object.entries(environment).map(([key, value]) => [key, String(value)]));
}

function commandText(service: Json): string {
  const command = service.command ?? '';
  return Array.isArray(command) ? command.join(' ') : String(command);
}

function dependsOn(service: Json): Record<string, string | undefined> {
  const dependencies = service.depends_on ?? {};
  if (Array.isArray(dependencies)) return Object.fromEntries(dependencies.map((name: string) => [name, undefined]));
  return Object.fromEntries(Object.entries<Json>(dependencies).map(([name, value]) => [name, value?.condition]));
}

const env = readEnvFile(ENV_EXAMPLE);
const compose = loadCompose(env);
const services = compose.services as Record<string, Json>;
const serviceNodes = Object.entries(services).filter(([, service]) => commandText(service).includes(SERVICE_MAIN));
const owner = env.POSTGRES_USER ?? 'ledger';

describe('docker-compose.yml: the multi-node stack', () => {
  it('runs one service container per registered service, each hosting exactly one distinct service', () => {
    expect(serviceNodes).toHaveLength(SERVICES.length);
    const hosted = serviceNodes.map(([, service]) => environmentOf(service).SERVICES);
    for (const value of hosted) expect(value.split(',').map((name) => name.trim())).toEqual([value]);
    expect(new Set(hosted).size).toBe(SERVICES.length);
    expect([...hosted].sort()).toEqual(SERVICES.map((service) => service.name).sort());
  });

  it.each(serviceNodes)('%s runs the multi-node topology with idempotent Kafka producers', (_name, service) => {
    const environment = environmentOf(service);
    expect(environment.TOPOLOGY).toBe('multi-node');
    expect(environment.KAFKA_IDEMPOTENT).toBe('true');
    const brokers = environment.KAFKA_BROKERS.split(',').map((broker) => broker.trim());
    expect(brokers.length).toBeGreaterThan(0);
    for (const broker of brokers) {
      const [host, port] = broker.split(':');
      expect(services[host]).toBeDefined();
      expect(Number(port)).toBeGreaterThan(0);
    }
    expect(environment.HOST).toBe('0.0.0.0');
    expect(environment.PORT).toBe('3000');
    for (const secret of ['LEDGER_MASTER_KEYS', 'LEDGER_SIGNING_KEYS', 'LEDGER_DEV_TOKEN_SECRET']) {
      expect(environment[secret]).toBeTruthy();
    }
    expect(Buffer.from(environment.LEDGER_DEV_TOKEN_SECRET, 'base64').length).toBeGreaterThanOrEqual(32);
    // The development example: the development issuer, with the default maximum token lifetime.
    expect(readAuthConfig(environment)).toEqual({
      kind: 'development',
      maxLifetimeSeconds: 86_400,
      clockToleranceSeconds: 30,
    });
  });

  it('passes an identity provider to every service when the env file names one instead of the development secret', () => {
    const provider = {
      ...env,
      LEDGER_ENV: 'production',
      LEDGER_DEV_TOKEN_SECRET: '',
      LEDGER_AUTH_JWKS_URL: 'https://idp.example.test/.well-known/jwks.json',
      LEDGER_AUTH_ISSUER: 'https://idp.example.test/',
      LEDGER_AUTH_AUDIENCE: 'ledger-api',
      LEDGER_AUTH_MAX_TOKEN_LIFETIME_SECONDS: '3600',
    };
    const withProvider = loadCompose(provider).services as Record<string, Json>;
    for (const [name] of serviceNodes) {
      const config = readAuthConfig(environmentOf(withProvider[name]));
      expect(config).toMatchObject({
        kind: 'jwks',
        settings: { issuer: 'https://idp.example.test/', audience: 'ledger-api', maxLifetimeSeconds: 3600 },
      });
    }
    // Production with the development secret left in: every service would refuse to start.
    const devInProduction = loadCompose({ ...env, LEDGER_ENV: 'production' }).services as Record<string, Json>;
    for (const [name] of serviceNodes) {
      expect(() => readAuthConfig(environmentOf(devInProduction[name]))).toThrow(
        'LEDGER_ENV=production refuses the development token issuer',
      );
    }
  });

  it('connects each service as its own login user, never as the database owner or a superuser', () => {
    const users = serviceNodes.map(([, service]) => new URL(environmentOf(service).DATABASE_URL).username);
    expect(new Set(users).size).toBe(4);
    for (const user of users) {
      expect(user).not.toBe(owner);
      expect(user).not.toBe('postgres');
      expect(user).not.toMatch(/^svc_/);
    }
    expect(environmentOf(services.postgres).POSTGRES_USER).toBe(owner);
  });

  it("grants each service's login user its own svc_ role and nothing else, with the password it connects with", () => {
    const sql = readFileSync(LOGINS_SQL, 'utf8');
    const grants = environmentOf(services['db-grants']);
    for (const [, service] of serviceNodes) {
      const environment = environmentOf(service);
      const url = new URL(environment.DATABASE_URL);
      const role = `svc_${environment.SERVICES.replace(/-/g, '_')}`;
      expect(sql).toContain(`('${url.username}', '${role}')`);
      const variable = `${environment.SERVICES.replace(/-/g, '_').toUpperCase()}_DB_PASSWORD`;
      expect(decodeURIComponent(url.password)).toBe(grants[variable]);
      expect(commandText(services['db-grants'])).toContain(
        `${environment.SERVICES.replace(/-/g, '_')}_password="$${variable}"`,
      );
    }
    expect(sql).not.toMatch(/(?<!NO)SUPERUSER/);
  });

  it.each(serviceNodes)('%s starts only after migrations, grants and topics are done', (_name, service) => {
    const dependencies = dependsOn(service);
    expect(dependencies.migrate).toBe('service_completed_successfully');
    expect(dependencies['db-grants']).toBe('service_completed_successfully');
    expect(dependencies['kafka-init']).toBe('service_completed_successfully');
    expect(dependencies.postgres).toBe('service_healthy');
    expect(dependencies.kafka).toBe('service_healthy');
  });

  it('migrates once, as the database owner, after PostgreSQL and Kafka are healthy, and then grants', () => {
    const migrate = services.migrate;
    expect(commandText(migrate)).toBe('npm run migrate');
    expect(new URL(environmentOf(migrate).DATABASE_URL).username).toBe(owner);
    expect(migrate.restart).toBe('no');
    expect(dependsOn(migrate)).toEqual({ postgres: 'service_healthy', kafka: 'service_healthy' });
    expect(dependsOn(services['db-grants']).migrate).toBe('service_completed_successfully');
    expect(environmentOf(services['db-grants']).PGUSER).toBe(owner);
    for (const [, service] of serviceNodes) expect(commandText(service)).not.toContain('migrate');
  });

  it('creates every topic of the Kafka contract and its dead-letter topic', () => {
    const script = commandText(services['kafka-init']).replace(
      /\/opt\/kafka\/bin\/kafka-topics\.sh/g,
      'echo kafka-topics.sh',
    );
    const printed = execFileSync('sh', ['-ec', script], {
      env: { PATH: process.env.PATH, ...environmentOf(services['kafka-init']) },
      encoding: 'utf8',
    });
    const created = printed
      .split('\n')
      .filter((line) => line.includes('--create'))
      .map((line) => /--topic (\S+)/.exec(line)?.[1]);
    const expected = SERVICES.flatMap((service) => [service.topic, deadLetterTopic(service.topic)]);
    expect(created.sort()).toEqual([...expected].sort());
    expect(printed).toMatch(/--replication-factor 1/);
    expect(dependsOn(services['kafka-init']).kafka).toBe('service_healthy');
  });

  it('runs Kafka as a single KRaft broker and controller that the services can reach', () => {
    const kafka = environmentOf(services.kafka);
    expect(kafka.KAFKA_PROCESS_ROLES.split(',').sort()).toEqual(['broker', 'controller']);
    expect(kafka.KAFKA_CONTROLLER_QUORUM_VOTERS).toBe(`${kafka.KAFKA_NODE_ID}@kafka:9093`);
    expect(kafka.KAFKA_ADVERTISED_LISTENERS).toContain('PLAINTEXT://kafka:9092');
    expect(kafka.KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR).toBe('1');
    expect(kafka.KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR).toBe('1');
  });

  it('exposes each service on its own host port, 3001 to 3004', () => {
    const hostPorts = serviceNodes.map(([, service]) => {
      expect(service.ports).toHaveLength(1);
      const [host, container] = String(service.ports[0]).split(':').slice(-2);
      expect(container).toBe('3000');
      return Number(host);
    });
    expect(hostPorts.sort()).toEqual([3001, 3002, 3003, 3004]);
  });

  it('runs the monitoring stack: the OTel Collector, Prometheus with the alert rules, Alertmanager, Grafana', () => {
    const images = Object.fromEntries(
      ['otel-collector', 'prometheus', 'alertmanager', 'grafana'].map((name) => [name, String(services[name]?.image)]),
    );
    expect(images['otel-collector']).toMatch(/^otel\/opentelemetry-collector:/);
    expect(images.prometheus).toMatch(/^prom\/prometheus:/);
    expect(images.alertmanager).toMatch(/^prom\/alertmanager:/);
    expect(images.grafana).toMatch(/^grafana\/grafana:/);
    const mounts = (name: string) => (services[name].volumes as string[]).map((volume) => volume.replace(/:ro$/, ''));
    expect(mounts('prometheus')).toEqual(
      expect.arrayContaining([
        './deploy/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml',
        './deploy/prometheus/alerts.yml:/etc/prometheus/alerts.yml',
      ]),
    );
    expect(mounts('alertmanager')).toContain(
      './deploy/alertmanager/alertmanager.yml:/etc/alertmanager/alertmanager.yml',
    );
    expect(mounts('otel-collector')).toContain('./deploy/otel-collector/config.yaml:/etc/otelcol/config.yaml');
    // Grafana's provisioning reads the dashboards where compose mounts them, from the stack's Prometheus.
    expect(mounts('grafana')).toEqual(
      expect.arrayContaining([
        './deploy/grafana/provisioning:/etc/grafana/provisioning',
        './deploy/grafana/dashboards:/var/lib/grafana/dashboards',
      ]),
    );
    const provider = parse(
      readFileSync(join(ROOT, 'deploy/grafana/provisioning/dashboards/ledger.yml'), 'utf8'),
    ) as Json;
    expect(provider.providers[0].options.path).toBe('/var/lib/grafana/dashboards');
    const datasource = parse(
      readFileSync(join(ROOT, 'deploy/grafana/provisioning/datasources/prometheus.yml'), 'utf8'),
    ) as Json;
    expect(datasource.datasources[0].url).toBe('http://prometheus:9090');
    expect(environmentOf(services.grafana).GF_SECURITY_ADMIN_PASSWORD).toBe(env.GRAFANA_ADMIN_PASSWORD);
  });

  it.each(serviceNodes)(
    '%s exports OTLP to the collector and serves /metrics on the admin port Prometheus scrapes',
    (name, service) => {
      const environment = environmentOf(service);
      const collector = parse(readFileSync(join(ROOT, 'deploy/otel-collector/config.yaml'), 'utf8')) as Json;
      const receiverPort = String(collector.receivers.otlp.protocols.http.endpoint).split(':').pop();
      expect(environment.OTEL_EXPORTER_OTLP_ENDPOINT).toBe(`http://otel-collector:${receiverPort}`);
      expect(dependsOn(service)['otel-collector']).toBe('service_started');
      expect(environment.OTEL_EXPORTER_PROMETHEUS_HOST).toBe('0.0.0.0');
      const prometheus = parse(readFileSync(join(ROOT, 'deploy/prometheus/prometheus.yml'), 'utf8')) as Json;
      const targets = (prometheus.scrape_configs as Json[]).flatMap((job) =>
        (job.static_configs as Json[]).flatMap((config) => config.targets as string[]),
      );
      expect(targets).toContain(`${name}:${environment.OTEL_EXPORTER_PROMETHEUS_PORT}`);
    },
  );

  it('keeps secrets out of the file: without an env file compose refuses to start', () => {
    expect(() => loadCompose({})).toThrow(/POSTGRES_PASSWORD|LEDGER_|_DB_PASSWORD/);
  });

  it('builds the app image with every workspace manifest, so `npm ci` in the Dockerfile matches the lock file', () => {
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    const workspaces = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).workspaces as string[]).flatMap(
      (pattern) =>
        pattern.endsWith('/*')
          ? readdirSync(join(ROOT, pattern.slice(0, -2))).map((name) => `${pattern.slice(0, -2)}/${name}`)
          : [pattern],
    );
    const manifests = workspaces.filter((dir) => existsSync(join(ROOT, dir, 'package.json')));
    expect(manifests.length).toBeGreaterThan(0);
    for (const dir of manifests) expect(dockerfile).toContain(`COPY ${dir}/package.json ${dir}/`);
    for (const [, service] of [['migrate', services.migrate], ...serviceNodes] as [string, Json][]) {
      expect(service.build?.dockerfile ?? 'Dockerfile').toBe('Dockerfile');
    }
  });
});

describe('docker-compose.production.yml over docker-compose.yml', () => {
  const PRODUCTION_FILE = join(ROOT, 'docker-compose.production.yml');
  const identityProvider = {
    LEDGER_AUTH_JWKS_URL: 'https://idp.example.test/.well-known/jwks.json',
    LEDGER_AUTH_ISSUER: 'https://idp.example.test/',
    LEDGER_AUTH_AUDIENCE: 'ledger-api',
  };

  /** The merged stack as compose itself resolves it (docker-compose config, as CI has it). */
  function productionStack(env: Record<string, string>): { code: number | null; config: Json; stderr: string } {
    const run = spawnSync(
      'docker-compose',
      ['-f', COMPOSE_FILE, '-f', PRODUCTION_FILE, '--env-file', ENV_EXAMPLE, 'config'],
      { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env }, encoding: 'utf8' },
    );
    if (run.error)
      throw new Error(`docker-compose is missing: apt-get install -y docker-compose (${run.error.message})`);
    return { code: run.status, config: run.status === 0 ? (parse(run.stdout) as Json) : {}, stderr: run.stderr };
  }

  it('passes every service through the production gate, with its secrets as files and no migration at start', () => {
    const folder = mkdtempSync(join(tmpdir(), 'compose-secrets-'));
    try {
      const { code, config, stderr } = productionStack({ ...identityProvider, LEDGER_SECRETS_DIR: folder });
      expect(stderr).not.toMatch(/ERROR/);
      expect(code).toBe(0);
      const example = readEnvFile(ENV_EXAMPLE);
      // The secret files as a secret manager would write them, from the example's values.
      const secretText: Record<string, string> = {
        'master-keys': example.LEDGER_MASTER_KEYS,
        'signing-keys.json': example.LEDGER_SIGNING_KEYS,
      };
      for (const service of SERVICES) secretText[`${service.name}-db-password`] = 'from-the-secret-manager';
      const mounted = (path: string) => join(folder, path.replace(/^\/run\/secrets\//, ''));
      for (const [name, text] of Object.entries(secretText)) {
        expect(config.secrets[name].file).toBe(join(folder, name));
        writeFileSync(join(folder, name), text);
      }
      for (const service of SERVICES) {
        const node = config.services[service.name];
        const environment = environmentOf(node);
        expect(environment.LEDGER_ENV).toBe('production');
        expect(commandText(node)).not.toContain('migrate');
        const asMounted = Object.fromEntries(
          Object.entries(environment).map(([key, value]) => [key, key.endsWith('_FILE') ? mounted(value) : value]),
        );
        expect(productionRefusals(asMounted, { signingKeys: service.name === 'audit' })).toEqual([]);
        const secrets = (node.secrets as (string | { source: string })[]).map((entry) =>
          typeof entry === 'string' ? entry : entry.source,
        );
        expect(secrets.sort()).toEqual(
          [
            'master-keys',
            `${service.name}-db-password`,
            ...(service.name === 'audit' ? ['signing-keys.json'] : []),
          ].sort(),
        );
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('refuses to resolve without the identity provider or the folder of the secret files', () => {
    expect(productionStack({ LEDGER_SECRETS_DIR: '/run/ledger-secrets' }).stderr).toContain(
      'production takes tokens from an identity provider; set LEDGER_AUTH_JWKS_URL',
    );
    expect(productionStack(identityProvider).stderr).toContain('set LEDGER_SECRETS_DIR');
  });
});
