// A post-login v3 event as Auth0 sends it for an ordinary login, for running an Action outside a
// login (its tests, the bench): a database user who signed in with a password 10 s ago, with no
// MFA factor, on an interactive OIDC login, and no secrets (docs
// actions/reference/post-login/post-login-event-object.mdx). Overrides merge into the defaults
// (objects key by key, arrays replaced, an explicit `undefined` removes the key).
import type { PostLoginEvent } from './post-login-event';

export type Overrides<T> = {
  [K in keyof T]?: T[K] extends readonly unknown[] ? T[K] : T[K] extends object ? Overrides<T[K]> : T[K];
};

/** The ISO time `seconds` before now, as Auth0 writes authentication method timestamps. */
export function isoSecondsAgo(seconds: number): string {
  return new Date(Date.now() - seconds * 1000).toISOString();
}

export function unixSecondsAgo(seconds: number): number {
  return Math.floor(Date.now() / 1000) - seconds;
}

/** `base` with `overrides` merged in, as described above. */
export function mergeOverrides<T>(base: T, overrides: Overrides<T>): T {
  return merge(base as Record<string, unknown>, overrides as Record<string, unknown>) as T;
}

function merge(base: Record<string, unknown>, overrides: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    const current = out[key];
    if (value === undefined) delete out[key];
    else if (
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      typeof current === 'object' &&
      current !== null &&
      !Array.isArray(current)
    ) {
      out[key] = merge(current as Record<string, unknown>, value as Record<string, unknown>);
    } else out[key] = value;
  }
  return out;
}

export function samplePostLoginEvent(overrides: Overrides<PostLoginEvent> = {}): PostLoginEvent {
  const defaults: PostLoginEvent = {
    request: {
      query: {},
      body: {},
      ip: '127.0.0.1',
      hostname: 'localhost',
      method: 'GET',
      user_agent: 'jest',
      language: 'en',
    },
    transaction: {
      id: 'tx_test',
      protocol: 'oidc-basic-profile',
      prompt: ['login'],
      ui_locales: [],
      acr_values: [],
      requested_scopes: ['openid'],
      metadata: {},
    },
    connection: { id: 'con_db', name: 'Username-Password-Authentication', strategy: 'auth0' },
    client: { client_id: 'client_demo', name: 'Demo app' },
    tenant: { id: 'local' },
    user: {
      user_id: 'auth0|user1',
      email: 'ada@example.test',
      email_verified: true,
      identities: [
        { connection: 'Username-Password-Authentication', provider: 'auth0', user_id: 'user1', isSocial: false },
      ],
      app_metadata: {},
      user_metadata: {},
      enrolledFactors: [],
      multifactor: [],
    },
    authentication: { methods: [{ name: 'pwd', timestamp: isoSecondsAgo(10) }] },
    session: { id: 'sess_test' },
    secrets: {},
  };
  return mergeOverrides(defaults, overrides);
}
