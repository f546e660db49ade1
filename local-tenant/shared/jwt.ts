// The tenant's JSON Web Tokens, through jose: HS256 for the access tokens it issues to itself
// (only this process verifies them, so a shared key is enough), RS256 with a published key for
// the login side's ID tokens (others verify them against the JWKS), and the JWK of that key.
import type { KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, errors, exportJWK, jwtVerify, SignJWT, type JWTPayload } from 'jose';

export type JwtClaims = Record<string, unknown> & { exp?: number; iat?: number };

const secretOf = (key: string): Uint8Array => new TextEncoder().encode(key);

/** A compact JWT signed HS256 with `key`. */
export function signHs256(claims: JwtClaims, key: string): Promise<string> {
  return new SignJWT(claims as JWTPayload).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(secretOf(key));
}

export type JwtCheck = { ok: true; claims: JwtClaims } | { ok: false; reason: 'malformed' | 'signature' | 'expired' };

/** Checks an HS256 token's signature, and its expiry (required) against `nowSeconds`. */
export async function verifyHs256(token: string, key: string, nowSeconds: number): Promise<JwtCheck> {
  try {
    const { payload } = await jwtVerify(token, secretOf(key), {
      algorithms: ['HS256'],
      currentDate: new Date(nowSeconds * 1000),
      requiredClaims: ['exp'],
    });
    return { ok: true, claims: payload as JwtClaims };
  } catch (error) {
    if (error instanceof errors.JWSSignatureVerificationFailed) return { ok: false, reason: 'signature' };
    if (error instanceof errors.JWTExpired) return { ok: false, reason: 'expired' };
    if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'exp')
      return { ok: false, reason: 'expired' };
    return { ok: false, reason: 'malformed' };
  }
}

export interface PublicJwk {
  kty: 'RSA';
  n: string;
  e: string;
  kid: string;
  alg: 'RS256';
  use: 'sig';
}

/** The public JWK of an RSA private key, its kid the RFC 7638 thumbprint apps pick the key by. */
export async function publicRsaJwk(privateKey: KeyObject): Promise<PublicJwk> {
  const { n, e } = (await exportJWK(privateKey)) as { n: string; e: string };
  return { kty: 'RSA', n, e, kid: await calculateJwkThumbprint({ kty: 'RSA', n, e }), alg: 'RS256', use: 'sig' };
}

/** A compact JWT signed RS256 with `privateKey`, `kid` in the header. */
export function signRs256(claims: Record<string, unknown>, privateKey: KeyObject, kid: string): Promise<string> {
  return new SignJWT(claims as JWTPayload).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid }).sign(privateKey);
}
