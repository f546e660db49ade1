// How a Management API endpoint is declared: method, path, the scopes that allow it (any of
// them), and a handler that gets the parsed body and the caller.
import type { Reply, Request } from '../shared/router';
import type { TenantContext } from '../surface';

export interface ManagementRequest extends Request {
  /** The JSON body (undefined when empty). */
  readonly body: unknown;
  /** The client the access token was issued to. */
  readonly clientId: string;
  /** The scopes of the caller's access token. */
  readonly scopes: ReadonlySet<string>;
}

export interface ManagementRoute {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  readonly pattern: string;
  /** The caller's token needs any one of these. */
  readonly scopes: readonly string[];
  readonly faultKind?: string;
  readonly handler: (request: ManagementRequest) => Reply;
}

/** A resource module: the endpoints of one resource (users, clients, flows, ...). */
export type ManagementResource = (context: TenantContext) => ManagementRoute[];

export const ok = (body: unknown, status = 200): Reply => ({ status, body });
export const noContent = (): Reply => ({ status: 204 });
