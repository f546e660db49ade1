// The root URL of the plain-HTTP listener: an index of what the local tenant serves (the demo app,
// the outbox, the env file, the Management API, the discovery document). It owns "/" only: every
// other path keeps its own surface's answer.
import { DEMO_APP_PATH } from '../demo-app/demo-seed';
import { OUTBOX_JSON_PATH, OUTBOX_PAGE_PATH } from '../outbox/outbox-surface';
import type { Surface, TenantContext } from '../surface';
import { type IndexEntry, indexPage } from './index-page';

export function indexEntries(context: TenantContext): IndexEntry[] {
  return [
    { name: 'Demo app', where: `${context.httpUrl}${DEMO_APP_PATH}`, what: 'Sign in and press "Change email" to try the flow.', link: true },
    { name: 'Outbox', where: `${context.httpUrl}${OUTBOX_PAGE_PATH}`, what: 'Every email the local SendGrid accepted, newest first: the codes are here.', link: true },
    { name: 'Outbox as JSON', where: `${context.httpUrl}${OUTBOX_JSON_PATH}`, what: 'The same messages for tests and scripts (OUTBOX_URL), oldest first.', link: true },
    {
      name: 'Environment file',
      where: context.envFile,
      what: 'AUTH0_DOMAIN, the deploy client, NODE_EXTRA_CA_CERTS, SENDGRID_*, DEMO_*: set -a; . <this file>; set +a puts them in a shell.',
      link: false,
    },
    { name: 'Management API', where: `${context.httpsUrl}/api/v2/`, what: `HTTPS with the tenant's own certificate (AUTH0_DOMAIN=${context.domain}); tokens at ${context.httpsUrl}/oauth/token.`, link: false },
    { name: 'SendGrid stand-in', where: `${context.httpsUrl}/v3/`, what: 'SENDGRID_BASE_URL: /v3/mail/send and the dynamic templates.', link: false },
    {
      name: 'OpenID Connect discovery',
      where: `${context.httpUrl}/.well-known/openid-configuration`,
      what: `The login side for apps: issuer ${context.httpUrl}/, /authorize, /oauth/token, /.well-known/jwks.json.`,
      link: true,
    },
  ];
}

export const indexPageSurface: Surface = {
  name: 'index page',
  listener: 'http',
  prefixes: [],
  counted: false,
  errorReply: (status, message) => ({ status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: message }),
  routes: (context) => [
    {
      method: 'GET',
      pattern: '/',
      handler: () => ({
        status: 200,
        headers: {
          'content-type': 'text/html; charset=utf-8',
          'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
        },
        body: indexPage(indexEntries(context)),
      }),
    },
  ],
};
