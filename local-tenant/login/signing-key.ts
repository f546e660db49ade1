// The RSA key the login side signs ID tokens with (RS256, the algorithm of the clients'
// jwt_configuration), published at /.well-known/jwks.json so that any app or library verifies
// the tokens the way it verifies Auth0's. Made on first use and kept in the state, so tokens stay
// verifiable across restarts.
import { createHash, createPrivateKey, createPublicKey, createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { StateStore } from '../state/store';

const RSA_MODULUS_BITS = 2048;

export interface PublicJwk {
  kty: 'RSA';
  n: string;
  e: string;
  kid: string;
  alg: 'RS256';
  use: 'sig';
}

export interface SigningKey {
  readonly privateKey: KeyObject;
  readonly jwk: PublicJwk;
}

const loaded = new WeakMap<StateStore, SigningKey>();

/** RFC 7638 thumbprint: the key id apps use to pick the key from the JWKS. */
function thumbprint(n: string, e: string): string {
  return createHash('sha256').update(JSON.stringify({ e, kty: 'RSA', n })).digest('base64url');
}

export function signingKey(store: StateStore): SigningKey {
  const cached = loaded.get(store);
  if (cached) return cached;
  let pem = store.state.secrets.idTokenSigningKey;
  if (pem === undefined) {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: RSA_MODULUS_BITS });
    const generated = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    store.mutate((state) => {
      state.secrets.idTokenSigningKey = generated;
    });
    pem = generated;
  }
  const privateKey = createPrivateKey(pem);
  const { n, e } = createPublicKey(privateKey).export({ format: 'jwk' }) as { n: string; e: string };
  const key: SigningKey = { privateKey, jwk: { kty: 'RSA', n, e, kid: thumbprint(n, e), alg: 'RS256', use: 'sig' } };
  loaded.set(store, key);
  return key;
}

/** A compact JWT signed RS256 with the tenant's key, its kid in the header. */
export function signRs256(claims: Record<string, unknown>, key: SigningKey): string {
  const header = Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: key.jwk.kid })).toString('base64url');
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(key.privateKey).toString('base64url');
  return `${header}.${payload}.${signature}`;
}
