// The pages under /u/ where the person acts during a login: the login page (database users), the
// stand-in Google button, the TOTP challenge and the form's steps. Each belongs to one
// transaction (?state=) and to the browser that started it: another browser, or a request without
// the session cookie, gets the error page and changes nothing.
import { MFA_ACR_VALUE } from '../../platform/step-up-authentication';
import { parseBody } from '../shared/body';
import type { Reply, Request, Route } from '../shared/router';
import { passwordMatches } from '../shared/passwords';
import { isStepAction, JourneyRequestError } from '../forms-runtime';
import type { StoredUser } from '../state/types';
import type { TenantContext } from '../surface';
import { withCookie } from '../shared/cookies';
import { MAX_FAILED_LOGINS, MAX_MFA_FAILURES, SOCIAL_CONNECTION, TRANSACTION_LIFETIME_SECONDS } from './limits';
import { advance, authorizationRequest, executionRequest, formUrl, hasTotpFactor, resumeLogin } from './login-flow';
import { type BrowserSession, type LoginTransaction, loginState } from './login-state';
import { LOGIN_TEXTS, type LoginLanguage, loginLanguage } from './login-texts';
import { errorPage } from './pages/error-page';
import { formStepPage } from './pages/form-page';
import { loginPage } from './pages/login-page';
import { mfaPage } from './pages/mfa-page';
import { redirect } from './pages/page-layout';
import { socialPage } from './pages/social-page';
import { currentSession, liveLogin, recordMethod, signIn } from './sessions';
import { verifyTotp } from './totp';

interface Open {
  readonly tx: LoginTransaction;
  readonly session: BrowserSession;
  readonly language: LoginLanguage;
}

type TxHandler = (open: Open, request: Request) => Promise<Reply> | Reply;

/** A hash to compare against when the user does not exist, so that a wrong address costs as long as a wrong password. */
const DECOY_HASH =
  'scrypt$1024$00000000000000000000000000000000$0000000000000000000000000000000000000000000000000000000000000000';

function formValues(request: Request): Record<string, string> {
  const parsed = parseBody(request);
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null) return {};
  return Object.fromEntries(
    Object.entries(parsed.value as Record<string, unknown>).filter(([, v]) => typeof v === 'string'),
  ) as Record<string, string>;
}

/**
 * Runs `handler` on the request's transaction, if it is this browser's and alive. Nothing documents
 * how Auth0 takes two requests of one login at once (platform/readings.ts, concurrentSubmissions):
 * 'serialised' runs them one after the other, 'parallel' runs them at once on the same state.
 */
function onTransaction(context: TenantContext, handler: TxHandler) {
  return async (request: Request): Promise<Reply> => {
    const language = loginLanguage((request.query.get('ui_locales') ?? '').split(' ').filter(Boolean));
    const gone = (): Reply =>
      errorPage({
        language,
        status: 400,
        error: 'invalid_request',
        description: LOGIN_TEXTS[language].transactionGone,
      });
    const state = loginState(context);
    const tx = state.transactions.get(request.query.get('state') ?? '');
    if (!tx) return gone();
    const session = currentSession(context, request.headers);
    if (!session || session.token !== tx.browserToken) return gone();
    if (context.now() - tx.createdAtMs > TRANSACTION_LIFETIME_SECONDS * 1000) {
      state.transactions.delete(tx.id);
      return gone();
    }
    const txLanguage = loginLanguage(tx.request.uiLocales);
    if (context.readings.concurrentSubmissions === 'parallel')
      return handler({ tx, session, language: txLanguage }, request);
    const previous = tx.queue;
    let done = (): void => undefined;
    tx.queue = new Promise<void>((resolve) => (done = resolve));
    try {
      await previous;
      return await handler({ tx, session, language: txLanguage }, request);
    } finally {
      done();
    }
  };
}

function recordLogin(context: TenantContext, userId: string): void {
  context.store.mutate((state) => {
    const user = state.users.find((u) => u.user_id === userId);
    if (!user) return;
    user.logins_count += 1;
    user.last_login = new Date(context.now()).toISOString();
  });
}

/** A first factor done: a fresh session for the user, then the login goes on. */
async function signedIn(
  context: TenantContext,
  open: Open,
  request: Request,
  user: StoredUser,
  method: string,
): Promise<Reply> {
  const { session, cookie } = signIn(context, open.session, user, {
    name: method,
    timestamp: new Date(context.now()).toISOString(),
  });
  open.tx.login = structuredClone(session.login);
  recordLogin(context, user.user_id);
  return withCookie(await advance(context, open.tx, session, authorizationRequest(open.tx, request)), cookie);
}

function showLogin(context: TenantContext, open: Open, status = 200, error?: string, email?: string): Reply {
  const live = liveLogin(context, open.session);
  const hint = email ?? open.tx.request.loginHint ?? live?.user.email;
  return loginPage({
    language: open.language,
    transactionId: open.tx.id,
    clientName: open.tx.request.clientName,
    ...(hint === undefined ? {} : { email: hint }),
    reauthenticating: live !== undefined,
    // A sign-in that asks for MFA (acr_values) says so before the password: two prompts follow.
    withSecondFactor: open.tx.request.acrValues.includes(MFA_ACR_VALUE),
    ...(error === undefined ? {} : { error }),
    hasSocialConnection: context.store.state.connections.some((c) => c.name === SOCIAL_CONNECTION),
    status,
  });
}

async function submitPassword(context: TenantContext, open: Open, request: Request): Promise<Reply> {
  const texts = LOGIN_TEXTS[open.language];
  const form = formValues(request);
  // docs/platform-facts.md §4: database connections keep addresses in lower case.
  const email = (form.username ?? '').trim().toLowerCase();
  const password = form.password ?? '';
  const user = context.store.state.users.find(
    (u) => u.email === email && u.identities[0]?.provider === 'auth0' && u.password_hash !== undefined,
  );
  // docs secure/attack-protection/brute-force-protection.mdx: attempts "from a single IP address
  // to a single user identifier" are counted, and only that IP is blocked for that identifier: a
  // stranger elsewhere cannot lock a user out. Unknown identifiers count alike, so the block
  // never tells who has an account.
  const failures = loginState(context).failedLogins;
  const key = `${request.remoteAddress ?? 'unknown'}|${email}`;
  if ((failures.get(key) ?? 0) >= MAX_FAILED_LOGINS)
    return showLogin(context, open, 429, texts.blockedAfterAttempts, email);
  const matches = passwordMatches(password, user?.password_hash ?? DECOY_HASH);
  if (!user || !matches) {
    failures.set(key, (failures.get(key) ?? 0) + 1);
    return showLogin(context, open, 401, texts.wrongCredentials, email);
  }
  failures.delete(key);
  return signedIn(context, open, request, user, 'pwd');
}

function socialUsers(context: TenantContext): StoredUser[] {
  return context.store.state.users.filter((u) => u.identities[0]?.connection === SOCIAL_CONNECTION);
}

async function submitSocial(context: TenantContext, open: Open, request: Request): Promise<Reply> {
  const userId = formValues(request).user_id ?? '';
  const user = socialUsers(context).find((u) => u.user_id === userId);
  if (!user)
    return errorPage({
      language: open.language,
      status: 400,
      error: 'invalid_request',
      description: `${SOCIAL_CONNECTION} has no user ${userId}.`,
    });
  // docs: a federated sign-in is the `federated` authentication method.
  return signedIn(context, open, request, user, 'federated');
}

function showMfa(context: TenantContext, open: Open, status = 200, error?: string): Reply {
  const login = open.tx.login;
  const user = login && context.store.state.users.find((u) => u.user_id === login.userId);
  if (!user || !hasTotpFactor(user)) return redirect(`/u/login?state=${encodeURIComponent(open.tx.id)}`);
  return mfaPage({
    language: open.language,
    transactionId: open.tx.id,
    email: user.email,
    status,
    ...(error === undefined ? {} : { error }),
  });
}

async function submitMfa(context: TenantContext, open: Open, request: Request): Promise<Reply> {
  const { tx } = open;
  const login = tx.login;
  const user = login && context.store.state.users.find((u) => u.user_id === login.userId);
  if (!login || !user || !hasTotpFactor(user)) return showMfa(context, open);
  const code = (formValues(request).code ?? '').trim();
  if (!verifyTotp(context, user.user_id, user.totp_secret as string, code)) {
    tx.mfaFailures += 1;
    if (tx.mfaFailures >= MAX_MFA_FAILURES) {
      loginState(context).transactions.delete(tx.id);
      return errorPage({
        language: open.language,
        status: 429,
        error: 'access_denied',
        description: LOGIN_TEXTS[open.language].mfaTooManyAttempts,
      });
    }
    return showMfa(context, open, 401, LOGIN_TEXTS[open.language].mfaWrongCode);
  }
  const method = { name: 'mfa', type: 'otp', timestamp: new Date(context.now()).toISOString() };
  login.methods = recordMethod(login.methods, method);
  // The session remembers the MFA too, for later logins of the same session (post-login-types.ts).
  if (open.session.login?.userId === user.user_id)
    open.session.login.methods = recordMethod(open.session.login.methods, method);
  tx.mfaDoneHere = true;
  if (tx.pipeline) tx.pipeline.challengePending = false;
  return advance(context, tx, open.session, authorizationRequest(tx, request));
}

/** The page for a form step whose login transaction no longer has a form. */
function formGone(open: Open): Reply {
  return errorPage({
    language: open.language,
    status: 400,
    error: 'invalid_request',
    description: LOGIN_TEXTS[open.language].transactionGone,
  });
}

function showForm(open: Open): Reply {
  const form = open.tx.form;
  if (!form) return formGone(open);
  return formStepPage(form.journey.render({ postUrl: formUrl(open.tx) }));
}

async function submitForm(context: TenantContext, open: Open, request: Request): Promise<Reply> {
  const form = open.tx.form;
  if (!form) return formGone(open);
  const { action, state: _state, ...fields } = formValues(request);
  if (action !== undefined && !isStepAction(action)) {
    return errorPage({
      language: open.language,
      status: 400,
      error: 'invalid_request',
      description: `Unknown form action "${action}".`,
    });
  }
  let result;
  try {
    result = await form.journey.submit({ fields, ...(action === undefined ? {} : { action }) });
  } catch (error) {
    if (error instanceof JourneyRequestError)
      return errorPage({ language: open.language, status: 400, error: 'invalid_request', description: error.message });
    throw error;
  }
  // Post/redirect/get: a reload shows the step again instead of submitting it twice.
  if (!result.ended) return { status: 303, headers: { location: formUrl(open.tx) } };
  return resumeLogin(context, open.tx, open.session, executionRequest(request), {
    vars: result.vars,
    fields: form.journey.state.fields,
  });
}

export function universalLoginRoutes(context: TenantContext): Route[] {
  return [
    { method: 'GET', pattern: '/u/login', handler: onTransaction(context, (open) => showLogin(context, open)) },
    {
      method: 'POST',
      pattern: '/u/login',
      handler: onTransaction(context, (open, request) => submitPassword(context, open, request)),
    },
    {
      method: 'GET',
      pattern: `/u/login/${SOCIAL_CONNECTION}`,
      handler: onTransaction(context, (open) =>
        socialPage({ language: open.language, transactionId: open.tx.id, users: socialUsers(context) }),
      ),
    },
    {
      method: 'POST',
      pattern: `/u/login/${SOCIAL_CONNECTION}`,
      handler: onTransaction(context, (open, request) => submitSocial(context, open, request)),
    },
    { method: 'GET', pattern: '/u/mfa-otp', handler: onTransaction(context, (open) => showMfa(context, open)) },
    {
      method: 'POST',
      pattern: '/u/mfa-otp',
      handler: onTransaction(context, (open, request) => submitMfa(context, open, request)),
    },
    { method: 'GET', pattern: '/u/form', handler: onTransaction(context, (open) => showForm(open)) },
    {
      method: 'POST',
      pattern: '/u/form',
      handler: onTransaction(context, (open, request) => submitForm(context, open, request)),
    },
  ];
}
