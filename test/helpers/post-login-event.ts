// Builds post-login events for tests: a database user who signed in with a password 10 s ago,
// with no MFA factor, on an interactive OIDC login, and the Action's secrets as the local config
// sets them. Overrides merge into the defaults (objects key by key, arrays replaced, an explicit
// `undefined` removes the key).
import type { PostLoginEvent } from '../../local-tenant/actions-runtime';

export type Overrides<T> = { [K in keyof T]?: T[K] extends readonly unknown[] ? T[K] : T[K] extends object ? Overrides<T[K]> : T[K] };

export const TEST_FORM_ID = 'ap_EmailChangeTestForm0000000';

export const TEST_SECRETS: Record<string, string> = {
  EMAIL_CHANGE_FORM_ID: TEST_FORM_ID,
  MAX_AUTH_AGE_SECONDS: '300',
  MAX_CHANGES_PER_DAY: '3',
  FORCE_RELOGIN: 'deny',
};

/** The ISO time `seconds` before now, as Auth0 writes authentication method timestamps. */
export function isoSecondsAgo(seconds: number): string {
  return new Date(Date.now() - seconds * 1000).toISOString();
}

export function unixSecondsAgo(seconds: number): number {
  return Math.floor(Date.now() / 1000) - seconds;
}

function merge(base: Record<string, unknown>, overrides: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    const current = out[key];
    if (value === undefined) delete out[key];
    else if (typeof value === 'object' && value !== null && !Array.isArray(value) && typeof current === 'object' && current !== null && !Array.isArray(current)) {
      out[key] = merge(current as Record<string, unknown>, value as Record<string, unknown>);
    } else out[key] = value;
  }
  return out;
}

export function postLoginEvent(overrides: Overrides<PostLoginEvent> = {}): PostLoginEvent {
  const defaults: PostLoginEvent = {
    request: { query: {}, body: {}, ip: '127.0.0.1', hostname: 'localhost', method: 'GET', user_agent: 'jest', language: 'en' },
    transaction: { id: 'tx_test', protocol: 'oidc-basic-profile', prompt: ['login'], ui_locales: [], acr_values: [], requested_scopes: ['openid'], metadata: {} },
    connection: { id: 'con_db', name: 'Username-Password-Authentication', strategy: 'auth0' },
    client: { client_id: 'client_demo', name: 'Demo app' },
    tenant: { id: 'local' },
    user: {
      user_id: 'auth0|user1',
      email: 'ada@example.test',
      email_verified: true,
      identities: [{ connection: 'Username-Password-Authentication', provider: 'auth0', user_id: 'user1', isSocial: false }],
      app_metadata: {},
      user_metadata: {},
      enrolledFactors: [],
      multifactor: [],
    },
    authentication: { methods: [{ name: 'pwd', timestamp: isoSecondsAgo(10) }] },
    session: { id: 'sess_test' },
    secrets: { ...TEST_SECRETS },
  };
  return merge(defaults as unknown as Record<string, unknown>, overrides as Record<string, unknown>) as unknown as PostLoginEvent;
}

/** A login sent by an app to /authorize?email_change=true. */
export function emailChangeEvent(overrides: Overrides<PostLoginEvent> = {}): PostLoginEvent {
  return postLoginEvent(merge({ request: { query: { email_change: 'true', max_age: '0' } } }, overrides as Record<string, unknown>) as Overrides<PostLoginEvent>);
}
