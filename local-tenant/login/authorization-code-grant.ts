// /oauth/token with grant_type=authorization_code (RFC 6749 §4.1.3, PKCE RFC 7636 §4.6): a code
// is good once, for the client and redirect_uri it was issued to, within its lifetime, and with
// the verifier of its challenge. Given to the tokens surface by the composition root (surfaces.ts).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Reply } from '../shared/router';
import type { TenantContext } from '../surface';
import { isPublicClient } from './authorize-request';
import { issuerOf, signIdToken } from './id-token';
import { USERINFO_ACCESS_TOKEN_LIFETIME_SECONDS } from './limits';
import { loginState } from './login-state';
import { signingKey } from './signing-key';

const DEFAULT_ID_TOKEN_LIFETIME_SECONDS = 36_000;

const oauthError = (status: number, error: string, description: string): Reply => ({
  status,
  body: { error, error_description: description },
});

const sameText = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

// Auth0 answers a code it does not know, or knows as used or expired, with 403 invalid_grant "Invalid authorization code".
const INVALID_CODE = (): Reply => oauthError(403, 'invalid_grant', 'Invalid authorization code');

export async function authorizationCodeGrant(params: Record<string, string>, context: TenantContext): Promise<Reply> {
  const state = loginState(context);
  const client = context.store.state.clients.find((c) => c.client_id === params.client_id);
  if (!client) return oauthError(401, 'access_denied', 'Unauthorized');
  if (!isPublicClient(client)) {
    // A confidential client proves itself with its secret (client_secret_post).
    if (typeof params.client_secret !== 'string' || !sameText(String(client.client_secret), params.client_secret)) {
      return oauthError(401, 'access_denied', 'Unauthorized');
    }
  }
  const grantTypes = Array.isArray(client.grant_types) ? client.grant_types.map(String) : [];
  if (!grantTypes.includes('authorization_code')) {
    return oauthError(403, 'unauthorized_client', "Grant type 'authorization_code' not allowed for the client.");
  }
  if (!params.code) return oauthError(400, 'invalid_request', 'Missing required parameter: code');
  const record = state.codes.get(params.code);
  if (!record || record.clientId !== client.client_id) return INVALID_CODE();
  if (record.used) {
    // RFC 6749 §4.1.2: a code presented twice revokes what was issued for it.
    if (record.accessToken !== undefined) state.accessTokens.delete(record.accessToken);
    return INVALID_CODE();
  }
  // Spent from the first attempt on, a failed one included: a wrong verifier cannot be retried (RFC 7636 §4.6).
  record.used = true;
  if (record.expiresAtMs < context.now()) return INVALID_CODE();
  if (params.redirect_uri !== record.redirectUri) {
    return oauthError(403, 'invalid_grant', 'redirect_uri must be the one the authorization request was made with.');
  }
  if (record.codeChallenge !== undefined) {
    const verifier = params.code_verifier ?? '';
    // RFC 7636 §4.1: 43 to 128 characters of [A-Za-z0-9-._~].
    const wellFormed = /^[A-Za-z0-9._~-]{43,128}$/.test(verifier);
    const computed = createHash('sha256').update(verifier).digest('base64url');
    if (!wellFormed || !sameText(computed, record.codeChallenge))
      return oauthError(403, 'invalid_grant', 'Failed to verify code verifier');
  } else if (params.code_verifier !== undefined) {
    return oauthError(
      403,
      'invalid_grant',
      'code_verifier was sent, but the authorization request had no code_challenge.',
    );
  }
  const user = context.store.state.users.find((u) => u.user_id === record.userId);
  if (!user) return INVALID_CODE();

  const accessToken = randomBytes(32).toString('base64url');
  state.accessTokens.set(accessToken, {
    userId: user.user_id,
    clientId: record.clientId,
    scope: record.scope,
    expiresAtMs: context.now() + USERINFO_ACCESS_TOKEN_LIFETIME_SECONDS * 1000,
  });
  record.accessToken = accessToken;
  const jwt = client.jwt_configuration as { lifetime_in_seconds?: unknown } | undefined;
  const lifetime =
    typeof jwt?.lifetime_in_seconds === 'number' ? jwt.lifetime_in_seconds : DEFAULT_ID_TOKEN_LIFETIME_SECONDS;
  const idToken = record.scope.includes('openid')
    ? await signIdToken(
        { issuer: issuerOf(context.httpUrl), code: record, user, nowMs: context.now(), lifetimeSeconds: lifetime },
        await signingKey(context.store),
      )
    : undefined;
  return {
    status: 200,
    body: {
      access_token: accessToken,
      ...(idToken === undefined ? {} : { id_token: idToken }),
      scope: record.scope.join(' '),
      expires_in: USERINFO_ACCESS_TOKEN_LIFETIME_SECONDS,
      token_type: 'Bearer',
    },
  };
}
