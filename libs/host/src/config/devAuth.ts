import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { issueToken, type Principal, type TokenVerifierOptions } from '@ledger/tenancy';
import { readAuthConfig, type TokenLimits } from './authConfig';
import { StartRefused } from './startRefused';

export const DEV_ISSUER = 'ledger-dev';
export const DEV_AUDIENCE = 'ledger-api';
/** What the development issuer's tokens last, unless the maximum lifetime is shorter. */
const DEV_TOKEN_LIFETIME_SECONDS = 12 * 3600;

export interface DevAuth {
  verifier: TokenVerifierOptions;
  issue(principal: Principal): Promise<string>;
  /** How long an issued token is valid. */
  tokenLifetimeSeconds: number;
}

/** A token lifetime as start-up output says it: `12 hours`, `1 hour`, `15 minutes`. */
export function lifetimeText(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} hour${seconds === 3600 ? '' : 's'}`;
  return `${Math.round(seconds / 60)} minutes`;
}

async function devSecret(env: NodeJS.ProcessEnv, secretFile: string): Promise<Buffer> {
  if (env.LEDGER_DEV_TOKEN_SECRET) {
    const secret = Buffer.from(env.LEDGER_DEV_TOKEN_SECRET, 'base64');
    if (secret.length < 32) throw new StartRefused('LEDGER_DEV_TOKEN_SECRET must be at least 32 bytes, base64');
    return secret;
  }
  if (!existsSync(secretFile)) {
    await mkdir(dirname(secretFile), { recursive: true });
    await writeFile(secretFile, randomBytes(32).toString('base64'), { mode: 0o600 });
  }
  return Buffer.from((await readFile(secretFile, 'utf8')).trim(), 'base64');
}

function devLimits(env: NodeJS.ProcessEnv): TokenLimits {
  const config = readAuthConfig(env);
  if (config.kind !== 'development') {
    throw new StartRefused(
      'LEDGER_AUTH_JWKS_URL is set: tokens come from the identity provider, not the development issuer',
    );
  }
  return config;
}

/**
 * The development issuer: HS256 with LEDGER_DEV_TOKEN_SECRET, or with a secret generated once
 * into a 0600 file beside the embedded data, so printed tokens outlive a restart. Refused when
 * LEDGER_ENV=production; its tokens are held to the same maximum lifetime as a provider's.
 */
export async function loadDevAuth(env: NodeJS.ProcessEnv, secretFile: string): Promise<DevAuth> {
  const { maxLifetimeSeconds, clockToleranceSeconds } = devLimits(env);
  const secret = await devSecret(env, secretFile);
  const lifetime = Math.min(DEV_TOKEN_LIFETIME_SECONDS, maxLifetimeSeconds);
  return {
    verifier: {
      issuer: DEV_ISSUER,
      audience: DEV_AUDIENCE,
      key: secret,
      algorithms: ['HS256'],
      clockToleranceSeconds,
      maxLifetimeSeconds,
    },
    issue: (principal) =>
      issueToken(principal, { issuer: DEV_ISSUER, audience: DEV_AUDIENCE, secret, expiresIn: `${lifetime}s` }),
    tokenLifetimeSeconds: lifetime,
  };
}
