// Test controls of the login side, beside the tenant's others under /__local/ (control-surface.ts),
// on the plain-HTTP listener (loopback only): give a user a TOTP factor, as a person would by
// scanning a QR code, so that tests in another process (browser tests) can have MFA users; and
// give a user back their email-change budget (npm run local-tenant -- --reset-user <email>).
import { resetChangeBudget } from '../demo-app/change-budget';
import { parseBody } from '../shared/body';
import type { Reply } from '../shared/router';
import type { Surface } from '../surface';
import { newTotpSecret, totpUri } from './totp';

const problem = (status: number, message: string): Reply => ({ status, body: { message } });

/** POST {"email": "..."} or {"user_id": "..."} (application/json) clears that user's email-change budget. */
export const RESET_BUDGET_PATH = '/__local/users/reset-email-change-budget';

export const loginControlsSurface: Surface = {
  name: 'login test controls',
  listener: 'http',
  prefixes: ['/__local/users/'],
  counted: false,
  errorReply: problem,
  routes: (context) => [
    {
      method: 'POST',
      pattern: RESET_BUDGET_PATH,
      handler: (request) => {
        // A JSON content type makes a browser ask first (CORS preflight, never granted): no web page can post it.
        if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) return problem(415, 'Send test controls with content-type: application/json.');
        const parsed = parseBody(request);
        const body = (parsed.ok ? parsed.value : undefined) as { email?: unknown; user_id?: unknown } | undefined;
        const who = typeof body?.user_id === 'string' ? { userId: body.user_id } : typeof body?.email === 'string' ? { email: body.email } : undefined;
        if (!who) return problem(400, 'POST a JSON object naming the user: {"email": "demo@example.com"} or {"user_id": "auth0|..."}.');
        const reset = resetChangeBudget(context.store, who, context.now());
        if (!reset) return problem(404, `No user ${who.userId ?? who.email} on this local tenant.`);
        return { status: 200, body: { user_id: reset.userId, email: reset.email, cleared_codes: reset.clearedCodes } };
      },
    },
    {
      method: 'POST',
      pattern: '/__local/users/:id/totp',
      handler: (request) => {
        const id = request.params.id as string;
        const user = context.store.state.users.find((u) => u.user_id === id);
        if (!user) return problem(404, `No user ${id}.`);
        if (user.identities[0]?.provider !== 'auth0') return problem(400, `${id} is not a database user: MFA factors here are for database users.`);
        const secret = newTotpSecret();
        context.store.mutate((state) => {
          const stored = state.users.find((u) => u.user_id === id);
          if (stored) {
            stored.totp_secret = secret;
            stored.multifactor = ['guardian'];
          }
        });
        return { status: 201, body: { secret, otpauth_uri: totpUri(secret, user.email) } };
      },
    },
  ],
};
