// What a new local tenant starts with: what every Auth0 tenant has (the database connection
// "Username-Password-Authentication", tenant settings), a deploy application allowed to call
// every Management API endpoint the local tenant implements, a SendGrid API key, and the
// senders its starter names (npm start: config/local.json's) verified in SendGrid.
import { randomBytes } from 'node:crypto';
import { newClientGrantId, newClientId, newClientSecret, newConnectionId, newSendgridApiKey } from '../shared/ids';
import { MANAGEMENT_API_SCOPES } from '../../platform/management-api-scopes';
import { managementAudience } from '../shared/access-tokens';
import { clientRecord } from './client-record';
import { STATE_FORMAT_VERSION, type TenantState } from './types';

export const DEPLOY_CLIENT_NAME = 'Local tenant deploy (deploy-cli)';
export const DEFAULT_DATABASE_CONNECTION = 'Username-Password-Authentication';

export function seedState(input: {
  domain: string;
  nowMs: number;
  plan: 'free' | 'enterprise';
  verifiedSenders: readonly string[];
}): TenantState {
  const deployClientId = newClientId();
  const deployClientSecret = newClientSecret();
  const connectionId = newConnectionId();
  return {
    format: STATE_FORMAT_VERSION,
    domain: input.domain,
    secrets: {
      tokenSigningKey: randomBytes(32).toString('base64url'),
      deployClientId,
      deployClientSecret,
      sendgridApiKey: newSendgridApiKey(),
    },
    tenantSettings: {
      friendly_name: 'Local tenant',
      picture_url: '',
      support_email: '',
      support_url: '',
      default_audience: '',
      default_directory: '',
      enabled_locales: ['en'],
      flags: {},
      session_lifetime: 168,
      idle_session_lifetime: 72,
      sandbox_version: '22',
      // Not an Auth0 field: which plan the local tenant behaves as (session revoke is Enterprise only).
      local_tenant_plan: input.plan,
    },
    users: [],
    clients: [
      clientRecord({
        client_id: deployClientId,
        client_secret: deployClientSecret,
        name: DEPLOY_CLIENT_NAME,
        description: 'Seeded by the local tenant: the application npm run deploy and deploy-cli use.',
        app_type: 'non_interactive',
        grant_types: ['client_credentials'],
      }),
    ],
    clientGrants: [
      {
        id: newClientGrantId(),
        client_id: deployClientId,
        audience: managementAudience(input.domain),
        scope: [...MANAGEMENT_API_SCOPES],
        subject_type: 'client',
      },
    ],
    resourceServers: [],
    connections: [
      {
        id: connectionId,
        name: DEFAULT_DATABASE_CONNECTION,
        display_name: DEFAULT_DATABASE_CONNECTION,
        strategy: 'auth0',
        options: { brute_force_protection: true, requires_username: false, passwordPolicy: 'good' },
        enabled_clients: [],
        realms: [DEFAULT_DATABASE_CONNECTION],
        is_domain_connection: false,
        metadata: {},
      },
    ],
    emailProvider: null,
    emailTemplates: [],
    actions: [],
    triggerBindings: {},
    flows: [],
    forms: [],
    vaultConnections: [],
    sendgrid: { templates: [], verifiedSenders: input.verifiedSenders.map((email) => email.toLowerCase()) },
    outbox: [],
  };
}

/**
 * The Management API's audience holds the port. When a tenant restarts on another port, the
 * grants to the old audience move to the new one, so the seeded deploy client keeps working.
 */
export function moveToDomain(state: TenantState, domain: string): void {
  if (state.domain === domain) return;
  const oldAudience = managementAudience(state.domain);
  for (const grant of state.clientGrants) {
    if (grant.audience === oldAudience) grant.audience = managementAudience(domain);
  }
  state.domain = domain;
}

/**
 * The seeded deploy client gets the scopes added to the local tenant since its state was made
 * (e.g. read:flows_executions), so that a tenant started before keeps every tool working.
 * Returns whether anything was missing.
 */
export function grantNewScopesToDeployClient(state: TenantState): boolean {
  const grant = state.clientGrants.find(
    (g) => g.client_id === state.secrets.deployClientId && g.audience === managementAudience(state.domain),
  );
  if (!grant || !Array.isArray(grant.scope)) return false;
  const missing = MANAGEMENT_API_SCOPES.filter((scope) => !(grant.scope as string[]).includes(scope));
  (grant.scope as string[]).push(...missing);
  return missing.length > 0;
}
