// GET /authorize: checks the request, opens a transaction bound to this browser's session cookie,
// and takes the login as far as it goes (login-flow.ts).
import { withCookie } from '../shared/cookies';
import type { Reply, Request } from '../shared/router';
import type { TenantContext } from '../surface';
import { checkAuthorizeRequest } from './authorize-request';
import { callbackError } from './callback-reply';
import { TRANSACTION_LIFETIME_SECONDS } from './limits';
import { advance, authorizationRequest } from './login-flow';
import { type LoginTransaction, loginState } from './login-state';
import { loginLanguage } from './login-texts';
import { errorPage } from './pages/error-page';
import { currentSession, newToken, startSession, sweepSessions } from './sessions';

/** Drops transactions, codes, tokens and sessions past their lifetimes, so that memory stays bounded. */
function sweep(context: TenantContext): void {
  const state = loginState(context);
  const now = context.now();
  for (const [id, tx] of state.transactions) {
    if (now - tx.createdAtMs > TRANSACTION_LIFETIME_SECONDS * 1000) state.transactions.delete(id);
  }
  for (const [code, record] of state.codes) if (record.expiresAtMs < now) state.codes.delete(code);
  for (const [token, issued] of state.accessTokens) if (issued.expiresAtMs < now) state.accessTokens.delete(token);
  sweepSessions(context, TRANSACTION_LIFETIME_SECONDS * 1000);
}

export async function authorize(context: TenantContext, request: Request): Promise<Reply> {
  sweep(context);
  const check = checkAuthorizeRequest(request.query, context.store.state.clients);
  const language = loginLanguage((request.query.get('ui_locales') ?? '').split(' ').filter(Boolean));
  if (check.kind === 'error-page')
    return errorPage({ language, status: 400, error: check.error, description: check.description });
  if (check.kind === 'callback-error') {
    return callbackError(
      {
        redirectUri: check.redirectUri,
        responseMode: check.responseMode,
        ...(check.state === undefined ? {} : { state: check.state }),
      },
      check.error,
      check.description,
    );
  }
  let session = currentSession(context, request.headers);
  let cookie: string | undefined;
  if (!session) ({ session, cookie } = startSession(context));
  const tx: LoginTransaction = {
    id: newToken(),
    browserToken: session.token,
    createdAtMs: context.now(),
    request: check.request,
    mfaDoneHere: false,
    mfaFailures: 0,
    queue: Promise.resolve(),
  };
  let done = (): void => undefined;
  // Requests on this transaction wait for the Actions it runs now (unless the reading is 'parallel').
  tx.queue = new Promise<void>((resolve) => (done = resolve));
  loginState(context).transactions.set(tx.id, tx);
  try {
    return withCookie(await advance(context, tx, session, authorizationRequest(tx, request)), cookie);
  } finally {
    done();
  }
}
