// The OpenID Connect endpoints apps and libraries call directly, on the plain-HTTP listener with
// the login pages (the issuer is http://localhost:<port>/): discovery, the JWKS, /userinfo, and
// /oauth/token, which is the tokens surface's own handler (the composition root, surfaces.ts,
// gives it the authorization code grant, and gives this surface the tokens surface).
import type { Reply, Route } from '../shared/router';
import type { Surface, TenantContext } from '../surface';
import { issuerOf } from './id-token';
import { MFA_ACR_VALUE } from '../../platform/step-up-authentication';
import { loginState } from './login-state';
import { signingKey } from './signing-key';

const json = (body: unknown, headers: Record<string, string> = {}): Reply => ({ status: 200, headers, body });

export function discoveryDocument(context: TenantContext): Record<string, unknown> {
  const base = context.httpUrl;
  return {
    issuer: issuerOf(base),
    authorization_endpoint: `${base}/authorize`,
    token_endpoint: `${base}/oauth/token`,
    userinfo_endpoint: `${base}/userinfo`,
    jwks_uri: `${base}/.well-known/jwks.json`,
    scopes_supported: ['openid', 'profile', 'email'],
    response_types_supported: ['code'],
    response_modes_supported: ['query', 'form_post'],
    grant_types_supported: ['authorization_code', 'client_credentials'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_methods_supported: ['client_secret_post', 'none'],
    code_challenge_methods_supported: ['S256'],
    acr_values_supported: [MFA_ACR_VALUE],
    claims_supported: [
      'aud',
      'auth_time',
      'email',
      'email_verified',
      'exp',
      'iat',
      'iss',
      'name',
      'nickname',
      'nonce',
      'picture',
      'sub',
      'updated_at',
    ],
  };
}

/** RFC 6750 §3: a missing or bad token gets 401 with a WWW-Authenticate challenge. */
function unauthorized(description: string): Reply {
  return {
    status: 401,
    headers: { 'www-authenticate': `Bearer error="invalid_token", error_description="${description}"` },
    body: { error: 'invalid_token', error_description: description },
  };
}

function userinfo(context: TenantContext, authorization: string | undefined): Reply {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (!match) return unauthorized('Send the access token as Authorization: Bearer <token>.');
  const issued = loginState(context).accessTokens.get(match[1] as string);
  if (!issued || issued.expiresAtMs < context.now()) return unauthorized('The access token is unknown or expired.');
  const user = context.store.state.users.find((u) => u.user_id === issued.userId);
  if (!user) return unauthorized('The user of this access token no longer exists.');
  const scope = new Set(issued.scope);
  return json({
    sub: user.user_id,
    ...(scope.has('profile')
      ? { name: user.name, nickname: user.nickname, picture: user.picture, updated_at: user.updated_at }
      : {}),
    ...(scope.has('email') ? { email: user.email, email_verified: user.email_verified } : {}),
  });
}

/** The OIDC endpoints, with /oauth/token as `tokensSurface` serves it. */
export const createOidcSurface = (tokensSurface: Surface): Surface => ({
  name: 'OpenID Connect endpoints',
  listener: 'http',
  prefixes: ['/.well-known/', '/userinfo', '/oauth/'],
  counted: false,
  errorReply: (status, message) => ({
    status,
    body: { error: status >= 500 ? 'server_error' : 'invalid_request', error_description: message },
  }),
  routes: (context): Route[] => [
    { method: 'GET', pattern: '/.well-known/openid-configuration', handler: () => json(discoveryDocument(context)) },
    {
      method: 'GET',
      pattern: '/.well-known/jwks.json',
      handler: async () => json({ keys: [(await signingKey(context.store)).jwk] }),
    },
    { method: 'GET', pattern: '/userinfo', handler: (request) => userinfo(context, request.headers.authorization) },
    // The same /oauth/token as on the HTTPS listener, without its fault kind: faults armed for the
    // Management API's tokens must not be spent by an app's code exchange.
    ...tokensSurface
      .routes(context)
      .filter((route) => route.pattern === '/oauth/token')
      .map(({ faultKind: _faultKind, ...route }) => route),
  ],
});
