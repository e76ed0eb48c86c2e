import { isIP } from 'node:net';
import { JWKS_ALGORITHMS, type JwksSettings } from '@ledger/tenancy';
import { StartRefused } from './startRefused';

/** Limits both issuers share: a token's longest lifetime and the clock skew tolerated. */
export interface TokenLimits {
  maxLifetimeSeconds: number;
  clockToleranceSeconds: number;
}

/**
 * Who issues the tokens a process accepts: the development issuer (HS256 with a shared secret,
 * tokens printed by `npm start`), or a real OIDC identity provider through its JWKS.
 */
export type AuthConfig = ({ kind: 'development' } & TokenLimits) | { kind: 'jwks'; settings: JwksSettings };

export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 24 * 3600;
const DEFAULT_CLOCK_SKEW_SECONDS = 30;
const DEFAULT_ALGORITHMS = ['RS256', 'ES256'];

const value = (env: NodeJS.ProcessEnv, name: string): string | undefined => env[name]?.trim() || undefined;

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const text = value(env, name);
  if (text === undefined) return fallback;
  const parsed = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(parsed >= min && parsed <= max)) {
    throw new StartRefused(`${name}=${text} must be an integer from ${min} to ${max}`);
  }
  return parsed;
}

/** LEDGER_ENV: `production`, or development when unset. */
export function isProduction(env: NodeJS.ProcessEnv): boolean {
  const name = value(env, 'LEDGER_ENV');
  if (name === undefined || name === 'development') return false;
  if (name === 'production') return true;
  throw new StartRefused(`LEDGER_ENV=${name} is not an environment: use production or development`);
}

function tokenLimits(env: NodeJS.ProcessEnv): TokenLimits {
  return {
    maxLifetimeSeconds: integer(
      env,
      'LEDGER_AUTH_MAX_TOKEN_LIFETIME_SECONDS',
      DEFAULT_MAX_TOKEN_LIFETIME_SECONDS,
      60,
      7 * 24 * 3600,
    ),
    clockToleranceSeconds: integer(env, 'LEDGER_AUTH_CLOCK_SKEW_SECONDS', DEFAULT_CLOCK_SKEW_SECONDS, 0, 300),
  };
}

function jwksUrl(text: string, production: boolean): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new StartRefused(`LEDGER_AUTH_JWKS_URL=${text} is not a URL`);
  }
  const loopback = url.hostname === 'localhost' || isIP(url.hostname.replace(/^\[|\]$/g, '')) !== 0;
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && (!production || loopback))) {
    throw new StartRefused(`LEDGER_AUTH_JWKS_URL must be https${production ? ' in production' : ''}: ${url.origin}`);
  }
  return url;
}

function algorithms(env: NodeJS.ProcessEnv): string[] {
  const text = value(env, 'LEDGER_AUTH_ALGORITHMS');
  const listed = text === undefined ? DEFAULT_ALGORITHMS : text.split(',').map((name) => name.trim());
  const allowed: readonly string[] = JWKS_ALGORITHMS;
  const refused = listed.filter((name) => !allowed.includes(name));
  if (listed.length === 0 || refused.length > 0) {
    throw new StartRefused(
      `LEDGER_AUTH_ALGORITHMS=${text} may list only asymmetric algorithms: ${JWKS_ALGORITHMS.join(', ')}`,
    );
  }
  return [...new Set(listed)];
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const text = value(env, name);
  if (text === undefined) throw new StartRefused(`LEDGER_AUTH_JWKS_URL is set, so ${name} must be set too`);
  return text;
}

/**
 * The token configuration of a process, every variable checked before anything starts.
 * `LEDGER_AUTH_JWKS_URL` selects the identity provider; without it the development issuer is
 * used, which `LEDGER_ENV=production` refuses.
 */
export function readAuthConfig(env: NodeJS.ProcessEnv): AuthConfig {
  const production = isProduction(env);
  const limits = tokenLimits(env);
  const url = value(env, 'LEDGER_AUTH_JWKS_URL');
  if (url === undefined) {
    if (production) {
      throw new StartRefused(
        'LEDGER_ENV=production refuses the development token issuer: set LEDGER_AUTH_JWKS_URL, LEDGER_AUTH_ISSUER and LEDGER_AUTH_AUDIENCE',
      );
    }
    return { kind: 'development', ...limits };
  }
  if (value(env, 'LEDGER_DEV_TOKEN_SECRET') !== undefined) {
    throw new StartRefused(
      'LEDGER_AUTH_JWKS_URL and LEDGER_DEV_TOKEN_SECRET are both set: tokens come from one issuer, unset one',
    );
  }
  return {
    kind: 'jwks',
    settings: {
      jwksUrl: jwksUrl(url, production),
      issuer: required(env, 'LEDGER_AUTH_ISSUER'),
      audience: required(env, 'LEDGER_AUTH_AUDIENCE'),
      algorithms: algorithms(env),
      ...limits,
      cacheMaxAgeSeconds: integer(env, 'LEDGER_AUTH_JWKS_CACHE_MAX_AGE_SECONDS', 600, 1, 86_400),
      cooldownSeconds: integer(env, 'LEDGER_AUTH_JWKS_COOLDOWN_SECONDS', 30, 0, 3600),
      timeoutMs: integer(env, 'LEDGER_AUTH_JWKS_TIMEOUT_MS', 5000, 100, 60_000),
    },
  };
}
