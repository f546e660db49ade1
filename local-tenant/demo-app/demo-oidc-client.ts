// The demo app's side of the code flow with PKCE, written the way an app would: it knows the
// tenant only by URL, exchanges the code over HTTP, and verifies the ID token's signature against
// the published JWKS and its iss, aud, exp and nonce before believing a word of it.
import { createHash, createPublicKey, randomBytes, verify } from 'node:crypto';

export interface DemoClientConfig {
  /** The tenant's login URL, http://localhost:<port> (the issuer is this with a trailing slash). */
  readonly tenantUrl: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly now: () => number;
}

export interface PkcePair {
  readonly verifier: string;
  readonly challenge: string;
}

export interface IdTokenClaims {
  readonly sub: string;
  readonly email?: string;
  readonly email_verified?: boolean;
  readonly name?: string;
  readonly auth_time?: number;
  readonly amr?: string[];
  readonly iat: number;
  readonly exp: number;
}

export class DemoSignInError extends Error {}

const random = (): string => randomBytes(32).toString('base64url');

export function newPkce(): PkcePair {
  const verifier = random();
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export const newState = random;
export const newNonce = random;

export function authorizeUrl(config: DemoClientConfig, input: { state: string; nonce: string; challenge: string; extra: Record<string, string> }): string {
  const url = new URL('/authorize', config.tenantUrl);
  const params: Record<string, string> = {
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: config.redirectUri,
    scope: 'openid profile email',
    state: input.state,
    nonce: input.nonce,
    code_challenge: input.challenge,
    code_challenge_method: 'S256',
    ...input.extra,
  };
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.href;
}

async function fetchJson(url: string, init?: RequestInit): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) as Record<string, unknown> };
  } catch {
    throw new DemoSignInError(`${url} answered ${response.status} with something that is not JSON.`);
  }
}

function decodePart(part: string | undefined): Record<string, unknown> {
  try {
    return JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new DemoSignInError('The ID token is not a JWT.');
  }
}

async function verifyIdToken(config: DemoClientConfig, idToken: string, nonce: string): Promise<IdTokenClaims> {
  const [headerPart, payloadPart, signaturePart] = idToken.split('.');
  const header = decodePart(headerPart);
  if (header.alg !== 'RS256') throw new DemoSignInError(`The ID token is signed ${String(header.alg)}, not RS256.`);
  const jwks = await fetchJson(new URL('/.well-known/jwks.json', config.tenantUrl).href);
  const keys = Array.isArray(jwks.body.keys) ? (jwks.body.keys as Record<string, unknown>[]) : [];
  const jwk = keys.find((k) => k.kid === header.kid);
  if (!jwk) throw new DemoSignInError(`No key ${String(header.kid)} in the tenant's JWKS.`);
  const key = createPublicKey({ key: jwk as never, format: 'jwk' });
  const signed = verify('RSA-SHA256', Buffer.from(`${headerPart}.${payloadPart}`), key, Buffer.from(signaturePart ?? '', 'base64url'));
  if (!signed) throw new DemoSignInError('The ID token signature does not verify against the tenant JWKS.');
  const claims = decodePart(payloadPart);
  const issuer = `${config.tenantUrl}/`;
  if (claims.iss !== issuer) throw new DemoSignInError(`The ID token is from ${String(claims.iss)}, not ${issuer}.`);
  if (claims.aud !== config.clientId) throw new DemoSignInError('The ID token is for another application.');
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= config.now()) throw new DemoSignInError('The ID token has expired.');
  if (claims.nonce !== nonce) throw new DemoSignInError('The ID token nonce is not the one this sign-in sent.');
  if (typeof claims.sub !== 'string') throw new DemoSignInError('The ID token has no subject.');
  return claims as unknown as IdTokenClaims;
}

/** The code exchange, then the ID token check; throws DemoSignInError with what went wrong. */
export async function exchangeCode(config: DemoClientConfig, input: { code: string; verifier: string; nonce: string }): Promise<{ idToken: string; claims: IdTokenClaims }> {
  const { status, body } = await fetchJson(new URL('/oauth/token', config.tenantUrl).href, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: config.clientId,
      code: input.code,
      redirect_uri: config.redirectUri,
      code_verifier: input.verifier,
    }).toString(),
  });
  if (status !== 200) throw new DemoSignInError(`The code exchange failed: ${String(body.error)}: ${String(body.error_description)}`);
  if (typeof body.id_token !== 'string') throw new DemoSignInError('The token response has no ID token.');
  return { idToken: body.id_token, claims: await verifyIdToken(config, body.id_token, input.nonce) };
}
