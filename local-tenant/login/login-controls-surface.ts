// Test controls of the login side, beside the tenant's others under /__local/ (control-surface.ts),
// on the plain-HTTP listener (loopback only): give a user a TOTP factor, as a person would by
// scanning a QR code, so that tests in another process (browser tests) can have MFA users. (The
// email-change budget's reset belongs to the demo app: demo-app/budget-control-surface.ts.)
import type { Reply } from '../shared/router';
import type { Surface } from '../surface';
import { newTotpSecret, totpUri } from './totp';

const problem = (status: number, message: string): Reply => ({ status, body: { message } });

export const loginControlsSurface: Surface = {
  name: 'login test controls',
  listener: 'http',
  prefixes: ['/__local/users/'],
  counted: false,
  errorReply: problem,
  routes: (context) => [
    {
      method: 'POST',
      pattern: '/__local/users/:id/totp',
      handler: (request) => {
        const id = request.params.id as string;
        const user = context.store.state.users.find((u) => u.user_id === id);
        if (!user) return problem(404, `No user ${id}.`);
        if (user.identities[0]?.provider !== 'auth0')
          return problem(400, `${id} is not a database user: MFA factors here are for database users.`);
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
