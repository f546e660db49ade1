// A test control beside the tenant's under /__local/ (plain-HTTP listener, loopback only), served
// with the demo app because the budget is the bundle's, not Auth0's: give a user back their
// email-change budget (npm run local-tenant -- --reset-user <email>, tests in another process).
import { parseBody } from '../local-tenant/shared/body';
import type { Reply } from '../local-tenant/shared/router';
import type { Surface } from '../local-tenant/shared/surface';
import { resetChangeBudget } from './change-budget';
import type { DemoHost } from './demo-app-surface';

const problem = (status: number, message: string): Reply => ({ status, body: { message } });

/** POST {"email": "..."} or {"user_id": "..."} (application/json) clears that user's email-change budget. */
export const RESET_BUDGET_PATH = '/__local/users/reset-email-change-budget';

export const budgetControlSurface: Surface<DemoHost> = {
  name: 'email-change budget control',
  listener: 'http',
  prefixes: [RESET_BUDGET_PATH],
  counted: false,
  errorReply: problem,
  routes: (context) => [
    {
      method: 'POST',
      pattern: RESET_BUDGET_PATH,
      handler: (request) => {
        // A JSON content type makes a browser ask first (CORS preflight, never granted): no web page can post it.
        if (!String(request.headers['content-type'] ?? '').startsWith('application/json'))
          return problem(415, 'Send test controls with content-type: application/json.');
        const parsed = parseBody(request);
        const body = (parsed.ok ? parsed.value : undefined) as { email?: unknown; user_id?: unknown } | undefined;
        const who =
          typeof body?.user_id === 'string'
            ? { userId: body.user_id }
            : typeof body?.email === 'string'
              ? { email: body.email }
              : undefined;
        if (!who)
          return problem(
            400,
            'POST a JSON object naming the user: {"email": "demo@example.com"} or {"user_id": "auth0|..."}.',
          );
        const reset = resetChangeBudget(context.store, who, context.now());
        if (!reset) return problem(404, `No user ${who.userId ?? who.email} on this local tenant.`);
        return { status: 200, body: { user_id: reset.userId, email: reset.email, cleared_codes: reset.clearedCodes } };
      },
    },
  ],
};
