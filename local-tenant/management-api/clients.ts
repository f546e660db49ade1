// /api/v2/clients: applications. The secret is generated here and shown, as on Auth0, to
// callers that may read it (read:client_keys); deploy-cli and the bundle's vault client need it.
import type { JsonObject } from '../state/types';
import { clientRecord } from '../state/client-record';
import { newClientId, newClientSecret } from '../shared/ids';
import { auth0Error, payloadError } from './errors';
import { collectionRoutes, patch } from './collection';
import type { ManagementResource } from './route';
import { CLIENT_CREATE, CLIENT_UPDATE } from './request-properties';
import { requireString } from './validation';

const APP_TYPES = ['native', 'spa', 'regular_web', 'non_interactive', 'resource_server', 'express_configuration'];

function checkClient(body: JsonObject): void {
  if (body.app_type !== undefined && !APP_TYPES.includes(String(body.app_type))) {
    throw payloadError(`No enum match for: "${String(body.app_type)}" on property app_type`);
  }
  for (const list of ['callbacks', 'allowed_origins', 'web_origins', 'allowed_logout_urls', 'grant_types']) {
    if (
      body[list] !== undefined &&
      (!Array.isArray(body[list]) || (body[list] as unknown[]).some((v) => typeof v !== 'string'))
    ) {
      throw payloadError(`Expected type array of strings on property ${list}`);
    }
  }
  if (body.client_metadata !== undefined) {
    const metadata = body.client_metadata;
    if (
      typeof metadata !== 'object' ||
      metadata === null ||
      Array.isArray(metadata) ||
      Object.values(metadata).some((v) => typeof v !== 'string')
    ) {
      // Auth0: client_metadata values are strings.
      throw payloadError('Expected client_metadata to be an object of string values');
    }
  }
}

export const clientsResource: ManagementResource = (context) =>
  collectionRoutes(
    {
      path: '/api/v2/clients',
      scope: 'clients',
      idField: 'client_id',
      listKey: 'clients',
      items: (state) => state.clients,
      notFound: { message: 'The client does not exist', errorCode: 'inexistent_client' },
      createProperties: CLIENT_CREATE,
      updateProperties: CLIENT_UPDATE,
      filter: (client, query) => {
        const appType = query.get('app_type');
        return appType === null || appType.split(',').includes(String(client.app_type));
      },
      create: (body) => {
        requireString(body, 'name');
        checkClient(body);
        return clientRecord({
          ...body,
          client_id: newClientId(),
          client_secret: newClientSecret(),
        });
      },
      update: (client, body) => {
        checkClient(body);
        if (body.name !== undefined && (typeof body.name !== 'string' || body.name === ''))
          throw payloadError('Expected a non-empty string on property name');
        return patch(client, body);
      },
      beforeDelete: (client) => {
        if (client.client_id === context.store.state.secrets.deployClientId) {
          throw auth0Error(
            400,
            'The local tenant refuses to delete its own deploy client: the env file and every deploy depend on it.',
            'operation_not_supported',
          );
        }
      },
    },
    context,
  );
