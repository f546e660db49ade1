// DELETE /api/v2/users/{id}/refresh-tokens and /sessions (scopes delete:refresh_tokens,
// delete:sessions): npm run revert ends a taken-over user's access with them where the plan allows.
import type { TenantContext } from '../surface';
import { auth0Error } from './errors';
import { noContent, type ManagementResource } from './route';
import { findUser } from './users';

/**
 * Enterprise only: docs secure/tokens/manage-refresh-tokens-with-auth0-management-api.mdx and
 * manage-users/sessions/manage-user-sessions-with-auth0-management-api.mdx. What Auth0 answers on
 * another plan is not documented (UNCONFIRMED): the local tenant answers 403; npm run revert
 * treats 403 and 404 alike.
 */
function requireEnterprise(context: TenantContext, what: string): void {
  if (context.plan !== 'enterprise') {
    throw auth0Error(
      403,
      `The ${what} endpoints of the Management API are available on Enterprise plans only; the local tenant's plan is "${context.plan}".`,
      'operation_not_supported',
    );
  }
}

export const userRevocationResource: ManagementResource = (context) => [
  {
    method: 'DELETE',
    pattern: '/api/v2/users/:id/refresh-tokens',
    scopes: ['delete:refresh_tokens'],
    handler: (request) => {
      requireEnterprise(context, 'refresh token');
      findUser(context, request.params.id as string);
      // The local tenant issues no refresh tokens: there is none to delete.
      return noContent();
    },
  },
  {
    method: 'DELETE',
    pattern: '/api/v2/users/:id/sessions',
    scopes: ['delete:sessions'],
    handler: (request) => {
      requireEnterprise(context, 'session');
      const user = findUser(context, request.params.id as string);
      context.revokeSessionsOf(user.user_id);
      return noContent();
    },
  },
];
