// What the demo app (demo-app/, served when the caller adds it) needs in the tenant: its client
// (a public SPA client: code flow with PKCE, no secret), the demo user, a user with a TOTP factor, and a Google user behind the login page's
// stand-in button. Seeded once, on the start that asks for the demo (npm start); at every start
// the client's URLs follow the port, and a demo user deleted meanwhile comes back.
import { DEMO_APP_PATH, DEMO_CALLBACK_PATH } from '../shared/demo-app-registration';
import { clientRecord } from '../state/client-record';
import { DEFAULT_DATABASE_CONNECTION } from '../state/seed';
import { newClientId, newClientSecret, newConnectionId, randomAlphanumeric } from '../shared/ids';
import type { DemoSeed, StoredUser, TenantState } from '../state/types';
import { hashPassword } from '../shared/passwords';
import { newTotpSecret } from './totp';
import { SOCIAL_CONNECTION } from './limits';

export const DEMO_CLIENT_NAME = 'Demo app (local tenant)';
export const DEMO_USER_EMAIL = 'demo@example.com';
export const DEMO_MFA_USER_EMAIL = 'mfa-demo@example.com';
export const DEMO_SOCIAL_USER_EMAIL = 'google-demo@example.com';

const newPassword = (): string => `${randomAlphanumeric(6)}-${randomAlphanumeric(6)}-${randomAlphanumeric(6)}`;

function databaseUser(state: TenantState, email: string, password: string, name: string, nowIso: string): StoredUser {
  if (state.users.some((u) => u.email === email && u.identities[0]?.connection === DEFAULT_DATABASE_CONNECTION)) {
    throw new Error(
      `The local tenant cannot seed the demo: another user of ${DEFAULT_DATABASE_CONNECTION} already has ${email}. Delete that user, or start with --reset.`,
    );
  }
  const id = randomAlphanumeric(24).toLowerCase();
  const user: StoredUser = {
    user_id: `auth0|${id}`,
    email,
    email_verified: true,
    name,
    nickname: email.split('@')[0] as string,
    picture: 'https://s.gravatar.com/avatar/local-tenant.png',
    identities: [{ connection: DEFAULT_DATABASE_CONNECTION, provider: 'auth0', user_id: id, isSocial: false }],
    app_metadata: {},
    user_metadata: {},
    created_at: nowIso,
    updated_at: nowIso,
    logins_count: 0,
    password_hash: hashPassword(password),
  };
  state.users.push(user);
  return user;
}

function mfaUser(state: TenantState, password: string, nowIso: string): StoredUser {
  const user = databaseUser(state, DEMO_MFA_USER_EMAIL, password, 'Demo user with MFA', nowIso);
  user.totp_secret = newTotpSecret();
  user.multifactor = ['guardian'];
  return user;
}

function socialUser(state: TenantState, nowIso: string): StoredUser {
  if (!state.connections.some((c) => c.name === SOCIAL_CONNECTION)) {
    state.connections.push({
      id: newConnectionId(),
      name: SOCIAL_CONNECTION,
      display_name: 'Google (stand-in)',
      strategy: SOCIAL_CONNECTION,
      options: {},
      enabled_clients: [],
      realms: [SOCIAL_CONNECTION],
      is_domain_connection: false,
      metadata: {},
    });
  }
  const googleId = Array.from({ length: 21 }, (_, i) => (i === 0 ? '1' : String(Math.floor(Math.random() * 10)))).join(
    '',
  );
  const user: StoredUser = {
    user_id: `${SOCIAL_CONNECTION}|${googleId}`,
    email: DEMO_SOCIAL_USER_EMAIL,
    email_verified: true,
    name: 'Demo Google user',
    nickname: 'google-demo',
    picture: 'https://s.gravatar.com/avatar/local-tenant.png',
    identities: [{ connection: SOCIAL_CONNECTION, provider: SOCIAL_CONNECTION, user_id: googleId, isSocial: true }],
    app_metadata: {},
    user_metadata: {},
    created_at: nowIso,
    updated_at: nowIso,
    logins_count: 0,
  };
  state.users.push(user);
  return user;
}

function demoClientUrls(httpUrl: string) {
  return {
    callbacks: [`${httpUrl}${DEMO_CALLBACK_PATH}`],
    allowed_logout_urls: [`${httpUrl}${DEMO_APP_PATH}`],
    web_origins: [httpUrl],
    allowed_origins: [httpUrl],
  };
}

function ensureClient(state: TenantState, clientId: string, httpUrl: string): void {
  const existing = state.clients.find((c) => c.client_id === clientId);
  if (existing) {
    Object.assign(existing, demoClientUrls(httpUrl));
    return;
  }
  state.clients.push(
    clientRecord({
      client_id: clientId,
      client_secret: newClientSecret(),
      name: DEMO_CLIENT_NAME,
      description:
        'Seeded by the local tenant for its demo app: a single-page app signing in with the code flow and PKCE.',
      app_type: 'spa',
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code'],
      ...demoClientUrls(httpUrl),
    }),
  );
}

/**
 * Seeds the demo when `create` and it is missing; otherwise (and after) points the demo client at
 * `httpUrl` and brings back a deleted demo user. Returns the demo, if the tenant has one.
 */
export function refreshDemo(
  state: TenantState,
  input: { httpUrl: string; nowMs: number; create: boolean },
): DemoSeed | undefined {
  const nowIso = new Date(input.nowMs).toISOString();
  if (!state.demo) {
    if (!input.create) return undefined;
    const userPassword = newPassword();
    const mfaUserPassword = newPassword();
    state.demo = {
      clientId: newClientId(),
      userId: databaseUser(state, DEMO_USER_EMAIL, userPassword, 'Demo user', nowIso).user_id,
      userPassword,
      mfaUserId: mfaUser(state, mfaUserPassword, nowIso).user_id,
      mfaUserPassword,
      socialUserId: socialUser(state, nowIso).user_id,
    };
  }
  const demo = state.demo;
  ensureClient(state, demo.clientId, input.httpUrl);
  if (input.create) {
    if (!state.users.some((u) => u.user_id === demo.userId))
      demo.userId = databaseUser(state, DEMO_USER_EMAIL, demo.userPassword, 'Demo user', nowIso).user_id;
    if (!state.users.some((u) => u.user_id === demo.mfaUserId))
      demo.mfaUserId = mfaUser(state, demo.mfaUserPassword, nowIso).user_id;
    if (!state.users.some((u) => u.user_id === demo.socialUserId))
      demo.socialUserId = socialUser(state, nowIso).user_id;
  }
  return demo;
}

/** DEMO_* of the env file (docs/design.md "Names shared between the parts"), when the tenant has the demo. */
export function demoEnv(state: TenantState, httpUrl: string): Record<string, string> {
  const demo = state.demo;
  if (!demo) return {};
  const user = state.users.find((u) => u.user_id === demo.userId);
  return {
    DEMO_APP_URL: `${httpUrl}${DEMO_APP_PATH}`,
    DEMO_CLIENT_ID: demo.clientId,
    DEMO_REDIRECT_URI: `${httpUrl}${DEMO_CALLBACK_PATH}`,
    ...(user ? { DEMO_USER_EMAIL: user.email, DEMO_USER_PASSWORD: demo.userPassword } : {}),
  };
}
