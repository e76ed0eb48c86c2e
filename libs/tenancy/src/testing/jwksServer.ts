import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';

/** A key an identity provider signs with, and the public JWK it publishes for it. */
export interface ProviderKey {
  kid: string;
  alg: string;
  privateKey: KeyLike;
  jwk: JWK;
}

export async function providerKey(kid: string, alg = 'RS256'): Promise<ProviderKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg);
  return { kid, alg, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

/** A provider's token for `claims`, signed with `key`; issued now, valid for `lifetime`. */
export function providerToken(
  key: ProviderKey,
  claims: { issuer: string; audience: string; subject: string; org: string; role: string },
  lifetime = '10m',
): Promise<string> {
  return new SignJWT({ org: claims.org, role: claims.role })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
    .setIssuer(claims.issuer)
    .setAudience(claims.audience)
    .setSubject(claims.subject)
    .setIssuedAt()
    .setExpirationTime(lifetime)
    .sign(key.privateKey);
}

/**
 * An identity provider's key set endpoint on loopback (plain `node:http`): it serves whatever
 * the test publishes (or fails while `failing` is set), and counts the fetches.
 */
export class JwksServer {
  published: JWK[] = [];
  fetches = 0;
  /** While set, the endpoint answers 500, as a provider having an outage would. */
  failing = false;

  private constructor(private readonly server: Server) {}

  static async start(): Promise<JwksServer> {
    const holder: { self?: JwksServer } = {};
    const server = createServer((_request, response) => {
      const self = holder.self as JwksServer;
      self.fetches += 1;
      if (self.failing) return void response.writeHead(500).end();
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: self.published }));
    });
    holder.self = new JwksServer(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return holder.self;
  }

  publish(...keys: ProviderKey[]): void {
    this.published = keys.map((key) => key.jwk);
  }

  get url(): URL {
    return new URL(`http://127.0.0.1:${(this.server.address() as AddressInfo).port}/.well-known/jwks.json`);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
