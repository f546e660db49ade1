// The subset of Auth0's user search query syntax (search engine v3, Lucene-like) the bundle and
// its tests use: `field:value` or `field:"value"` terms joined by AND. Anything else is refused
// with a clear message rather than matched loosely.
import type { StoredUser } from '../state/types';
import { queryError } from './errors';

type Term = { field: string; value: string };

const SEARCHABLE_FIELDS = ['email', 'user_id', 'name', 'email_verified', 'identities.connection'] as const;

export function parseUserQuery(q: string): Term[] {
  const terms: Term[] = [];
  for (const part of q.trim().split(/\s+AND\s+/)) {
    const match = /^([a-z_.]+):(?:"((?:[^"\\]|\\.)*)"|([^\s"*]+))$/.exec(part.trim());
    if (!match) {
      throw queryError(
        `the local tenant's user search supports field:value or field:"value" terms joined by AND, not ${JSON.stringify(part)}`,
      );
    }
    const field = match[1] as string;
    if (!(SEARCHABLE_FIELDS as readonly string[]).includes(field)) {
      throw queryError(`the local tenant's user search supports the fields ${SEARCHABLE_FIELDS.join(', ')}, not ${field}`);
    }
    terms.push({ field, value: (match[2] ?? match[3] ?? '').replace(/\\(.)/g, '$1') });
  }
  return terms;
}

export function userMatches(user: StoredUser, terms: readonly Term[]): boolean {
  return terms.every(({ field, value }) => {
    switch (field) {
      // platform-facts.md §4: search (unlike users-by-email) is case-insensitive on email.
      case 'email':
        return user.email.toLowerCase() === value.toLowerCase();
      case 'user_id':
        return user.user_id === value;
      case 'name':
        return user.name.toLowerCase() === value.toLowerCase();
      case 'email_verified':
        return String(user.email_verified) === value;
      case 'identities.connection':
        return user.identities.some((i) => i.connection === value);
      default:
        return false;
    }
  });
}
