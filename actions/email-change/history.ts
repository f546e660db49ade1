// The recovery data kept in a user's app_metadata (docs/design.md "Recovery"): the change history the
// flows write, the fate of the notice to the old address, and the lock a revert sets. One module
// for its names and shapes, imported by the Action, the flows and the support scripts (npm run
// revert, npm run history). No I/O and no Node imports: the Action bundle includes it.

/** app_metadata key: the change history, newest first, at most MAX_HISTORY_ENTRIES entries. */
export const HISTORY_KEY = 'email_change_history';
/** app_metadata key: the fate of the last notice to an old address (written right after it). */
export const NOTICE_KEY = 'email_change_notice';
/** app_metadata key: ISO 8601; while in the future, the Action refuses email changes. */
export const LOCKED_UNTIL_KEY = 'email_change_locked_until';

/** The deny reason (contract code) while a user's email changes are locked after a revert. */
export const LOCKED = 'email_change_locked';

/** Entries kept in the history; older ones are dropped. */
export const MAX_HISTORY_ENTRIES = 10;
/** The cool-off a revert sets by default (npm run revert --lock-days overrides it). */
export const REVERT_LOCK_DAYS = 7;

export type NoticeStatus = 'sent' | 'failed';

export interface ChangeEntry {
  readonly kind: 'change';
  /** A UUID: what the notice to the old address carries and support reverts by. */
  readonly change_id: string;
  readonly journey_id: string;
  readonly previous_email: string;
  readonly new_email: string;
  /** ISO 8601. */
  readonly changed_at: string;
  /** 'pending' until the notice's fate is known; EMAIL_CHANGE_NOTICE then tells it. */
  readonly old_address_notice: 'pending' | NoticeStatus;
}

export interface RevertEntry {
  readonly kind: 'revert';
  /** The id of the change this reverted. */
  readonly change_id: string;
  /** ISO 8601. */
  readonly reverted_at: string;
  readonly restored_email: string;
  /** The address the account had when it was reverted. */
  readonly from_email: string;
  /** Who reverted it (e.g. "npm run revert"). */
  readonly by: string;
}

export type HistoryEntry = ChangeEntry | RevertEntry;

/** app_metadata.email_change_notice. */
export interface NoticeRecord {
  readonly change_id: string;
  readonly status: NoticeStatus;
  /** ISO 8601. */
  readonly at: string;
}

/**
 * How the history is stored: an object of slots c1 (newest) to c10, each an entry whose leaves are
 * strings ('' where an entry has no such field). The flows write it leaf by leaf, because a flow
 * value that is exactly one {{...}} may become a string on Auth0 (platform/
 * readings.ts, singleTemplateValue): an array or object copied whole would not survive that
 * reading, strings do.
 */
export const HISTORY_SLOTS = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9', 'c10'] as const;
/** Every leaf an entry may have, over both kinds. */
export const HISTORY_FIELDS = [
  'kind',
  'change_id',
  'journey_id',
  'previous_email',
  'new_email',
  'changed_at',
  'old_address_notice',
  'reverted_at',
  'restored_email',
  'from_email',
  'by',
] as const;

/** The entries of a stored history, newest first: slots (as the flows write) or a list; empty slots dropped. */
export function storedEntries(stored: unknown): unknown[] {
  if (Array.isArray(stored)) return stored;
  if (typeof stored !== 'object' || stored === null) return [];
  return HISTORY_SLOTS.map((slot) => (stored as Record<string, unknown>)[slot]).filter(
    (entry) =>
      typeof entry === 'object' &&
      entry !== null &&
      (entry as { kind?: unknown }).kind !== '' &&
      (entry as { kind?: unknown }).kind !== undefined,
  );
}

/** The history as stored: slot by slot, every field a string. */
export function toStoredHistory(entries: readonly HistoryEntry[]): Record<string, Record<string, string>> {
  return Object.fromEntries(
    HISTORY_SLOTS.map((slot, i) => {
      const entry = (entries[i] ?? {}) as unknown as Record<string, unknown>;
      return [
        slot,
        Object.fromEntries(
          HISTORY_FIELDS.map((field) => [field, typeof entry[field] === 'string' ? (entry[field] as string) : '']),
        ),
      ];
    }),
  );
}

/** The history with `entry` in front, at most MAX_HISTORY_ENTRIES long. */
export function prependEntry(history: readonly HistoryEntry[], entry: HistoryEntry): HistoryEntry[] {
  return [entry, ...history].slice(0, MAX_HISTORY_ENTRIES);
}

/** The notice status a change shows: its own, or the notice record's while its own is 'pending'. */
export function noticeStatusOf(
  change: ChangeEntry,
  notice: NoticeRecord | undefined,
): ChangeEntry['old_address_notice'] {
  if (change.old_address_notice === 'pending' && notice !== undefined && notice.change_id === change.change_id)
    return notice.status;
  return change.old_address_notice;
}

/**
 * Whether email changes are locked at `nowMs` by the value of app_metadata.email_change_locked_until.
 * Absent is unlocked; anything else that is not a time in the past is locked: only support writes
 * this key, so an unreadable value fails closed.
 */
export function isLocked(lockedUntil: unknown, nowMs: number): boolean {
  if (lockedUntil === undefined || lockedUntil === null) return false;
  const untilMs = typeof lockedUntil === 'string' ? Date.parse(lockedUntil) : Number.NaN;
  return Number.isNaN(untilMs) || untilMs > nowMs;
}
