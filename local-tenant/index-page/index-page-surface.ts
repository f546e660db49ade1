// The root URL of the plain-HTTP listener: an index of what the local tenant serves (the demo app,
// the outbox, the env file, the Management API, the discovery document). It owns "/" only: every
// other path keeps its own surface's answer. Each surface that has a page for people lists itself
// (Surface.index); the page adds what belongs to no surface (the env file) and the APIs.
import type { IndexEntry } from '../shared/surface';
import type { Surface, TenantContext } from '../surface';
import { indexPage } from './index-page';

export function indexEntries(context: TenantContext, listed: readonly Surface[]): IndexEntry[] {
  return [
    ...listed.flatMap((surface) => surface.index?.(context) ?? []),
    {
      name: 'Environment file',
      where: context.envFile,
      what: 'AUTH0_DOMAIN, the deploy client, NODE_EXTRA_CA_CERTS, SENDGRID_*, DEMO_*: set -a; . <this file>; set +a puts them in a shell.',
      link: false,
    },
    {
      name: 'Management API',
      where: `${context.httpsUrl}/api/v2/`,
      what: `HTTPS with the tenant's own certificate (AUTH0_DOMAIN=${context.domain}); tokens at ${context.httpsUrl}/oauth/token.`,
      link: false,
    },
    {
      name: 'SendGrid stand-in',
      where: `${context.httpsUrl}/v3/`,
      what: 'SENDGRID_BASE_URL: /v3/mail/send and the dynamic templates.',
      link: false,
    },
    {
      name: 'OpenID Connect discovery',
      where: `${context.httpUrl}/.well-known/openid-configuration`,
      what: `The login side for apps: issuer ${context.httpUrl}/, /authorize, /oauth/token, /.well-known/jwks.json.`,
      link: true,
    },
  ];
}

/** The index page of the tenant serving `listed` (in the order given). */
export const indexPageSurface = (listed: readonly Surface[]): Surface => ({
  name: 'index page',
  listener: 'http',
  prefixes: [],
  counted: false,
  errorReply: (status, message) => ({
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
    body: message,
  }),
  routes: (context) => [
    {
      method: 'GET',
      pattern: '/',
      handler: () => ({
        status: 200,
        headers: {
          'content-type': 'text/html; charset=utf-8',
          'content-security-policy':
            "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
        },
        body: indexPage(indexEntries(context, listed)),
      }),
    },
  ],
});
