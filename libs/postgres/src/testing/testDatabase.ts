import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export const TEST_SERVER_URL_VARIABLE = 'TEST_DATABASE_URL';

export interface TestDatabase {
  readonly url: string;
  readonly name: string;
  drop(): Promise<void>;
}

function serverUrl(): string {
  const url = process.env[TEST_SERVER_URL_VARIABLE];
  if (!url) {
    throw new Error(
      `${TEST_SERVER_URL_VARIABLE} is not set: run tests through Jest's global setup, which starts an embedded server`,
    );
  }
  return url;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Creates a fresh, empty database on the test server; each suite gets its own. */
export async function createTestDatabase(prefix = 'test'): Promise<TestDatabase> {
  const admin = serverUrl();
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const client = new Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  return {
    name,
    url: withDatabase(admin, name),
    async drop() {
      const dropper = new Client({ connectionString: admin });
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
