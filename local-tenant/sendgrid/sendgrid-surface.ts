// The SendGrid v3 stand-in: mail send and the dynamic template endpoints, on the HTTPS listener
// (SENDGRID_BASE_URL).
import type { Surface } from '../surface';
import { problem, sendgridErrorReply } from './errors';
import { mailSend } from './mail-send';
import { templateRoutes } from './templates';

export const sendgridSurface: Surface = {
  name: 'SendGrid API',
  listener: 'https',
  prefixes: ['/v3/'],
  counted: false,
  errorReply: (status, message) => sendgridErrorReply(status, [problem(null, message, null)]),
  routes: (context) => [
    {
      method: 'POST',
      pattern: '/v3/mail/send',
      faultKind: 'sendgrid.send',
      handler: (request) => mailSend(context, request),
    },
    ...templateRoutes(context),
  ],
};
