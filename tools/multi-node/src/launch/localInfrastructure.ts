import { resolve } from 'node:path';
import { KafkaTestBroker } from '@ledger/bus';
import { deadLetterTopic } from '@ledger/contracts';
import { SERVICES } from '@ledger/registry';
import { SIGNING_KEYS_VARIABLE } from '@ledger/ledger';
import { resolveDatabase } from '@ledger/postgres';
import { loadDevAuth, loadMasterKeys, loadSigningKeys } from '@ledger/host';
import { readFile } from 'node:fs/promises';

export interface LocalInfrastructure {
  /** What the service processes need on top of the caller's environment. */
  env: Record<string, string>;
  /** The generated keys, in the LEDGER_MASTER_KEYS and LEDGER_SIGNING_KEYS formats. */
  masterKeysFile: string;
  signingKeysFile: string;
  close(): Promise<void>;
}

const TOPIC_PARTITIONS = 3;

/**
 * `start:multi --local`: everything a real deployment provides, on this machine: an embedded
 * PostgreSQL and development keys kept in the data folder (so a restart reads what was written),
 * and the librdkafka test broker with every topic (it keeps no data: topics start empty).
 */
export async function startLocalInfrastructure(dataDir: string): Promise<LocalInfrastructure> {
  const database = await resolveDatabase({}, resolve(dataDir, 'postgres'));
  let broker: KafkaTestBroker | undefined;
  try {
    broker = await KafkaTestBroker.start();
    for (const service of SERVICES) {
      await broker.createTopic(service.topic, TOPIC_PARTITIONS);
      await broker.createTopic(deadLetterTopic(service.topic), 1);
    }
    // Generated once into the data folder, then read back as the variables a deployment would set.
    const masterKeysFile = resolve(dataDir, 'master-keys');
    const signingKeysFile = resolve(dataDir, 'signing-keys.json');
    await loadMasterKeys({}, true, masterKeysFile);
    await loadSigningKeys({}, true, signingKeysFile);
    await loadDevAuth({}, resolve(dataDir, 'dev-token-secret'));
    const text = (file: string) => readFile(resolve(dataDir, file), 'utf8').then((value) => value.trim());
    const env = {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: broker.bootstrap.join(','),
      KAFKA_IDEMPOTENT: 'false',
      KAFKA_TEST_BROKER: 'true',
      LEDGER_MASTER_KEYS: await text('master-keys'),
      [SIGNING_KEYS_VARIABLE]: await text('signing-keys.json'),
      LEDGER_DEV_TOKEN_SECRET: await text('dev-token-secret'),
    };
    const started = broker;
    return {
      env,
      masterKeysFile,
      signingKeysFile,
      async close() {
        await started.stop();
        await database.close();
      },
    };
  } catch (error) {
    await broker?.stop();
    await database.close();
    throw error;
  }
}
