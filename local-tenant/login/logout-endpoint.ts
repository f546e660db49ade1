// GET /v2/logout: ends the browser's session at the tenant and sends it to returnTo, which must be
// one of the client's Allowed Logout URLs (with client_id) or the tenant's (without); query and
// fragment are not compared (docs authenticate/login/logout/redirect-users-after-logout.mdx).
// A returnTo that is not allowed gets the error page and signs nobody out.
import type { Reply, Request } from '../shared/router';
import type { TenantContext } from '../surface';
import { loginState } from './login-state';
import { loginLanguage } from './login-texts';
import { errorPage, signedOutPage } from './pages/error-page';
import { redirect } from './pages/page-layout';
import { clearSessionCookie, currentSession } from './sessions';

function withoutQuery(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return undefined;
  }
}

const stringList = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

export function logout(context: TenantContext, request: Request): Reply {
  const language = loginLanguage([]);
  const clientId = request.query.get('client_id');
  const returnTo = request.query.get('returnTo');
  let allowed: string[];
  let owner: string;
  if (clientId !== null) {
    const client = context.store.state.clients.find((c) => c.client_id === clientId);
    if (!client)
      return errorPage({ language, status: 400, error: 'invalid_request', description: `Unknown client: ${clientId}` });
    allowed = stringList(client.allowed_logout_urls);
    owner = `the application "${String(client.name)}"`;
  } else {
    allowed = stringList(context.store.state.tenantSettings.allowed_logout_urls);
    owner = 'the tenant settings';
  }
  let target: string | undefined;
  if (returnTo !== null) {
    const compared = withoutQuery(returnTo);
    if (compared === undefined || !allowed.some((url) => withoutQuery(url) === compared)) {
      return errorPage({
        language,
        status: 400,
        error: 'invalid_request',
        description: `The returnTo URL ${returnTo} is not one of the Allowed Logout URLs of ${owner}. Add it there, or send one of those.`,
      });
    }
    target = returnTo;
  } else if (clientId !== null) {
    // docs: with client_id and no returnTo, the first Allowed Logout URL.
    target = allowed[0];
  }
  const session = currentSession(context, request.headers);
  if (session) loginState(context).sessions.delete(session.token);
  return target === undefined ? signedOutPage(language, clearSessionCookie()) : redirect(target, clearSessionCookie());
}
