// The outbox, on the plain HTTP listener: /outbox for a person, /outbox.json (OUTBOX_URL) for
// tests, oldest first (newest last).
import type { Surface } from '../surface';
import { outboxPage } from './outbox-page';

export const OUTBOX_PAGE_PATH = '/outbox';
export const OUTBOX_JSON_PATH = '/outbox.json';

export const outboxSurface: Surface = {
  name: 'outbox',
  listener: 'http',
  prefixes: ['/outbox'],
  counted: false,
  errorReply: (status, message) => ({ status, body: { message } }),
  routes: (context) => [
    {
      method: 'GET',
      pattern: OUTBOX_JSON_PATH,
      handler: () => ({ status: 200, body: context.store.state.outbox }),
    },
    {
      method: 'GET',
      pattern: OUTBOX_PAGE_PATH,
      handler: () => ({
        status: 200,
        headers: {
          'content-type': 'text/html; charset=utf-8',
          // Nothing on the page needs to run: no scripts at all, even if escaping were ever missed.
          'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data: https:; frame-src 'self'",
        },
        body: outboxPage(context.store.state.outbox, `${context.httpUrl}${OUTBOX_JSON_PATH}`),
      }),
    },
  ],
};
