// /api/v2/client-grants: which API an application may call with client credentials, and with
// which scopes. The /oauth/token endpoint reads these.
import { newClientGrantId } from '../shared/ids';
import { managementAudience } from '../shared/access-tokens';
import { auth0Error, payloadError } from './errors';
import { collectionRoutes } from './collection';
import { MANAGEMENT_API_SCOPES } from '../../platform/management-api-scopes';
import type { ManagementResource } from './route';
import { CLIENT_GRANT_CREATE, CLIENT_GRANT_UPDATE } from './request-properties';
import { requireString } from './validation';

function checkScopes(scope: unknown): string[] {
  if (!Array.isArray(scope) || scope.some((s) => typeof s !== 'string')) {
    throw payloadError('Expected type array of strings on property scope');
  }
  return scope as string[];
}

export const clientGrantsResource: ManagementResource = (context) =>
  collectionRoutes(
    {
      path: '/api/v2/client-grants',
      scope: 'client_grants',
      idField: 'id',
      listKey: 'client_grants',
      paging: { checkpoint: true },
      items: (state) => state.clientGrants,
      notFound: { message: 'The client grant does not exist', errorCode: 'inexistent_client_grant' },
      createProperties: CLIENT_GRANT_CREATE,
      updateProperties: CLIENT_GRANT_UPDATE,
      filter: (grant, query) =>
        (query.get('client_id') === null || grant.client_id === query.get('client_id')) &&
        (query.get('audience') === null || grant.audience === query.get('audience')),
      create: (body) => {
        const state = context.store.state;
        const clientId = requireString(body, 'client_id');
        const audience = requireString(body, 'audience');
        const scope = checkScopes(body.scope ?? []);
        if (!state.clients.some((c) => c.client_id === clientId)) {
          throw auth0Error(404, 'The client does not exist', 'inexistent_client');
        }
        const isManagementApi = audience === managementAudience(context.domain);
        if (!isManagementApi && !state.resourceServers.some((r) => r.identifier === audience)) {
          throw auth0Error(404, 'The resource server does not exist', 'inexistent_resource_server');
        }
        // A scope the API does not define is refused, so that a typo never passes silently.
        const known = isManagementApi
          ? MANAGEMENT_API_SCOPES
          : (
              (state.resourceServers.find((r) => r.identifier === audience)?.scopes as
                { value: string }[] | undefined) ?? []
            ).map((s) => s.value);
        const unknown = scope.filter((s) => !known.includes(s));
        if (unknown.length > 0) {
          throw auth0Error(400, `The local tenant's ${audience} has no scope ${unknown.join(', ')}.`, 'invalid_scope');
        }
        if (state.clientGrants.some((g) => g.client_id === clientId && g.audience === audience)) {
          throw auth0Error(409, 'A client grant for this client and audience already exists', 'client_grant_conflict');
        }
        return { subject_type: 'client', ...body, scope, id: newClientGrantId() };
      },
      update: (grant, body) => ({
        ...grant,
        ...body,
        ...(body.scope !== undefined ? { scope: checkScopes(body.scope) } : {}),
      }),
    },
    context,
  );
