// The Management API scopes the local tenant knows: those of the endpoints it implements.
// Scope names as listed by Auth0's Management API (docs: "Management API scopes").

const crud = (resource: string): string[] =>
  ['read', 'create', 'update', 'delete'].map((verb) => `${verb}:${resource}`);

export const MANAGEMENT_API_SCOPES: readonly string[] = [
  ...crud('users'),
  'read:users_app_metadata',
  'update:users_app_metadata',
  'create:users_app_metadata',
  'delete:users_app_metadata',
  'create:user_tickets',
  'delete:refresh_tokens',
  'delete:sessions',
  ...crud('clients'),
  'read:client_keys',
  'update:client_keys',
  'read:client_credentials',
  'create:client_credentials',
  'update:client_credentials',
  'delete:client_credentials',
  ...crud('client_grants'),
  ...crud('resource_servers'),
  ...crud('connections'),
  ...crud('email_provider'),
  'read:email_templates',
  'create:email_templates',
  'update:email_templates',
  ...crud('actions'),
  ...crud('flows'),
  // docs api/management/v2/flows/get-flows-executions.mdx and delete-flows-executions-by-execution-id.mdx.
  'read:flows_executions',
  'delete:flows_executions',
  ...crud('flows_vault_connections'),
  ...crud('forms'),
  'read:tenant_settings',
  'update:tenant_settings',
];
