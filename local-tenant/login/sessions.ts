// Browser sessions of the login side: a random token in an HttpOnly, SameSite=Lax cookie, the
// rest on the server. A session's sign-in holds only while the tenant's session lifetimes allow
// it, the user exists and is not blocked, and the user's email is still the one they signed in
// with: changing a database user's email ends their sessions (docs/platform-facts.md §4).
import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { StoredUser } from '../state/types';
import type { TenantContext } from '../surface';
import { cookieHeader, readCookie } from '../shared/cookies';
import { DEFAULT_IDLE_SESSION_LIFETIME_HOURS, DEFAULT_SESSION_LIFETIME_HOURS, SESSION_COOKIE } from './limits';
import { type AuthMethod, type BrowserSession, type LoginState, type SessionLogin, loginState } from './login-state';

const HOUR_MS = 3600 * 1000;

function hoursSetting(context: TenantContext, key: string, fallback: number): number {
  const value = context.store.state.tenantSettings[key];
  return typeof value === 'number' && value > 0 ? value : fallback;
}

function expired(context: TenantContext, session: BrowserSession): boolean {
  const now = context.now();
  // Tenant settings session_lifetime and idle_session_lifetime, in hours (docs manage-users/sessions/session-lifetime-limits).
  const absolute = hoursSetting(context, 'session_lifetime', DEFAULT_SESSION_LIFETIME_HOURS) * HOUR_MS;
  const idle = hoursSetting(context, 'idle_session_lifetime', DEFAULT_IDLE_SESSION_LIFETIME_HOURS) * HOUR_MS;
  return now - session.createdAtMs > absolute || now - session.lastUsedMs > idle;
}

/** Drops sessions past their lifetimes, and sessions nobody signed in to that no login under way uses. */
export function sweepSessions(context: TenantContext, unusedAfterMs: number): void {
  const state = loginState(context);
  const inUse = new Set([...state.transactions.values()].map((tx) => tx.browserToken));
  for (const [token, session] of state.sessions) {
    const abandoned = !session.login && !inUse.has(token) && context.now() - session.lastUsedMs > unusedAfterMs;
    if (abandoned || expired(context, session)) state.sessions.delete(token);
  }
}

export const newToken = (): string => randomBytes(32).toString('base64url');
const newSessionId = (): string => randomBytes(12).toString('base64url');

/** The browser's session, if its cookie names a live one. */
export function currentSession(context: TenantContext, headers: IncomingHttpHeaders): BrowserSession | undefined {
  const token = readCookie(headers, SESSION_COOKIE);
  if (token === undefined) return undefined;
  const state = loginState(context);
  const session = state.sessions.get(token);
  if (!session) return undefined;
  if (expired(context, session)) {
    state.sessions.delete(token);
    return undefined;
  }
  session.lastUsedMs = context.now();
  return session;
}

/** A session without a sign-in, for a browser that has none: its cookie binds the transaction to this browser. */
export function startSession(context: TenantContext): { session: BrowserSession; cookie: string } {
  const now = context.now();
  const session: BrowserSession = { token: newToken(), id: newSessionId(), createdAtMs: now, lastUsedMs: now };
  loginState(context).sessions.set(session.token, session);
  return { session, cookie: sessionCookie(session.token) };
}

export const sessionCookie = (token: string): string => cookieHeader(SESSION_COOKIE, token);
export const clearSessionCookie = (): string => cookieHeader(SESSION_COOKIE, '', { maxAgeSeconds: 0 });

/** The session's sign-in, if it still holds for the user as they are now. */
export function liveLogin(
  context: TenantContext,
  session: BrowserSession | undefined,
): { login: SessionLogin; user: StoredUser } | undefined {
  const login = session?.login;
  if (!login) return undefined;
  const user = context.store.state.users.find((u) => u.user_id === login.userId);
  if (!user || user.blocked === true || user.email !== login.email) {
    if (session) delete session.login;
    return undefined;
  }
  return { login, user };
}

/** Records a method in the session, keeping one entry per method (and factor type) at its newest time. */
export function recordMethod(methods: AuthMethod[], method: AuthMethod): AuthMethod[] {
  return [...methods.filter((m) => !(m.name === method.name && m.type === method.type)), method];
}

/**
 * A first factor was completed: a new session token (the old cookie value is worth nothing from
 * now on, so a token planted before the sign-in cannot ride it), methods kept if the same user
 * signed in again, reset for another user.
 */
export function signIn(
  context: TenantContext,
  previous: BrowserSession | undefined,
  user: StoredUser,
  method: AuthMethod,
): { session: BrowserSession; cookie: string } {
  const state: LoginState = loginState(context);
  const now = context.now();
  const sameUser = previous?.login?.userId === user.user_id;
  const kept = sameUser ? (previous?.login?.methods ?? []) : [];
  if (previous) state.sessions.delete(previous.token);
  const session: BrowserSession = {
    token: newToken(),
    id: sameUser && previous ? previous.id : newSessionId(),
    createdAtMs: sameUser && previous ? previous.createdAtMs : now,
    lastUsedMs: now,
    login: { userId: user.user_id, email: user.email, authTimeMs: now, methods: recordMethod(kept, method) },
  };
  state.sessions.set(session.token, session);
  for (const tx of state.transactions.values()) {
    if (previous && tx.browserToken === previous.token) tx.browserToken = session.token;
  }
  return { session, cookie: sessionCookie(session.token) };
}
