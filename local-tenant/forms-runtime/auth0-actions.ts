// AUTH0/UPDATE_USER, AUTH0/GET_USER and AUTH0/SEND_REQUEST (docs flows/integrations/auth0.mdx)
// through the real auth0 SDK's ManagementClient, with the AUTH0 vault connection's cached token.
// Their output is the Management API's answer (the docs point each action at its endpoint's
// response); an error status fails the action with the API's own message.
// UNCONFIRMED: that SEND_REQUEST's output is the response body itself (the docs say only "Review
// Auth0 Management API for expected responses"), and that it fails on an error status rather
// than answering {status, success: false} like HTTP/SEND_REQUEST.
import { ManagementClient, ManagementError, ManagementTimeoutError } from 'auth0';
import { ActionFailure } from './action-failure';
import { DefinitionError } from './unsupported';

export type Auth0Action = 'UPDATE_USER' | 'GET_USER' | 'SEND_REQUEST';
export const AUTH0_ACTIONS: readonly Auth0Action[] = ['UPDATE_USER', 'GET_USER', 'SEND_REQUEST'];

const SEND_REQUEST_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

function apiMessage(body: unknown, fallback: string): string {
  if (typeof body === 'object' && body !== null && typeof (body as { message?: unknown }).message === 'string') return (body as { message: string }).message;
  return fallback;
}

function failure(error: unknown, what: string): ActionFailure {
  if (error instanceof ActionFailure) return error;
  if (error instanceof ManagementTimeoutError) return new ActionFailure(`${what}: the Management API did not answer in time`);
  if (error instanceof ManagementError) {
    return new ActionFailure(`${what}: the Management API answered ${error.statusCode ?? 'an error'}: ${apiMessage(error.body, error.message.split('\n')[0] ?? '')}`, error.statusCode);
  }
  return new ActionFailure(`${what}: ${(error as Error).message}`);
}

function requireString(params: Record<string, unknown>, key: string, action: string): string {
  const value = params[key];
  if (typeof value !== 'string' || value === '') throw new DefinitionError(`AUTH0/${action}: params.${key} must be a non-empty string, got ${JSON.stringify(value)}`);
  return value;
}

async function sendRequest(client: ManagementClient, domain: string, params: Record<string, unknown>): Promise<unknown> {
  const pathname = requireString(params, 'pathname', 'SEND_REQUEST');
  // "The API endpoint absolute pathname. (Example: /api/v2/organizations)".
  if (!pathname.startsWith('/api/v2/')) throw new DefinitionError(`AUTH0/SEND_REQUEST: params.pathname must start with /api/v2/, got ${JSON.stringify(pathname)}`);
  const method = params.method ?? 'GET';
  if (typeof method !== 'string' || !SEND_REQUEST_METHODS.includes(method)) throw new DefinitionError(`AUTH0/SEND_REQUEST: params.method must be one of ${SEND_REQUEST_METHODS.join(', ')}, got ${JSON.stringify(method)}`);
  const url = new URL(`https://${domain}${pathname}`);
  // "URL Params: These parameters are automatically URL-encoded."
  for (const [key, value] of Object.entries((params.params ?? {}) as Record<string, unknown>)) {
    if (value !== null && value !== undefined) url.searchParams.set(key, String(value));
  }
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries((params.headers ?? {}) as Record<string, unknown>)) headers[key] = String(value);
  const init: RequestInit = { method, headers };
  if (params.payload !== undefined && method !== 'GET') {
    headers['content-type'] = 'application/json';
    init.body = typeof params.payload === 'string' ? params.payload : JSON.stringify(params.payload);
  }
  const response = await client.fetch(url.toString(), init);
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    // Not JSON: the text is the output.
  }
  if (!response.ok) throw new ActionFailure(`AUTH0/SEND_REQUEST ${method} ${pathname}: the Management API answered ${response.status}: ${apiMessage(body, response.statusText)}`, response.status);
  return body;
}

export async function runAuth0Action(action: Auth0Action, params: Record<string, unknown>, client: ManagementClient, domain: string): Promise<unknown> {
  const what = `AUTH0/${action}`;
  try {
    switch (action) {
      case 'UPDATE_USER': {
        const changes = params.changes;
        if (typeof changes !== 'object' || changes === null || Array.isArray(changes)) throw new DefinitionError(`${what}: params.changes must be an object`);
        return await client.users.update(requireString(params, 'user_id', action), changes as never);
      }
      case 'GET_USER':
        return await client.users.get(requireString(params, 'user_id', action));
      case 'SEND_REQUEST':
        return await sendRequest(client, domain, params);
    }
  } catch (error) {
    if (error instanceof DefinitionError) throw error;
    throw failure(error, what);
  }
}
