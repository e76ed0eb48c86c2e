import { jwksVerifierOptions, type TokenVerifierOptions } from '@ledger/tenancy';
import type { AuthConfig } from './authConfig';
import { DEV_ISSUER, loadDevAuth, type DevAuth } from './devAuth';

/** A process's token verification, and the development issuer when that is what it trusts. */
export interface Auth {
  verifier: TokenVerifierOptions;
  /** Only with the development issuer: an identity provider's tokens come from the provider. */
  dev?: DevAuth;
  /** For start-up output: who issues the tokens this process accepts. */
  issuer: string;
}

/** The verifier `config` describes: the provider's remote key set, or the development issuer. */
export async function loadAuth(config: AuthConfig, env: NodeJS.ProcessEnv, secretFile: string): Promise<Auth> {
  if (config.kind === 'jwks') {
    return { verifier: jwksVerifierOptions(config.settings), issuer: config.settings.issuer };
  }
  const dev = await loadDevAuth(env, secretFile);
  return { verifier: dev.verifier, dev, issuer: DEV_ISSUER };
}
