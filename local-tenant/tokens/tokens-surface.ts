// /oauth/token. The tokens service implements the client-credentials grant (what deploy-cli, the
// auth0 SDK and the flows' vault connection use); the composition root (surfaces.ts) adds the
// login side's grants.
import { timingSafeEqual } from 'node:crypto';
import { parseBody } from '../shared/body';
import type { Reply, Request } from '../shared/router';
import type { Surface, TenantContext } from '../surface';
import type { JsonObject } from '../state/types';
import { issueAccessToken } from '../shared/access-tokens';

/** Errors of the Authentication API: {error, error_description} (OAuth 2.0, RFC 6749 §5.2). */
export function oauthErrorReply(status: number, error: string, description: string): Reply {
  return { status, body: { error, error_description: description } };
}

export type GrantHandler = (params: Record<string, string>, context: TenantContext) => Reply | Promise<Reply>;

const sameSecret = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

async function clientCredentialsGrant(params: Record<string, string>, context: TenantContext): Promise<Reply> {
  const state = context.store.state;
  const client = state.clients.find((c) => c.client_id === params.client_id);
  // Auth0 answers a wrong client id or secret alike: 401 access_denied "Unauthorized".
  if (
    !client ||
    typeof params.client_secret !== 'string' ||
    !sameSecret(String(client.client_secret), params.client_secret)
  ) {
    return oauthErrorReply(401, 'access_denied', 'Unauthorized');
  }
  const grantTypes = Array.isArray(client.grant_types) ? client.grant_types : [];
  if (!grantTypes.includes('client_credentials')) {
    return oauthErrorReply(403, 'unauthorized_client', "Grant type 'client_credentials' not allowed for the client.");
  }
  const audience = params.audience;
  if (!audience) {
    return oauthErrorReply(
      403,
      'access_denied',
      'No audience parameter was provided, and no default audience has been configured',
    );
  }
  const api = resourceServerFor(state.resourceServers, audience, context.domain);
  if (!api) return oauthErrorReply(403, 'access_denied', `Service not enabled within domain: ${audience}`);
  const grant = state.clientGrants.find((g) => g.client_id === client.client_id && g.audience === audience);
  if (!grant) {
    return oauthErrorReply(
      403,
      'access_denied',
      `Client is not authorized to access "${audience}". You need to create a "client-grant" associated to this API. See: https://auth0.com/docs/api/v2#!/Client_Grants/post_client_grants`,
    );
  }
  const granted = (Array.isArray(grant.scope) ? grant.scope : []).map(String);
  // A `scope` parameter narrows the token to the granted scopes it names.
  const requested = params.scope ? params.scope.split(' ').filter(Boolean) : undefined;
  const scopes = requested ? granted.filter((s) => requested.includes(s)) : granted;
  const { token, expiresIn } = await issueAccessToken(state.secrets.tokenSigningKey, {
    domain: context.domain,
    clientId: String(client.client_id),
    audience,
    scopes,
    nowMs: context.now(),
  });
  return {
    status: 200,
    body: { access_token: token, scope: scopes.join(' '), expires_in: expiresIn, token_type: 'Bearer' },
  };
}

function resourceServerFor(resourceServers: readonly JsonObject[], audience: string, domain: string): boolean {
  return audience === `https://${domain}/api/v2/` || resourceServers.some((r) => r.identifier === audience);
}

/** The tokens surface, granting client credentials and `otherGrants` (by grant_type). */
export const createTokensSurface = (otherGrants: Readonly<Record<string, GrantHandler>>): Surface => {
  const grantTypes: Record<string, GrantHandler> = { client_credentials: clientCredentialsGrant, ...otherGrants };
  return {
    name: 'Authentication API',
    listener: 'https',
    prefixes: ['/oauth/'],
    counted: true,
    errorReply: (status, message) =>
      oauthErrorReply(status, status >= 500 ? 'server_error' : 'invalid_request', message),
    routes: (context) => [
      {
        method: 'POST',
        pattern: '/oauth/token',
        faultKind: 'management.token',
        handler: (request: Request) => {
          const parsed = parseBody(request);
          if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null) {
            return oauthErrorReply(400, 'invalid_request', 'The request body must be JSON or form-encoded parameters.');
          }
          const params = Object.fromEntries(
            Object.entries(parsed.value as Record<string, unknown>).map(([k, v]) => [
              k,
              typeof v === 'string' ? v : String(v),
            ]),
          );
          if (!params.grant_type)
            return oauthErrorReply(400, 'invalid_request', 'Missing required parameter: grant_type');
          const grant = grantTypes[params.grant_type];
          if (!grant)
            return oauthErrorReply(400, 'unsupported_grant_type', `Unsupported grant type: ${params.grant_type}`);
          return grant(params, context);
        },
      },
    ],
  };
};
