// Calls to the tenant's Management API from the flows: HTTP/SEND_REQUEST through the HTTP vault
// connection of type OAuth client credentials (docs customize/forms/vaults/http.mdx), because its
// output is documented (docs flows/integrations/http-request.mdx: {headers, body, status,
// success}); AUTH0/* actions document none. Every call allows failure and is followed by a check
// of its status, so that the flow decides the same whether a non-2xx answer is an output or a
// failed action (readings in platform/readings.ts).
import { equals } from './conditions';
import { unless } from './flow-logic-actions';
import { MANAGEMENT_API_VAULT_CONNECTION } from './names';
import type { FlowAction } from './types';

/** The Management API's base URL; ##AUTH0_DOMAIN## is deploy-cli's keyword for the tenant's domain. */
export const MANAGEMENT_API = 'https://##AUTH0_DOMAIN##/api/v2';
/** The signed-in user's path (ids go through encodeURIComponent: docs flows/integrations/auth0.mdx). */
export const SIGNED_IN_USER = `${MANAGEMENT_API}/users/{{functions.encodeURIComponent(context.user.user_id)}}`;

export interface ManagementRequest {
  readonly id: string;
  readonly method: 'GET' | 'PATCH';
  readonly url: string;
  readonly params?: Record<string, string>;
  readonly payload?: Record<string, unknown>;
  /** Keep other users' records out of the execution logs. */
  readonly maskOutput?: boolean;
}

export function managementRequest(request: ManagementRequest): FlowAction {
  return {
    id: request.id,
    type: 'HTTP',
    action: 'SEND_REQUEST',
    allow_failure: true,
    ...(request.maskOutput ? { mask_output: true } : {}),
    params: {
      connection_id: MANAGEMENT_API_VAULT_CONNECTION,
      url: request.url,
      method: request.method,
      ...(request.params ? { params: request.params } : {}),
      ...(request.payload ? { content_type: 'JSON', payload: request.payload } : {}),
    },
  } as FlowAction;
}

/** Unless the request answered `status`, run `otherwise` (an error message, say). */
export function unlessStatus(request: string, status: string, otherwise: FlowAction[]): FlowAction {
  return unless(`check_${request}`, equals(`{{actions.${request}.status}}`, status), otherwise);
}

/** GET /api/v2/users-by-email for `address` (a template): immediately consistent and case-sensitive (docs/platform-facts.md §4). */
export function usersByEmail(id: string, address: string): FlowAction {
  return managementRequest({
    id,
    method: 'GET',
    url: `${MANAGEMENT_API}/users-by-email`,
    params: { email: address, fields: 'user_id', include_fields: 'true' },
    maskOutput: true,
  });
}
