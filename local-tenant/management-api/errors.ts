// Management API errors in Auth0's shape: {statusCode, error, message, errorCode}
// (docs/platform-facts.md §4; e.g. community article "Management API Token from API Explorer Tab
// does not Contain Expected Scopes" shows a 403 body).
import { STATUS_CODES } from 'node:http';
import { type Reply, ReplyError } from '../shared/router';

export function auth0ErrorReply(status: number, message: string, errorCode?: string): Reply {
  const body: Record<string, unknown> = { statusCode: status, error: STATUS_CODES[status] ?? 'Error', message };
  if (errorCode !== undefined) body.errorCode = errorCode;
  return { status, body };
}

export function auth0Error(status: number, message: string, errorCode?: string): ReplyError {
  return new ReplyError(auth0ErrorReply(status, message, errorCode));
}

// Auth0 reports body and query schema failures as "Payload validation error: '<problem>'." with
// errorCode invalid_body, and "Query validation error: ..." with invalid_query_string.
export const payloadError = (problem: string): ReplyError =>
  auth0Error(400, `Payload validation error: '${problem}'.`, 'invalid_body');
export const queryError = (problem: string): ReplyError =>
  auth0Error(400, `Query validation error: '${problem}'.`, 'invalid_query_string');

export const notFound = (message: string, errorCode: string): ReplyError => auth0Error(404, message, errorCode);
export const conflict = (message: string, errorCode: string): ReplyError => auth0Error(409, message, errorCode);
