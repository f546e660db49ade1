// The RSA key the login side signs ID tokens with (RS256, the algorithm of the clients'
// jwt_configuration), published at /.well-known/jwks.json so that any app or library verifies
// the tokens the way it verifies Auth0's. Made on first use and kept in the state, so tokens stay
// verifiable across restarts.
import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { type PublicJwk, publicRsaJwk, signRs256 } from '../shared/jwt';
import type { StateStore } from '../state/store';

const RSA_MODULUS_BITS = 2048;

export type { PublicJwk };

export interface SigningKey {
  readonly privateKey: KeyObject;
  readonly jwk: PublicJwk;
}

const loaded = new WeakMap<StateStore, Promise<SigningKey>>();

export function signingKey(store: StateStore): Promise<SigningKey> {
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
  const key = publicRsaJwk(privateKey).then((jwk): SigningKey => ({ privateKey, jwk }));
  loaded.set(store, key);
  return key;
}

/** A compact JWT signed RS256 with the tenant's key, its kid in the header. */
export function signWithTenantKey(claims: Record<string, unknown>, key: SigningKey): Promise<string> {
  return signRs256(claims, key.privateKey, key.jwk.kid);
}
