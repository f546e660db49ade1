// The subset of Auth0's user search query syntax (search engine v3, Lucene-like) the bundle and
// its tests use: `field:value` or `field:"value"` terms joined by AND. Anything else is refused
// with a clear message rather than matched loosely. Metadata fields are searched by their path,
// through arrays (app_metadata.email_change_history.change_id), case-sensitively.
import type { StoredUser } from '../state/types';
import { queryError } from './errors';

type Term = { field: string; value: string };

const METADATA_PATH = /^(app_metadata|user_metadata)(\.[A-Za-z0-9_]+)+$/;

/**
 * The values at `path` under `value`, arrays at any level looked through: docs
 * manage-users/user-search/user-search-query-syntax.mdx, "If the field is nested in an array, you
 * can ignore the array level" (user_metadata.addresses.cities:"Paris").
 */
function valuesAt(value: unknown, path: readonly string[]): unknown[] {
  if (Array.isArray(value)) return value.flatMap((item) => valuesAt(item, path));
  if (path.length === 0) return [value];
  if (typeof value !== 'object' || value === null) return [];
  return valuesAt((value as Record<string, unknown>)[path[0] as string], path.slice(1));
}

/** Same page: metadata values are matched case-sensitively (only normalized profile fields are not). */
function metadataMatches(user: StoredUser, field: string, value: string): boolean {
  const [root, ...path] = field.split('.');
  const metadata = root === 'app_metadata' ? user.app_metadata : user.user_metadata;
  return valuesAt(metadata, path).some(
    (v) => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') && String(v) === value,
  );
}

const SEARCHABLE_FIELDS = ['email', 'user_id', 'name', 'email_verified', 'identities.connection'] as const;

export function parseUserQuery(q: string): Term[] {
  const terms: Term[] = [];
  for (const part of q.trim().split(/\s+AND\s+/)) {
    const match = /^([A-Za-z0-9_.]+):(?:"((?:[^"\\]|\\.)*)"|([^\s"*]+))$/.exec(part.trim());
    if (!match) {
      throw queryError(
        `the local tenant's user search supports field:value or field:"value" terms joined by AND, not ${JSON.stringify(part)}`,
      );
    }
    const field = match[1] as string;
    if (!(SEARCHABLE_FIELDS as readonly string[]).includes(field) && !METADATA_PATH.test(field)) {
      throw queryError(
        `the local tenant's user search supports the fields ${SEARCHABLE_FIELDS.join(', ')} and app_metadata.<path> or user_metadata.<path>, not ${field}`,
      );
    }
    terms.push({ field, value: (match[2] ?? match[3] ?? '').replace(/\\(.)/g, '$1') });
  }
  return terms;
}

export function userMatches(user: StoredUser, terms: readonly Term[]): boolean {
  return terms.every(({ field, value }) => {
    switch (field) {
      // docs/platform-facts.md §4: search (unlike users-by-email) is case-insensitive on email.
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
        return METADATA_PATH.test(field) && metadataMatches(user, field, value);
    }
  });
}
