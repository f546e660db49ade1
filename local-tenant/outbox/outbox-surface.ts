// The outbox, on the plain HTTP listener: /outbox for a person, /outbox.json (OUTBOX_URL) for
// tests, oldest first (newest last).
import { randomBytes } from 'node:crypto';
import type { Surface } from '../surface';
import { OUTBOX_JSON_PATH, OUTBOX_PAGE_PATH } from '../shared/outbox-paths';
import { outboxPage } from './outbox-page';

export const outboxSurface: Surface = {
  name: 'outbox',
  listener: 'http',
  prefixes: [OUTBOX_PAGE_PATH],
  counted: false,
  errorReply: (status, message) => ({ status, body: { message } }),
  index: (context) => [
    {
      name: 'Outbox',
      where: `${context.httpUrl}${OUTBOX_PAGE_PATH}`,
      what: 'Every email the local SendGrid accepted, newest first: the codes are here.',
      link: true,
    },
    {
      name: 'Outbox as JSON',
      where: `${context.httpUrl}${OUTBOX_JSON_PATH}`,
      what: 'The same messages for tests and scripts (OUTBOX_URL), oldest first.',
      link: true,
    },
  ],
  routes: (context) => [
    {
      method: 'GET',
      pattern: OUTBOX_JSON_PATH,
      handler: () => ({ status: 200, body: context.store.state.outbox }),
    },
    {
      method: 'GET',
      pattern: OUTBOX_PAGE_PATH,
      handler: () => {
        const nonce = randomBytes(16).toString('base64');
        return {
          status: 200,
          headers: {
            'content-type': 'text/html; charset=utf-8',
            // Only the page's own script runs (its nonce), even if escaping were ever missed; it may
            // read the JSON outbox (connect-src 'self'). The email frames inherit this policy.
            'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; img-src data: https:; frame-src 'self'; script-src 'nonce-${nonce}'; connect-src 'self'; base-uri 'none'; frame-ancestors 'none'`,
          },
          body: outboxPage(context.store.state.outbox, `${context.httpUrl}${OUTBOX_JSON_PATH}`, nonce),
        };
      },
    },
  ],
};
