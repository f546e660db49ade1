// /api/v2/tickets/password-change: what npm run revert sends the restored address (docs
// api/management/v2/tickets/post-password-change.mdx, scope create:user_tickets). The answer is a
// URL only: Auth0 sends no email for it (docs authenticate/database-connections/password-change.mdx,
// "Generate Password Reset tickets"). The local tenant serves no reset page behind the URL.
import { randomBytes } from 'node:crypto';
import { auth0Error, payloadError } from './errors';
import { ok, type ManagementResource } from './route';
import { findUser } from './users';
import { expectObject } from './validation';

// The request schema's properties (auth0 SDK v7 ChangePasswordTicketRequestContent).
const TICKET_PROPERTIES = [
  'result_url',
  'user_id',
  'client_id',
  'organization_id',
  'connection_id',
  'email',
  'ttl_sec',
  'mark_email_as_verified',
  'includeEmailInRedirect',
  'identity',
];

export const ticketsResource: ManagementResource = (context) => [
  {
    method: 'POST',
    pattern: '/api/v2/tickets/password-change',
    scopes: ['create:user_tickets'],
    faultKind: 'management.tickets.create',
    handler: (request) => {
      const body = expectObject(request.body, TICKET_PROPERTIES);
      // Same request schema: user_id, or email with connection_id, never both.
      if (body.user_id !== undefined && body.connection_id !== undefined)
        throw payloadError('user_id cannot be used together with connection_id');
      if (typeof body.user_id !== 'string' || body.user_id === '') {
        throw auth0Error(
          400,
          'The local tenant creates password-change tickets by user_id only: send {"user_id": "..."}.',
          'invalid_body',
        );
      }
      if (
        body.ttl_sec !== undefined &&
        (typeof body.ttl_sec !== 'number' || !Number.isInteger(body.ttl_sec) || body.ttl_sec < 0)
      ) {
        throw payloadError('Expected a whole number of seconds on property ttl_sec');
      }
      const user = findUser(context, body.user_id);
      if (!user.identities.some((i) => i.provider === 'auth0')) {
        throw auth0Error(
          400,
          'Password change tickets are only for users of database connections.',
          'operation_not_supported',
        );
      }
      // Auth0's ticket URLs have this shape: https://{domain}/lo/reset?ticket=...#
      return ok({ ticket: `${context.httpsUrl}/lo/reset?ticket=${randomBytes(24).toString('base64url')}#` }, 201);
    },
  },
];
