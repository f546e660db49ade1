// The whole state of a local tenant: one JSON document, kept in <stateDir>/state.json.
// Resources are stored as the Management API returns them, plus the few fields the API
// never returns (password hashes, secret values, vault setups), named so that the API
// layer strips them (see management-api/*).

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export const STATE_FORMAT_VERSION = 1;

export interface StoredIdentity {
  connection: string;
  provider: string;
  user_id: string;
  isSocial: boolean;
}

export interface StoredUser {
  user_id: string;
  email: string;
  email_verified: boolean;
  name: string;
  nickname: string;
  picture: string;
  identities: StoredIdentity[];
  app_metadata: JsonObject;
  user_metadata: JsonObject;
  blocked?: boolean;
  /** Enrolled MFA factors, as Auth0 lists them on the user (e.g. ["guardian"]). */
  multifactor?: string[];
  created_at: string;
  updated_at: string;
  last_login?: string;
  /** When the password was last changed (docs user-profile-structure.mdx); unset until it is. */
  last_password_reset?: string;
  logins_count: number;
  /** scrypt hash of the password ("scrypt$<cost>$<salt hex>$<hash hex>"); never returned by the API. */
  password_hash?: string;
  /** Reserved for the login side (TOTP MFA); never returned by the API. */
  totp_secret?: string;
}

export interface StoredActionVersion extends JsonObject {
  id: string;
  number: number;
}

export interface StoredAction {
  /** The action as the API returns it, without secret values. */
  action: JsonObject & { id: string; name: string };
  /** Secret values by name: the API only ever shows names. */
  secretValues: Record<string, string>;
  /** When the current build finishes (ms since epoch); status is "built" from then on. */
  builtAt: number;
  versions: StoredActionVersion[];
  /** Secret values of each version by version id: what a deployed version runs with. */
  versionSecretValues: Record<string, Record<string, string>>;
}

export interface TriggerBinding extends JsonObject {
  id: string;
  trigger_id: string;
  display_name: string;
  action: JsonObject;
  created_at: string;
  updated_at: string;
}

export interface StoredVaultConnection {
  /** As the API returns it: no setup. */
  connection: JsonObject & { id: string; name: string };
  /** The setup with its secrets; never returned by the API. */
  setup: JsonObject;
}

export interface SendgridTemplateVersion {
  id: string;
  template_id: string;
  active: 0 | 1;
  name: string;
  subject: string;
  html_content: string;
  plain_content: string;
  generate_plain_content: boolean;
  editor: 'code' | 'design';
  test_data?: string;
  updated_at: string;
}

export interface SendgridTemplate {
  id: string;
  name: string;
  generation: 'legacy' | 'dynamic';
  updated_at: string;
  versions: SendgridTemplateVersion[];
}

export interface EmailAddress {
  email: string;
  name?: string;
}

export interface OutboxMessage {
  /** SendGrid's X-Message-Id of the request, plus the personalization index. */
  id: string;
  /** When the local SendGrid accepted it (ISO 8601). */
  sent_at: string;
  from: EmailAddress;
  reply_to?: EmailAddress;
  to: EmailAddress[];
  cc: EmailAddress[];
  bcc: EmailAddress[];
  subject: string;
  html?: string;
  text?: string;
  template_id?: string;
  template_version_id?: string;
  dynamic_template_data?: Json;
  categories: string[];
  custom_args: Record<string, string>;
}

/** A flow execution as GET /api/v2/flows/{flow_id}/executions/{id}?hydrate=debug shows it, plus the flow it belongs to. */
export interface StoredFlowExecution {
  flow_id: string;
  id: string;
  trace_id: string;
  journey_id: string;
  /** "completed" or "failed" (the Dashboard's Completed and Failed: flow-execution-and-debugger.mdx). */
  status: 'completed' | 'failed';
  created_at: string;
  updated_at: string;
  started_at: string;
  ended_at: string;
  debug: JsonObject;
}

export interface TenantSecrets {
  /** HMAC key of the Management API access tokens this tenant issues. */
  tokenSigningKey: string;
  deployClientId: string;
  deployClientSecret: string;
  sendgridApiKey: string;
  /** PKCS#8 PEM of the RSA key the login side signs ID tokens with; made on first use (login/signing-key.ts). */
  idTokenSigningKey?: string;
}

export interface TenantState {
  format: typeof STATE_FORMAT_VERSION;
  /** "localhost:<httpsPort>" at the last start: the Management API audience depends on it. */
  domain: string;
  secrets: TenantSecrets;
  tenantSettings: JsonObject;
  users: StoredUser[];
  clients: JsonObject[];
  clientGrants: JsonObject[];
  resourceServers: JsonObject[];
  connections: JsonObject[];
  emailProvider: JsonObject | null;
  emailTemplates: JsonObject[];
  actions: StoredAction[];
  triggerBindings: Record<string, TriggerBinding[]>;
  flows: JsonObject[];
  forms: JsonObject[];
  vaultConnections: StoredVaultConnection[];
  sendgrid: {
    templates: SendgridTemplate[];
    /** Sender addresses this SendGrid account may send from (lower case). */
    verifiedSenders: string[];
  };
  outbox: OutboxMessage[];
  /** The latest flow executions, oldest first (flow-executions/record-flow-execution.ts); absent in state files written before they were recorded. */
  flowExecutions?: StoredFlowExecution[];
  /** The demo app's client and users, once seeded (login/demo-seed.ts); absent on a tenant started without the demo. */
  demo?: DemoSeed;
}

export interface DemoSeed {
  clientId: string;
  /** The demo user: a database user without MFA. Its email may have changed since: read it from users. */
  userId: string;
  userPassword: string;
  /** A database user with a TOTP factor (otpauth secret in its totp_secret). */
  mfaUserId: string;
  mfaUserPassword: string;
  /** A google-oauth2 user, signed in through the login page's stand-in button. */
  socialUserId: string;
}
