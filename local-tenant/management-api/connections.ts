// /api/v2/connections: identity providers. The local tenant keeps them as data; only database
// connections (strategy "auth0") hold users here.
import { newConnectionId } from '../shared/ids';
import { conflict } from './errors';
import { collectionRoutes } from './collection';
import type { ManagementResource } from './route';
import { CONNECTION_CREATE, CONNECTION_UPDATE } from './request-properties';
import { requireString } from './validation';

export const connectionsResource: ManagementResource = (context) =>
  collectionRoutes(
    {
      path: '/api/v2/connections',
      scope: 'connections',
      idField: 'id',
      listKey: 'connections',
      items: (state) => state.connections,
      paging: { checkpoint: true },
      notFound: { message: 'The connection does not exist', errorCode: 'inexistent_connection' },
      createProperties: CONNECTION_CREATE,
      updateProperties: CONNECTION_UPDATE,
      filter: (connection, query) => {
        const strategies = query.getAll('strategy').flatMap((s) => s.split(','));
        const name = query.get('name');
        return (
          (strategies.length === 0 || strategies.includes(String(connection.strategy))) &&
          (name === null || connection.name === name)
        );
      },
      create: (body) => {
        const name = requireString(body, 'name');
        requireString(body, 'strategy');
        if (context.store.state.connections.some((c) => c.name === name)) {
          throw conflict('A connection with the same name already exists', 'connection_conflict');
        }
        return {
          options: {},
          enabled_clients: [],
          realms: [name],
          is_domain_connection: false,
          metadata: {},
          display_name: name,
          ...body,
          id: newConnectionId(),
        };
      },
      update: (connection, body) => ({ ...connection, ...body }),
      beforeDelete: (connection) => {
        // Deleting a connection deletes its users, as on Auth0.
        context.store.mutate((state) => {
          state.users = state.users.filter((u) => !u.identities.some((i) => i.connection === connection.name));
        });
      },
    },
    context,
  );
