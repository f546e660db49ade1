// AUTH0/UPDATE_USER (docs flows/integrations/auth0.mdx, and a Dashboard export) through the real
// auth0 SDK's ManagementClient, with the AUTH0 vault connection's cached token. The platform model
// admits no other AUTH0 action: none documents its output, and flows decide on outputs.
// Their output is the Management API's answer (the docs point each action at its endpoint's
// response); an error status fails the action with the API's own message.
// UNCONFIRMED: that SEND_REQUEST's output is the response body itself (the docs say only "Review
// Auth0 Management API for expected responses"), and that it fails on an error status rather
// than answering {status, success: false} like HTTP/SEND_REQUEST.
import { ManagementClient, ManagementError, ManagementTimeoutError } from 'auth0';
import { ActionFailure } from './action-failure';
import { DefinitionError } from './unsupported';

export type Auth0Action = 'UPDATE_USER';
export const AUTH0_ACTIONS: readonly Auth0Action[] = ['UPDATE_USER'];

function apiMessage(body: unknown, fallback: string): string {
  if (typeof body === 'object' && body !== null && typeof (body as { message?: unknown }).message === 'string')
    return (body as { message: string }).message;
  return fallback;
}

function failure(error: unknown, what: string): ActionFailure {
  if (error instanceof ActionFailure) return error;
  if (error instanceof ManagementTimeoutError)
    return new ActionFailure(`${what}: the Management API did not answer in time`);
  if (error instanceof ManagementError) {
    return new ActionFailure(
      `${what}: the Management API answered ${error.statusCode ?? 'an error'}: ${apiMessage(error.body, error.message.split('\n')[0] ?? '')}`,
      error.statusCode,
    );
  }
  return new ActionFailure(`${what}: ${(error as Error).message}`);
}

function requireString(params: Record<string, unknown>, key: string, action: string): string {
  const value = params[key];
  if (typeof value !== 'string' || value === '')
    throw new DefinitionError(
      `AUTH0/${action}: params.${key} must be a non-empty string, got ${JSON.stringify(value)}`,
    );
  return value;
}

export async function runAuth0Action(
  action: Auth0Action,
  params: Record<string, unknown>,
  client: ManagementClient,
): Promise<unknown> {
  const what = `AUTH0/${action}`;
  try {
    switch (action) {
      case 'UPDATE_USER': {
        const changes = params.changes;
        if (typeof changes !== 'object' || changes === null || Array.isArray(changes))
          throw new DefinitionError(`${what}: params.changes must be an object`);
        return await client.users.update(requireString(params, 'user_id', action), changes as never);
      }
    }
  } catch (error) {
    if (error instanceof DefinitionError) throw error;
    throw failure(error, what);
  }
}
