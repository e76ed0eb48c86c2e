import type { AddressInfo } from 'node:net';
import { Kafka, logLevel } from 'kafkajs';
import type { ValueProvider } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { kafkaLogCreator, TEST_BROKER_CONSUMER_SETTINGS, type MessageOutcome } from '@ledger/bus';
import { createHttpApp } from '@ledger/http';
import { startCore, type RunningCore } from '../core/startCore';
import { checkDatabasePrivileges } from '../config/topology';
import type { CheckpointStore, Ed25519KeyRing, KeyProvider } from '@ledger/ledger';
import type { Logger } from '@ledger/observability';
import type { TokenVerifierOptions } from '@ledger/tenancy';
import { serviceRequestRole, type ServiceProcessConfig } from '../config/serviceConfig';
import { startBusBridge, type BusBridge } from './busBridge';
import { ownEventProjections } from './eventSources';
import { CHECKPOINT_STORE, PROJECTION_DEFINITIONS, SIGNING_KEYS } from '../keys/providerKeys';

/**
 * The relay and the consumer in the process's report and stall metric; they do not gate
 * readiness (see `WorkerProgress.gatesReadiness`): a broker outage stalls every instance alike.
 */
function watchBus(core: RunningCore, bus: BusBridge): void {
  const { relay, transport } = bus;
  core.workers.add({
    name: 'relay',
    gatesReadiness: false,
    running: () => relay.isRunning,
    lastRoundAt: () => relay.lastRoundAt,
  });
  if (bus.topics.length > 0) {
    core.workers.add({
      name: 'consumer',
      gatesReadiness: false,
      running: () => transport.progress().running,
      lastRoundAt: () => transport.progress().lastRoundAt,
    });
  }
}

export interface ServiceNodeOptions {
  config: ServiceProcessConfig;
  keyProvider: KeyProvider;
  /** Only the audit service signs (exports, and every org's tree head on a schedule); the others are given none. */
  signingKeys?: Ed25519KeyRing;
  /** Where the audit service keeps the heads it publishes (LEDGER_CHECKPOINT_DIR). */
  checkpoints?: CheckpointStore;
  auth: TokenVerifierOptions;
  logger: Logger;
  onOutcome?: (outcome: MessageOutcome) => void;
}

export interface ServiceNode {
  app: NestFastifyApplication;
  /** Where it listens; the port is the bound one, also when PORT=0 asked for any free port. */
  url: string;
  core: RunningCore;
  bus: BusBridge;
  close(): Promise<void>;
}

function sharedValues(options: ServiceNodeOptions): ValueProvider[] {
  const shared: ValueProvider[] = [
    // The audit module takes these under global keys, so nothing imports it to provide them.
    { provide: PROJECTION_DEFINITIONS, useValue: options.config.service.projections },
  ];
  if (options.signingKeys) shared.push({ provide: SIGNING_KEYS, useValue: options.signingKeys });
  if (options.checkpoints) shared.push({ provide: CHECKPOINT_STORE, useValue: options.checkpoints });
  return shared;
}

/**
 * One service of multi-node: the gate, then the core on the service's own role (its runner
 * following the service's own events in the ledger), the bus bridge (relay out, consumer in
 * through the service's message controller) and the service's HTTP routes. Migrations are a job
 * run before, never here.
 */
export async function startServiceNode(options: ServiceNodeOptions): Promise<ServiceNode> {
  const { config, logger } = options;
  const { service } = config;
  await checkDatabasePrivileges(config.topology, config.databaseUrl, config.role);
  const core = await startCore({
    databaseUrl: config.databaseUrl,
    role: config.role,
    requestRole: serviceRequestRole(service),
    keyProvider: options.keyProvider,
    auth: options.auth,
    projections: ownEventProjections(service),
    logger,
    migrate: false,
    signingKeys: options.signingKeys,
    checkpoints: options.checkpoints,
  });
  const kafka = new Kafka({
    clientId: `ledger-${service.name}`,
    brokers: config.kafkaBrokers,
    logLevel: logLevel.WARN,
    logCreator: kafkaLogCreator(logger),
  });
  let bus: BusBridge | undefined;
  let app: NestFastifyApplication | undefined;
  try {
    bus = await startBusBridge({
      service,
      kafka,
      pool: core.worker,
      ledger: core.core.ledger,
      idempotent: config.kafkaIdempotent,
      logger,
      consumerConfig: {
        ...(config.kafkaTestBroker ? TEST_BROKER_CONSUMER_SETTINGS : {}),
        ...(config.fetchMaxWaitMs === undefined ? {} : { maxWaitTimeInMs: config.fetchMaxWaitMs }),
      },
      onOutcome: options.onOutcome,
    });
    app = await createHttpApp({ core: core.core, services: [service], logger, shared: sharedValues(options) });
    // The service module's message controller is the consumer's handler, as its HTTP controllers are routes.
    app.connectMicroservice({ strategy: bus.transport });
    await app.startAllMicroservices();
    watchBus(core, bus);
  } catch (error) {
    await app?.close();
    await bus?.stop();
    await core.close();
    throw error;
  }
  await app.listen({ port: config.port, host: config.host });
  const { port } = app.getHttpServer().address() as AddressInfo;
  return {
    app,
    url: `http://${config.host}:${port}`,
    core,
    bus,
    async close() {
      await app.close();
      await bus.stop();
      await core.close();
    },
  };
}
