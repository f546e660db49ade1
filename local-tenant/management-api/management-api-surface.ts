// The Management API (/api/v2): one module per resource, listed in RESOURCES. Every call
// needs a bearer token for this tenant's Management API audience with one of the endpoint's
// scopes (Auth0: 401 without a valid token, 403 "Insufficient scope, expected any of: ...").
import { parseBody } from '../shared/body';
import type { Route } from '../shared/router';
import type { Surface, TenantContext } from '../surface';
import { checkAccessToken } from '../shared/access-tokens';
import { auth0Error, auth0ErrorReply } from './errors';
import type { ManagementResource, ManagementRoute } from './route';
import { actionsResource } from './actions';
import { clientGrantsResource } from './client-grants';
import { clientsResource } from './clients';
import { connectionsResource } from './connections';
import { emailResource } from './email';
import { flowExecutionsResource } from './flow-executions';
import { flowsResource } from './flows';
import { formsResource } from './forms';
import { resourceServersResource } from './resource-servers';
import { tenantSettingsResource } from './tenant-settings';
import { triggersResource } from './triggers';
import { usersResource } from './users';
import { ticketsResource } from './tickets';
import { userRevocationResource } from './user-revocation';
import { vaultConnectionsResource } from './vault-connections';

export const RESOURCES: readonly ManagementResource[] = [
  usersResource,
  userRevocationResource,
  ticketsResource,
  clientsResource,
  clientGrantsResource,
  resourceServersResource,
  connectionsResource,
  emailResource,
  actionsResource,
  triggersResource,
  // Vault connections before flows: /flows/vault/... must not match /flows/:id.
  vaultConnectionsResource,
  flowExecutionsResource,
  flowsResource,
  formsResource,
  tenantSettingsResource,
];

function toRoute(route: ManagementRoute, context: TenantContext): Route {
  return {
    method: route.method,
    pattern: route.pattern,
    ...(route.faultKind ? { faultKind: route.faultKind } : {}),
    handler: async (request) => {
      const token = await checkAccessToken(context.store.state.secrets.tokenSigningKey, request.headers.authorization, {
        domain: context.domain,
        nowMs: context.now(),
      });
      if (!token.ok) throw auth0Error(401, token.message);
      if (!route.scopes.some((scope) => token.scopes.has(scope))) {
        // Community article "Management API Token from API Explorer Tab does not Contain Expected Scopes".
        throw auth0Error(403, `Insufficient scope, expected any of: ${route.scopes.join(',')}`, 'insufficient_scope');
      }
      const parsed = parseBody(request);
      // Auth0 (hapi) answers a body that is not JSON with this message.
      if (!parsed.ok) throw auth0Error(400, 'Invalid request payload JSON format');
      return route.handler({ ...request, body: parsed.value, clientId: token.clientId, scopes: token.scopes });
    },
  };
}

export const managementApiSurface: Surface = {
  name: 'Management API',
  listener: 'https',
  prefixes: ['/api/v2/'],
  counted: true,
  errorReply: (status, message) => auth0ErrorReply(status, message),
  routes: (context) => RESOURCES.flatMap((resource) => resource(context)).map((route) => toRoute(route, context)),
};
