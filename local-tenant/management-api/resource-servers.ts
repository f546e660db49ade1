// /api/v2/resource-servers: APIs. The Management API itself is listed (is_system: true) with its
// identifier https://<domain>/api/v2/, as on Auth0, but it cannot be changed or deleted.
import type { TenantContext } from '../surface';
import type { JsonObject } from '../state/types';
import { newResourceServerId } from '../shared/ids';
import { managementAudience } from '../shared/access-tokens';
import { auth0Error, conflict } from './errors';
import { pageOf } from './pagination';
import { collectionRoutes } from './collection';
import { MANAGEMENT_API_SCOPES } from '../../platform/management-api-scopes';
import { ok, type ManagementResource } from './route';
import { RESOURCE_SERVER_CREATE, RESOURCE_SERVER_UPDATE } from './request-properties';
import { requireString } from './validation';

const MANAGEMENT_API_ID = 'local-tenant-management-api';

export function managementApiResourceServer(context: TenantContext): JsonObject {
  return {
    id: MANAGEMENT_API_ID,
    name: 'Auth0 Management API',
    identifier: managementAudience(context.domain),
    is_system: true,
    allow_offline_access: false,
    skip_consent_for_verifiable_first_party_clients: false,
    token_lifetime: 86400,
    signing_alg: 'RS256',
    scopes: MANAGEMENT_API_SCOPES.map((value) => ({ value, description: value })),
  };
}

export const resourceServersResource: ManagementResource = (context) => {
  const routes = collectionRoutes(
    {
      path: '/api/v2/resource-servers',
      scope: 'resource_servers',
      idField: 'id',
      listKey: 'resource_servers',
      items: (state) => state.resourceServers,
      notFound: { message: 'The resource server does not exist', errorCode: 'inexistent_resource_server' },
      createProperties: RESOURCE_SERVER_CREATE,
      updateProperties: RESOURCE_SERVER_UPDATE,
      create: (body) => {
        const identifier = requireString(body, 'identifier');
        if (
          identifier === managementAudience(context.domain) ||
          context.store.state.resourceServers.some((r) => r.identifier === identifier)
        ) {
          throw conflict('A resource server with the same identifier already exists', 'resource_server_conflict');
        }
        return {
          name: identifier,
          scopes: [],
          signing_alg: 'RS256',
          token_lifetime: 86400,
          allow_offline_access: false,
          skip_consent_for_verifiable_first_party_clients: false,
          ...body,
          id: newResourceServerId(),
          is_system: false,
        };
      },
      update: (server, body) => ({ ...server, ...body }),
    },
    context,
  );
  // The list and the get also show the Management API; writes to it are refused.
  return routes.map((route) => {
    if (route.pattern === '/api/v2/resource-servers' && route.method === 'GET') {
      return {
        ...route,
        handler: (request) =>
          ok(
            pageOf(
              [managementApiResourceServer(context), ...structuredClone(context.store.state.resourceServers)],
              request.query,
              'resource_servers',
            ),
          ),
      };
    }
    if (route.pattern === '/api/v2/resource-servers/:id') {
      return {
        ...route,
        handler: (request) => {
          if (request.params.id === MANAGEMENT_API_ID) {
            if (route.method === 'GET') return ok(managementApiResourceServer(context));
            throw auth0Error(
              400,
              'The Auth0 Management API is a system API and cannot be changed or deleted.',
              'operation_not_supported',
            );
          }
          return route.handler(request);
        },
      };
    }
    return route;
  });
};
