import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { issueToken, type Principal, type TokenVerifierOptions } from '@ledger/tenancy';

export const DEV_ISSUER = 'ledger-dev';
export const DEV_AUDIENCE = 'ledger-api';

export interface DevAuth {
  verifier: TokenVerifierOptions;
  issue(principal: Principal): Promise<string>;
}

/**
 * The development issuer: HS256 with LEDGER_DEV_TOKEN_SECRET, or with a secret generated once
 * into a 0600 file beside the embedded data, so printed tokens outlive a restart. Production
 * verifies tokens of a real identity provider instead (JWKS).
 */
export async function loadDevAuth(env: NodeJS.ProcessEnv, secretFile: string): Promise<DevAuth> {
  let secret: Buffer;
  if (env.LEDGER_DEV_TOKEN_SECRET) {
    secret = Buffer.from(env.LEDGER_DEV_TOKEN_SECRET, 'base64');
    if (secret.length < 32) throw new Error('LEDGER_DEV_TOKEN_SECRET must be at least 32 bytes, base64');
  } else {
    if (!existsSync(secretFile)) {
      await mkdir(dirname(secretFile), { recursive: true });
      await writeFile(secretFile, randomBytes(32).toString('base64'), { mode: 0o600 });
    }
    secret = Buffer.from((await readFile(secretFile, 'utf8')).trim(), 'base64');
  }
  return {
    verifier: { issuer: DEV_ISSUER, audience: DEV_AUDIENCE, key: secret, algorithms: ['HS256'] },
    issue: (principal) =>
      issueToken(principal, { issuer: DEV_ISSUER, audience: DEV_AUDIENCE, secret, expiresIn: '12h' }),
  };
}
