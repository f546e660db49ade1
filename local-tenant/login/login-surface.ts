// The login side of the local tenant, for browsers, on the plain-HTTP listener (no certificate
// warning for a person): /authorize, the pages under /u/ (login, Google stand-in, MFA, form) and
// /v2/logout. The OpenID Connect endpoints apps call are in oidc-surface.ts.
import type { Surface } from '../surface';
import { authorize } from './authorize-endpoint';
import { logout } from './logout-endpoint';
import { errorPage } from './pages/error-page';
import { universalLoginRoutes } from './universal-login-routes';

export const loginSurface: Surface = {
  name: 'login pages',
  listener: 'http',
  prefixes: ['/authorize', '/u/', '/v2/logout'],
  counted: false,
  errorReply: (status, message) =>
    errorPage({
      language: 'en',
      status,
      error: status >= 500 ? 'server_error' : 'invalid_request',
      description: message,
    }),
  routes: (context) => [
    { method: 'GET', pattern: '/authorize', handler: (request) => authorize(context, request) },
    ...universalLoginRoutes(context),
    { method: 'GET', pattern: '/v2/logout', handler: (request) => logout(context, request) },
  ],
};
