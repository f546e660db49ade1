// /api/v2/flows/vault/connections: the credentials flows use (docs/platform-facts.md §3). The setup
// (API keys, client secrets) is stored apart and never returned, as on Auth0.
import { createHmac } from 'node:crypto';
import type { JsonObject, StoredVaultConnection } from '../state/types';
import { newVaultConnectionId } from '../shared/ids';
import { auth0Error, payloadError } from './errors';
import { pageOf } from './pagination';
import { findReferences } from './references';
import { noContent, ok, type ManagementResource } from './route';
import { VAULT_CONNECTION_CREATE, VAULT_CONNECTION_UPDATE } from './request-properties';
import { expectObject, requireString } from './validation';

/** The setups the local tenant runs, by app, with their required fields (v7 FlowsVaultConnection* setups; docs customize/forms/vaults/http.mdx). */
const SETUPS: Record<string, { type: string; required: string[] }[]> = {
  AUTH0: [{ type: 'OAUTH_APP', required: ['client_id', 'client_secret', 'domain'] }],
  SENDGRID: [{ type: 'API_KEY', required: ['api_key'] }],
  HTTP: [
    { type: 'BEARER', required: ['token'] },
    { type: 'OAUTH_CLIENT_CREDENTIALS', required: ['client_id', 'client_secret', 'token_endpoint'] },
  ],
};

const NOT_FOUND = { message: 'The vault connection does not exist.', errorCode: 'not_found' };

function checkSetup(appId: string, setup: unknown): JsonObject {
  const specs = SETUPS[appId] as (typeof SETUPS)[string];
  if (typeof setup !== 'object' || setup === null || Array.isArray(setup))
    throw payloadError('Expected type object on property setup');
  const s = setup as JsonObject;
  const spec = specs.find((candidate) => candidate.type === s.type);
  if (!spec)
    throw payloadError(
      `setup.type of an ${appId} connection must be ${specs.map((c) => c.type).join(' or ')}, got ${JSON.stringify(s.type)}`,
    );
  for (const field of spec.required) {
    if (typeof s[field] !== 'string' || s[field] === '')
      throw payloadError(`Missing required property: setup.${field}`);
  }
  return s;
}

export const vaultConnectionsResource: ManagementResource = (context) => {
  const fingerprint = (setup: JsonObject): string =>
    createHmac('sha256', context.store.state.secrets.tokenSigningKey)
      .update(JSON.stringify(setup))
      .digest('hex')
      .slice(0, 32);
  const find = (id: string): StoredVaultConnection => {
    const found = context.store.state.vaultConnections.find((c) => c.connection.id === id);
    if (!found) throw auth0Error(404, NOT_FOUND.message, NOT_FOUND.errorCode);
    return found;
  };
  const base = '/api/v2/flows/vault/connections';
  return [
    {
      method: 'GET',
      pattern: base,
      scopes: ['read:flows_vault_connections'],
      handler: (request) =>
        ok(
          pageOf(
            context.store.state.vaultConnections.map((c) => structuredClone(c.connection)),
            request.query,
            'connections',
            { defaultPerPage: 50 },
          ),
        ),
    },
    {
      method: 'GET',
      pattern: `${base}/:id`,
      scopes: ['read:flows_vault_connections'],
      handler: (request) => ok(structuredClone(find(request.params.id as string).connection)),
    },
    {
      method: 'POST',
      pattern: base,
      scopes: ['create:flows_vault_connections'],
      handler: (request) => {
        const body = expectObject(request.body, VAULT_CONNECTION_CREATE);
        const name = requireString(body, 'name');
        const appId = requireString(body, 'app_id');
        if (!SETUPS[appId]) {
          throw auth0Error(
            400,
            `The local tenant implements vault connections for ${Object.keys(SETUPS).join(', ')}, not ${appId}.`,
            'invalid_body',
          );
        }
        const setup = body.setup === undefined ? undefined : checkSetup(appId, body.setup);
        const at = new Date(context.now()).toISOString();
        const stored: StoredVaultConnection = {
          connection: {
            id: newVaultConnectionId(),
            app_id: appId,
            name,
            ready: setup !== undefined,
            created_at: at,
            updated_at: at,
            ...(setup ? { refreshed_at: at, fingerprint: fingerprint(setup) } : {}),
          },
          setup: setup ?? {},
        };
        context.store.mutate((state) => state.vaultConnections.push(stored));
        return ok(structuredClone(stored.connection), 201);
      },
    },
    {
      method: 'PATCH',
      pattern: `${base}/:id`,
      scopes: ['update:flows_vault_connections'],
      handler: (request) => {
        const body = expectObject(request.body, VAULT_CONNECTION_UPDATE);
        const id = request.params.id as string;
        const existing = find(id);
        const name = body.name === undefined ? undefined : requireString(body, 'name');
        const setup = body.setup === undefined ? undefined : checkSetup(String(existing.connection.app_id), body.setup);
        const updated = context.store.mutate((state) => {
          const stored = state.vaultConnections.find((c) => c.connection.id === id) as StoredVaultConnection;
          const at = new Date(context.now()).toISOString();
          if (name !== undefined) stored.connection.name = name;
          if (setup) {
            stored.setup = setup;
            Object.assign(stored.connection, { ready: true, refreshed_at: at, fingerprint: fingerprint(setup) });
          }
          stored.connection.updated_at = at;
          return structuredClone(stored.connection);
        });
        return ok(updated);
      },
    },
    {
      method: 'DELETE',
      pattern: `${base}/:id`,
      scopes: ['delete:flows_vault_connections'],
      handler: (request) => {
        const id = request.params.id as string;
        find(id);
        // Auth0's behaviour here is undocumented; a flow left pointing at nothing would only fail
        // at run time, so the local tenant refuses (see flows.ts).
        const user = context.store.state.flows.find((f) =>
          findReferences(f, 'connection_id').some((r) => r.value === id),
        );
        if (user)
          throw auth0Error(
            409,
            `Flow ${String(user.name)} uses vault connection ${id}; change the flow first.`,
            'in_use',
          );
        context.store.mutate((state) => {
          state.vaultConnections = state.vaultConnections.filter((c) => c.connection.id !== id);
        });
        return noContent();
      },
    },
  ];
};
