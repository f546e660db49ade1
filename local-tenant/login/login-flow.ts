// How a login moves on: who the user is (the session, or the login page), MFA when the request
// asks for it, the post-login Actions (and their form), then a code or an error at the app's
// callback. Every /authorize and /u/ request calls advance() once it has done its own part.
import type { Request, Reply } from '../shared/router';
import type { StoredUser } from '../state/types';
import type { TenantContext } from '../surface';
import { callbackError, callbackReply } from './callback-reply';
import { FormNotDeployedError, DefinitionError, startJourney } from './form-journeys';
import { AUTHORIZATION_CODE_LIFETIME_SECONDS } from './limits';
import { MFA_ACR_VALUE } from '../../platform/step-up-authentication';
import { type BrowserSession, type LoginTransaction, type SessionLogin, loginState } from './login-state';
import { loginLanguage } from './login-texts';
import { errorPage } from './pages/error-page';
import { redirect } from './pages/page-layout';
import {
  continuePipeline,
  type PipelineContext,
  type PipelineResult,
  resumeAfterForm,
  startPipeline,
} from './post-login-pipeline';
import type { ExecutionRequest } from './post-login-event-builder';
import { liveLogin, newToken } from './sessions';

export const loginUrl = (tx: LoginTransaction): string => `/u/login?state=${encodeURIComponent(tx.id)}`;
export const mfaUrl = (tx: LoginTransaction): string => `/u/mfa-otp?state=${encodeURIComponent(tx.id)}`;
export const formUrl = (tx: LoginTransaction): string => `/u/form?state=${encodeURIComponent(tx.id)}`;

export const hasTotpFactor = (user: StoredUser): boolean =>
  typeof user.totp_secret === 'string' && user.totp_secret !== '';

/** The request a resumed execution runs in: a new event.request after a suspension (docs limitations.mdx). */
export function executionRequest(request: Request): ExecutionRequest {
  return { method: request.method, query: Object.fromEntries(request.query), headers: request.headers };
}

/**
 * The request onExecutePostLogin runs in: the /authorize request, even when the Actions run after
 * the login page's POST (event.request.query is the authorization request's query).
 */
export function authorizationRequest(tx: LoginTransaction, request: Request): ExecutionRequest {
  return { method: 'GET', query: { ...tx.request.query }, headers: request.headers };
}

/** The login must show the login page: prompt=login, or a sign-in older than max_age (docs max-age-reauthentication). */
function mustLogIn(tx: LoginTransaction, login: SessionLogin, nowMs: number): boolean {
  if (tx.request.prompt.includes('login')) return true;
  const maxAge = tx.request.maxAgeSeconds;
  return maxAge !== undefined && nowMs - login.authTimeMs > maxAge * 1000;
}

/** Ends the transaction at the callback with an OAuth error. */
export function finishWithError(
  context: TenantContext,
  tx: LoginTransaction,
  error: string,
  description: string,
): Reply {
  loginState(context).transactions.delete(tx.id);
  return callbackError(tx.request, error, description);
}

/** Ends the transaction on the error page (when the problem is the tenant's, not the app's). */
function finishOnErrorPage(
  context: TenantContext,
  tx: LoginTransaction,
  status: number,
  error: string,
  description: string,
): Reply {
  loginState(context).transactions.delete(tx.id);
  return errorPage({ language: loginLanguage(tx.request.uiLocales), status, error, description });
}

function issueCode(context: TenantContext, tx: LoginTransaction, login: SessionLogin): Reply {
  const state = loginState(context);
  const code = newToken();
  const mfa = login.methods.some((m) => m.name === 'mfa');
  state.codes.set(code, {
    clientId: tx.request.clientId,
    redirectUri: tx.request.redirectUri,
    ...(tx.request.codeChallenge === undefined ? {} : { codeChallenge: tx.request.codeChallenge }),
    ...(tx.request.nonce === undefined ? {} : { nonce: tx.request.nonce }),
    userId: login.userId,
    scope: tx.request.scope,
    authTimeMs: login.authTimeMs,
    amr: mfa ? ['mfa'] : [],
    ...(tx.mfaDoneHere && tx.request.acrValues.includes(MFA_ACR_VALUE) ? { acr: MFA_ACR_VALUE } : {}),
    expiresAtMs: context.now() + AUTHORIZATION_CODE_LIFETIME_SECONDS * 1000,
    used: false,
  });
  state.transactions.delete(tx.id);
  return callbackReply(tx.request, { code });
}

/** MFA is due: the request asks for it (acr_values) or an Action did (api.multifactor.enable), and the user has a factor. */
function mfaDue(tx: LoginTransaction, user: StoredUser, atEnd: boolean): boolean {
  if (tx.mfaDoneHere || !hasTotpFactor(user)) return false;
  // The local tenant enrolls nobody: a user without a factor is let through, as the email-change Action expects.
  return tx.request.acrValues.includes(MFA_ACR_VALUE) || (atEnd && tx.pipeline?.mfaAtEnd === true);
}

function challengeMfa(context: TenantContext, tx: LoginTransaction): Reply {
  // OpenID Connect Core §3.1.2.6: prompt=none cannot show the challenge.
  if (tx.request.prompt.includes('none'))
    return finishWithError(context, tx, 'interaction_required', 'Multifactor authentication required');
  return redirect(mfaUrl(tx));
}

async function handleResult(
  context: TenantContext,
  tx: LoginTransaction,
  session: BrowserSession | undefined,
  run: PipelineContext,
  user: StoredUser,
  result: PipelineResult,
): Promise<Reply> {
  switch (result.kind) {
    case 'deny':
      if (result.revokeSession && session?.login?.userId === user.user_id) delete session.login;
      return finishWithError(context, tx, result.error, result.description);
    case 'challenge':
      if (!hasTotpFactor(user)) {
        return finishWithError(
          context,
          tx,
          'access_denied',
          'An Action asked for an MFA challenge, and the user has no factor; the local tenant enrolls none.',
        );
      }
      if (tx.mfaDoneHere) {
        (tx.pipeline as NonNullable<LoginTransaction['pipeline']>).challengePending = false;
        return handleResult(context, tx, session, run, user, await continuePipeline(context, run));
      }
      return challengeMfa(context, tx);
    case 'render': {
      // docs/platform-facts.md §1: prompt=none cannot show a form; the login fails with interaction_required.
      if (tx.request.prompt.includes('none'))
        return finishWithError(context, tx, 'interaction_required', 'Interaction required');
      try {
        const journey = await startJourney(context, {
          formId: result.formId,
          vars: result.vars,
          fields: result.fields,
          user,
          language: loginLanguage(tx.request.uiLocales),
        });
        tx.form = { actionIndex: result.actionIndex, formId: result.formId, journey };
      } catch (error) {
        if (error instanceof FormNotDeployedError || error instanceof DefinitionError) {
          return finishOnErrorPage(context, tx, 500, 'server_error', error.message);
        }
        throw error;
      }
      return redirect(formUrl(tx));
    }
    case 'done':
      if (mfaDue(tx, user, true)) return challengeMfa(context, tx);
      return issueCode(context, tx, run.login);
  }
}

/**
 * Takes the login as far as it can go without the person: from the session to the callback, or
 * to the page where the person must act (login, MFA, form).
 */
export async function advance(
  context: TenantContext,
  tx: LoginTransaction,
  session: BrowserSession | undefined,
  request: ExecutionRequest,
): Promise<Reply> {
  // A form under way holds the login until its ending (docs customize/forms/render.mdx): signing in
  // again from an old page must not step past it.
  if (tx.form) return redirect(formUrl(tx));
  if (tx.login === undefined) {
    const live = liveLogin(context, session);
    if (live && !mustLogIn(tx, live.login, context.now())) {
      tx.login = structuredClone(live.login);
    } else if (tx.request.prompt.includes('none')) {
      // docs authenticate/login/configure-silent-authentication: no session (or too old) -> login_required.
      return finishWithError(context, tx, 'login_required', 'Login required');
    } else {
      return redirect(loginUrl(tx));
    }
  }
  const login = tx.login;
  const user = context.store.state.users.find((u) => u.user_id === login.userId);
  if (!user) return finishWithError(context, tx, 'access_denied', 'The user no longer exists.');
  // A blocked user's login reaches the app as unauthorized "user is blocked" (community article "How to Customize Error Message Returned to Application Callback Endpoint").
  if (user.blocked === true) return finishWithError(context, tx, 'unauthorized', 'user is blocked');
  if (mfaDue(tx, user, false)) return challengeMfa(context, tx);

  const pipeline = startPipeline(context, tx);
  if ('error' in pipeline) return finishOnErrorPage(context, tx, 500, 'server_error', pipeline.error);
  const run: PipelineContext = { tx, login, sessionId: session?.id ?? tx.id, request };
  if (pipeline.challengePending) return handleResult(context, tx, session, run, user, { kind: 'challenge' });
  return handleResult(context, tx, session, run, user, await continuePipeline(context, run));
}

/** The form reached its ending node: the rendering Action's onContinuePostLogin resumes the login. */
export async function resumeLogin(
  context: TenantContext,
  tx: LoginTransaction,
  session: BrowserSession | undefined,
  request: ExecutionRequest,
  ended: { vars: Record<string, unknown>; fields: Record<string, unknown> },
): Promise<Reply> {
  const form = tx.form as NonNullable<LoginTransaction['form']>;
  const login = tx.login as SessionLogin;
  delete tx.form;
  const user = context.store.state.users.find((u) => u.user_id === login.userId);
  if (!user) return finishWithError(context, tx, 'access_denied', 'The user no longer exists.');
  const run: PipelineContext = { tx, login, sessionId: session?.id ?? tx.id, request };
  const result = await resumeAfterForm(context, run, form.actionIndex, {
    id: form.formId,
    vars: ended.vars,
    fields: ended.fields,
  });
  // The user as the Actions left it (a flow may have changed the email during the form).
  const now = context.store.state.users.find((u) => u.user_id === login.userId) ?? user;
  return handleResult(context, tx, session, run, now, result);
}
