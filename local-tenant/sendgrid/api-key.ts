// Every SendGrid call needs the account's API key as a bearer token.
import type { Request } from '../shared/router';
import type { TenantContext } from '../surface';
import { timingSafeEqual } from 'node:crypto';
import { problem, sendgridError } from './errors';

// docs/platform-facts.md §6: a bad key answers 401 with this message, field and help null.
export const BAD_API_KEY_MESSAGE = 'The provided authorization grant is invalid, expired, or revoked';

export function checkApiKey(context: TenantContext, request: Request): void {
  const match = /^Bearer\s+(\S+)$/i.exec(String(request.headers.authorization ?? ''));
  const expected = Buffer.from(context.store.state.secrets.sendgridApiKey);
  const given = Buffer.from(match?.[1] ?? '');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw sendgridError(401, [problem(null, BAD_API_KEY_MESSAGE, null)]);
  }
}
