// The demo app, served under /demo/ on the local tenant's plain-HTTP listener when the caller
// adds it (npm start): an app of the tenant like any other (the seeded public client), signing in
// with the code flow and PKCE through openid-client, starting email changes, and reacting to each
// outcome as README "Starting an email change from your app" describes, including the automatic
// MFA retry. It is not part of the tenant: the tenant never imports it.
import { MFA_ACR_VALUE } from '../platform/step-up-authentication';
import { parseBody } from '../local-tenant/shared/body';
import { withCookie } from '../local-tenant/shared/cookies';
import { DEMO_APP_PATH, DEMO_CALLBACK_PATH } from '../local-tenant/shared/demo-app-registration';
import { OUTBOX_PAGE_PATH } from '../local-tenant/shared/outbox-paths';
import type { Reply, Request } from '../local-tenant/shared/router';
import type { Surface } from '../local-tenant/shared/surface';
import { authorizeUrl, type DemoClientConfig, DemoSignInError, exchangeCode } from './demo-oidc-client';
import { type BudgetStore, findUser, codesSentTodayTo, resetChangeBudget } from './change-budget';
import { demoPage } from './demo-app-page';
import { type DemoSession, demoSession, type LoginPurpose, type PendingLogin } from './demo-sessions';
import { OUTCOMES, retriedOutcome, UNKNOWN_EMAIL_CHANGE_OUTCOME } from './outcome-messages';

const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

/**
 * What the demo app is given by the tenant that serves it: the login URL, the clock, the fetch that
 * trusts the tenant's certificate, and the store it finds its client id in and reads and clears the
 * email-change budget of its users through (change-budget.ts).
 */
export interface DemoHost {
  readonly httpUrl: string;
  readonly now: () => number;
  readonly ownCertificate: { readonly fetch: typeof fetch };
  readonly store: BudgetStore & { readonly state: { readonly demo?: { readonly clientId: string } } };
}

const seeOther = (location: string): Reply => ({ status: 303, headers: { location } });

function config(context: DemoHost): DemoClientConfig | undefined {
  const demo = context.store.state.demo;
  if (!demo) return undefined;
  return {
    tenantUrl: context.httpUrl,
    clientId: demo.clientId,
    redirectUri: `${context.httpUrl}${DEMO_CALLBACK_PATH}`,
    now: context.now,
    fetch: context.ownCertificate.fetch,
  };
}

/** Redirects to /authorize for `purpose`, remembering what the callback needs under a fresh state. */
async function startLogin(
  context: DemoHost,
  session: DemoSession,
  purpose: LoginPurpose,
  retry?: PendingLogin['retry'],
): Promise<Reply> {
  const client = config(context);
  if (!client) return seeOther(DEMO_APP_PATH);
  const extra: Record<string, string> = { ui_locales: session.locale };
  // README: every change asks for a fresh sign-in (max_age=0); the Action refuses one that did not.
  // For a user with MFA, the retry asks for both factors in the same transaction (acr_values), then
  // the form: one redirect.
  if (purpose === 'email-change')
    Object.assign(extra, { email_change: 'true', max_age: '0' }, retry === 'mfa' ? { acr_values: MFA_ACR_VALUE } : {});
  if (purpose === 'mfa-then-change') Object.assign(extra, { acr_values: MFA_ACR_VALUE });
  let started: Awaited<ReturnType<typeof authorizeUrl>>;
  try {
    started = await authorizeUrl(client, extra);
  } catch (failure) {
    if (failure instanceof DemoSignInError) return show(session, { tone: 'error', message: failure.message });
    throw failure;
  }
  session.pending.set(started.checks.state, {
    purpose,
    checks: started.checks,
    ...(retry === undefined ? {} : { retry }),
  });
  return { status: 302, headers: { location: started.url } };
}

function onOutcome(
  context: DemoHost,
  session: DemoSession,
  pending: PendingLogin,
  code: string,
): Reply | Promise<Reply> {
  const known = OUTCOMES[code] ?? UNKNOWN_EMAIL_CHANGE_OUTCOME;
  if (known.step === 'retry-change') {
    if (pending.retry !== undefined) return show(session, retriedOutcome(code), code);
    session.notes.push({ message: known.message, code });
    return startLogin(context, session, 'email-change', 'reauthentication');
  }
  if (known.step === 'mfa-then-change') {
    if (pending.retry === 'mfa' || pending.purpose === 'mfa-then-change')
      return show(session, retriedOutcome(code), code);
    session.notes.push({ message: known.message, code });
    return startLogin(context, session, 'email-change', 'mfa');
  }
  if (known.signOut) delete session.signedIn;
  return show(session, known, code);
}

function show(
  session: DemoSession,
  outcome: { tone: 'success' | 'info' | 'error'; message: string },
  code?: string,
): Reply {
  session.flash = { tone: outcome.tone, message: outcome.message, ...(code === undefined ? {} : { code }) };
  return seeOther(DEMO_APP_PATH);
}

async function callback(context: DemoHost, session: DemoSession, request: Request): Promise<Reply> {
  const state = request.query.get('state') ?? '';
  const pending = session.pending.get(state);
  if (!pending) {
    return show(session, {
      tone: 'error',
      message:
        'This callback does not answer a sign-in this app started in this browser (unknown state): it was ignored.',
    });
  }
  session.pending.delete(state);
  const error = request.query.get('error');
  if (error !== null) {
    const description = request.query.get('error_description') ?? '';
    if (error === 'access_denied' && description.startsWith('email_change_'))
      return onOutcome(context, session, pending, description);
    return show(session, { tone: 'error', message: `The sign-in failed: ${error}: ${description}` });
  }
  const client = config(context);
  const code = request.query.get('code');
  if (!client || code === null)
    return show(session, { tone: 'error', message: 'The callback has neither a code nor an error.' });
  try {
    const callbackUrl = new URL(`${client.redirectUri}?${request.query.toString()}`);
    const { idToken, claims } = await exchangeCode(client, callbackUrl, pending.checks);
    session.signedIn = { idToken, claims };
  } catch (failure) {
    if (failure instanceof DemoSignInError) return show(session, { tone: 'error', message: failure.message });
    throw failure;
  }
  if (pending.purpose === 'mfa-then-change') return startLogin(context, session, 'email-change', 'mfa');
  if (pending.purpose === 'email-change') {
    return show(session, {
      tone: 'error',
      message:
        'The tenant signed you in instead of starting the email change: is the email-change Action deployed and bound to post-login? (npm run deploy)',
    });
  }
  return seeOther(DEMO_APP_PATH);
}

export const demoAppSurface: Surface<DemoHost> = {
  name: 'demo app',
  listener: 'http',
  prefixes: ['/demo'],
  counted: false,
  errorReply: (status, message) => ({
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
    body: `Demo app: ${message}`,
  }),
  index: (context) => [
    {
      name: 'Demo app',
      where: `${context.httpUrl}${DEMO_APP_PATH}`,
      what: 'Sign in and press "Change email" to try the flow.',
      link: true,
    },
  ],
  routes: (context) => {
    const page = (request: Request): Reply => {
      const { session, cookie } = demoSession(context, request.headers);
      const sub = session.signedIn?.claims.sub;
      const user = sub === undefined ? undefined : findUser(context.store.state.users, { userId: sub });
      const body = demoPage({
        session,
        outboxUrl: `${context.httpUrl}${OUTBOX_PAGE_PATH}`,
        seeded: context.store.state.demo !== undefined,
        ...(user ? { codesSentTodayTo: codesSentTodayTo(user, context.now()) } : {}),
      });
      delete session.flash;
      session.notes.length = 0;
      return withCookie({ status: 200, headers: PAGE_HEADERS, body }, cookie);
    };
    const action =
      (run: (session: DemoSession, request: Request) => Reply | Promise<Reply>) =>
      async (request: Request): Promise<Reply> => {
        const { session, cookie } = demoSession(context, request.headers);
        return withCookie(await run(session, request), cookie);
      };
    return [
      // The pattern matches /demo and /demo/; the page lives at /demo/ (its cookie's path).
      {
        method: 'GET',
        pattern: '/demo',
        handler: (request) => (request.path === DEMO_APP_PATH ? page(request) : seeOther(DEMO_APP_PATH)),
      },
      { method: 'POST', pattern: '/demo/login', handler: action((session) => startLogin(context, session, 'sign-in')) },
      {
        method: 'POST',
        pattern: '/demo/change-email',
        handler: action((session) => startLogin(context, session, 'email-change')),
      },
      {
        method: 'POST',
        pattern: '/demo/language',
        handler: action((session, request) => {
          const parsed = parseBody(request);
          const locale = parsed.ok ? (parsed.value as { locale?: unknown } | undefined)?.locale : undefined;
          if (locale === 'en' || locale === 'es') session.locale = locale;
          return seeOther(DEMO_APP_PATH);
        }),
      },
      {
        method: 'POST',
        pattern: '/demo/reset-budget',
        handler: action((session) => {
          const sub = session.signedIn?.claims.sub;
          if (sub === undefined)
            return show(session, { tone: 'error', message: 'Sign in first: the reset is for the signed-in user.' });
          const reset = resetChangeBudget(context.store, { userId: sub }, context.now());
          if (!reset)
            return show(session, {
              tone: 'error',
              message: 'Your user is no longer on this local tenant: sign in again.',
            });
          return show(session, {
            tone: 'success',
            message: `Your email-change budget is reset (${reset.clearedCodes} code${reset.clearedCodes === 1 ? '' : 's'} sent today cleared): you can start a change again.`,
          });
        }),
      },
      {
        method: 'POST',
        pattern: '/demo/logout',
        handler: action((session) => {
          delete session.signedIn;
          const client = config(context);
          if (!client) return seeOther(DEMO_APP_PATH);
          const url = new URL('/v2/logout', context.httpUrl);
          url.searchParams.set('client_id', client.clientId);
          url.searchParams.set('returnTo', `${context.httpUrl}${DEMO_APP_PATH}`);
          return seeOther(url.href);
        }),
      },
      {
        method: 'GET',
        pattern: DEMO_CALLBACK_PATH,
        handler: action((session, request) => callback(context, session, request)),
      },
    ];
  },
};
