// Page-based pagination as the Management API does it: `page` (from 0), `per_page`, and
// `include_totals` to wrap the page in {start, limit, length, total, <key>}. A page past the end
// is empty (docs/platform-facts.md §5: otherwise deploy-cli loops).
import { queryError } from './errors';

// Auth0 caps per_page at 100 (deploy-cli's client.js uses MAX_PAGE_SIZE = 100 for the same reason).
export const MAX_PER_PAGE = 100;

export interface PageOptions {
  /** The resource also takes checkpoint pagination (`from`, `take`), as connections and client grants do. */
  readonly checkpoint?: boolean;
  /** Items per page when the query names no per_page. undefined: the whole list. */
  readonly defaultPerPage?: number;
  /** How include_totals is shaped; default the classic {start, limit, length, total}. */
  readonly totalsShape?: 'start-limit' | 'page-per-page';
}

export function readPaging(
  query: URLSearchParams,
  options: PageOptions = {},
): { page: number; perPage: number | undefined; includeTotals: boolean } {
  const page = integerParam(query, 'page', 0);
  const perPageGiven = query.has('per_page');
  const perPage = perPageGiven ? integerParam(query, 'per_page', 50) : query.has('page') ? 50 : options.defaultPerPage;
  if (perPage !== undefined && (perPage < 1 || perPage > MAX_PER_PAGE)) {
    throw queryError(`per_page must be between 1 and ${MAX_PER_PAGE}, got ${perPage}`);
  }
  const totals = query.get('include_totals');
  if (totals !== null && totals !== 'true' && totals !== 'false')
    throw queryError(`include_totals must be true or false, got ${totals}`);
  return { page, perPage, includeTotals: totals === 'true' };
}

function integerParam(query: URLSearchParams, name: string, fallback: number): number {
  const raw = query.get(name);
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw)) throw queryError(`${name} must be a whole number of at least 0, got ${JSON.stringify(raw)}`);
  return Number(raw);
}

/**
 * Checkpoint pagination: `take` items from the opaque `from` token; the answer carries `next`
 * while more remain (the SDKs stop when it is absent).
 */
function checkpointPageOf<T>(items: readonly T[], query: URLSearchParams, key: string): unknown {
  const take = query.has('take') ? Number(query.get('take')) : 50;
  if (!Number.isInteger(take) || take < 1 || take > MAX_PER_PAGE)
    throw queryError(`take must be between 1 and ${MAX_PER_PAGE}, got ${query.get('take')}`);
  const from = query.get('from');
  const start = from ? Number(Buffer.from(from, 'base64url').toString('utf8')) : 0;
  if (!Number.isInteger(start) || start < 0) throw queryError(`from is not a checkpoint this API returned: ${from}`);
  const slice = items.slice(start, start + take);
  const next = start + take < items.length ? Buffer.from(String(start + take)).toString('base64url') : undefined;
  return { [key]: slice, ...(next ? { next } : {}) };
}

/** The page of `items` the query asks for, shaped as the Management API answers. */
export function pageOf<T>(
  items: readonly T[],
  query: URLSearchParams,
  key: string,
  options: PageOptions = {},
): unknown {
  if (options.checkpoint && (query.has('take') || query.has('from'))) return checkpointPageOf(items, query, key);
  const { page, perPage, includeTotals } = readPaging(query, options);
  const start = perPage === undefined ? 0 : page * perPage;
  const slice = perPage === undefined ? items.slice() : items.slice(start, start + perPage);
  if (!includeTotals) return slice;
  if (options.totalsShape === 'page-per-page') {
    return { [key]: slice, total: items.length, page, per_page: perPage ?? items.length };
  }
  return { start, limit: perPage ?? items.length, length: slice.length, total: items.length, [key]: slice };
}
