import { isIP } from 'node:net';
import { resolve } from 'node:path';
import type { ServiceDescriptor } from '../descriptor/serviceDescriptor';
import type { TopologyConfig } from '../topology';
import { readAuthConfig, type AuthConfig } from './authConfig';
import { StartRefused } from './startRefused';
import { singleNodeTopology } from './topology';

/** What `npm start` was told, every variable checked before anything starts. */
export interface StartConfig {
  readonly topology: TopologyConfig;
  readonly port: number;
  readonly host: string;
  /** Absolute. */
  readonly dataDir: string;
  /** Who issues the tokens the API accepts. */
  readonly auth: AuthConfig;
}

const HOST_NAME = /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

function readPort(value: string | undefined): number {
  if (value === undefined) return 3000;
  const port = /^\d{1,5}$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!(port >= 0 && port <= 65535)) {
    throw new StartRefused(`PORT=${value} is not a port: use an integer from 0 to 65535 (0 picks a free one)`);
  }
  return port;
}

function readHost(value: string | undefined): string {
  if (value === undefined) return '127.0.0.1';
  const host = value.trim();
  if (isIP(host) === 0 && !HOST_NAME.test(host)) {
    throw new StartRefused(`HOST=${value} is not an address: use an IP address or a host name, such as 127.0.0.1`);
  }
  return host;
}

function readDataDir(value: string | undefined, cwd: string): string {
  if (value === undefined) return resolve(cwd, '.data');
  if (value.trim() === '') throw new StartRefused('LEDGER_DATA_DIR is empty: name a folder, or unset it for .data');
  return resolve(cwd, value);
}

export function readStartConfig(
  env: NodeJS.ProcessEnv,
  services: readonly ServiceDescriptor[],
  cwd = process.cwd(),
): StartConfig {
  return {
    topology: singleNodeTopology(env, services),
    port: readPort(env.PORT),
    host: readHost(env.HOST),
    dataDir: readDataDir(env.LEDGER_DATA_DIR, cwd),
    auth: readAuthConfig(env),
  };
}
