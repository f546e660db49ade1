// The demo app's own sessions (it is an app, not the tenant): a random token in its own cookie,
// what it knows on the server, in memory. What it remembers between the redirect to /authorize
// and the callback is kept per `state`, so a callback it did not start is recognised and refused.
import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { cookieHeader, readCookie } from '../local-tenant/shared/cookies';
import type { IdTokenClaims, PendingChecks } from './demo-oidc-client';
import type { Outcome } from './outcome-messages';

export const DEMO_COOKIE = 'demo_app_session';

export type LoginPurpose = 'sign-in' | 'email-change' | 'mfa-then-change';

export interface PendingLogin {
  readonly purpose: LoginPurpose;
  readonly checks: PendingChecks;
  /** This attempt is already a retry after an outcome: fail rather than retry again. */
  readonly retry?: 'reauthentication' | 'mfa';
}

export interface DemoSession {
  readonly token: string;
  signedIn?: { readonly claims: IdTokenClaims; readonly idToken: string };
  readonly pending: Map<string, PendingLogin>;
  /** The outcome of the last attempt, shown once on the next page. */
  flash?: { readonly tone: Outcome['tone']; readonly message: string; readonly code?: string };
  /** What the app did on the way (an automatic retry and why), shown once with the outcome. */
  readonly notes: { readonly message: string; readonly code: string }[];
  /** ui_locales the app sends: the login and the form speak it. */
  locale: 'en' | 'es';
}

/** Sessions per app instance (each tenant the app is served by has its own). */
const sessions = new WeakMap<object, Map<string, DemoSession>>();

export function demoSession(context: object, headers: IncomingHttpHeaders): { session: DemoSession; cookie?: string } {
  let all = sessions.get(context);
  if (!all) {
    all = new Map();
    sessions.set(context, all);
  }
  const token = readCookie(headers, DEMO_COOKIE);
  const found = token === undefined ? undefined : all.get(token);
  if (found) return { session: found };
  const session: DemoSession = {
    token: randomBytes(32).toString('base64url'),
    pending: new Map(),
    notes: [],
    locale: 'en',
  };
  all.set(session.token, session);
  return { session, cookie: cookieHeader(DEMO_COOKIE, session.token, { path: '/demo/' }) };
}
