// The post-login v3 `event` the local tenant hands to an Action: the fields of
// docs/platform-facts.md §1 (docs actions/reference/post-login/post-login-event-object.mdx). The login
// side builds it from its state; tests build it with test/helpers/post-login-event.ts.

export interface PostLoginAuthenticationMethod {
  /** pwd, passkey, email, sms, tel (first factors), federated, mfa, or a custom method URL. */
  name: string;
  /** ISO 8601 time the method was completed in this session. */
  timestamp: string;
  /** For `mfa`: the factor used (otp, email, phone, webauthn-roaming, ...). */
  type?: string;
}

export interface PostLoginIdentity {
  connection: string;
  provider: string;
  user_id: string;
  isSocial: boolean;
}

export interface PostLoginEvent {
  request: {
    query: Record<string, string>;
    body: Record<string, unknown>;
    ip: string;
    hostname: string;
    method: string;
    user_agent?: string;
    language?: string;
  };
  transaction?: {
    id?: string;
    protocol?: string;
    /** The prompt values of the authorization request, e.g. ['login'] or ['none']. */
    prompt?: string[];
    ui_locales?: string[];
    acr_values?: string[];
    requested_scopes?: string[];
    redirect_uri?: string;
    state?: string;
    /** Updated live by api.transaction.setMetadata (docs transaction-metadata.mdx). */
    metadata?: Record<string, string | number | boolean>;
  };
  connection: { id: string; name: string; strategy: string; metadata?: Record<string, string> };
  client: { client_id: string; name: string; metadata?: Record<string, string> };
  tenant: { id: string };
  user: {
    user_id: string;
    email?: string;
    email_verified?: boolean;
    name?: string;
    identities: PostLoginIdentity[];
    app_metadata: Record<string, unknown>;
    user_metadata: Record<string, unknown>;
    /** Undefined when Auth0 could not read them (docs post-login-event-object.mdx). */
    enrolledFactors?: { type: string; options?: Record<string, unknown> }[];
    multifactor?: string[];
    created_at?: string;
    updated_at?: string;
  };
  authentication?: { methods: PostLoginAuthenticationMethod[] };
  /** Only in onContinuePostLogin after a form: its id, fields and vars (docs customize/forms/render.mdx). */
  prompt?: { id: string; fields?: Record<string, unknown>; vars?: Record<string, unknown> };
  session?: { id: string };
  stats?: { logins_count: number };
  secrets: Record<string, string>;
}
