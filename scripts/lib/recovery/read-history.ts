// Reads the recovery data out of a user's app_metadata (actions/email-change/history.ts), checking
// every entry: an entry that does not have the contract's shape is reported, never dropped
// silently, so that support sees when the history was written by something else. The history is
// stored in slots c1 (newest) to c10 whose leaves are all strings, '' where an entry's kind has no
// such field (the flows copy it leaf by leaf): '' reads as absent, and an all-'' slot as no entry.
// A history stored as a list (before the slots) is read too.
import {
  type ChangeEntry,
  HISTORY_KEY,
  HISTORY_SLOTS,
  type HistoryEntry,
  LOCKED_UNTIL_KEY,
  NOTICE_KEY,
  type NoticeRecord,
  type RevertEntry,
} from '../../../actions/email-change/history';

export interface RecoveryData {
  /** Newest first, as stored. */
  readonly history: readonly HistoryEntry[];
  readonly notice: NoticeRecord | undefined;
  readonly lockedUntil: string | undefined;
  /** What could not be read, in words (where it is stored and what is wrong). */
  readonly problems: readonly string[];
}

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The fields of each kind; a stored entry has every HISTORY_FIELDS leaf, '' where its kind has none. */
const CHANGE_FIELDS = ['change_id', 'journey_id', 'previous_email', 'new_email', 'changed_at'] as const;
const REVERT_FIELDS = ['change_id', 'reverted_at', 'restored_email', 'by'] as const;

/** The entry without its '' fields: the flows write every leaf of every slot, '' meaning "none". */
function presentFields(entry: Fields): Fields {
  return Object.fromEntries(Object.entries(entry).filter(([, value]) => value !== ''));
}

function missingStrings(entry: Fields, names: readonly string[]): string[] {
  return names.filter((name) => typeof entry[name] !== 'string');
}

/** One stored entry, '' fields read as absent, checked against its kind; exported for tests. */
export function readEntry(value: unknown): { entry: HistoryEntry } | { problem: string } {
  if (!isObject(value)) return { problem: 'is not an object' };
  const entry = presentFields(value);
  if (entry.kind === 'change') {
    const missing = missingStrings(entry, CHANGE_FIELDS);
    if (missing.length > 0) return { problem: `is a change without ${missing.join(', ')}` };
    if (!['pending', 'sent', 'failed'].includes(entry.old_address_notice as string)) {
      return { problem: 'is a change whose old_address_notice is not pending, sent or failed' };
    }
    return { entry: entry as unknown as ChangeEntry };
  }
  if (entry.kind === 'revert') {
    const missing = missingStrings(entry, REVERT_FIELDS);
    if (missing.length > 0) return { problem: `is a revert without ${missing.join(', ')}` };
    if (entry.from_email !== undefined && typeof entry.from_email !== 'string')
      return { problem: 'is a revert whose from_email is not text' };
    // An account without an address when it was reverted: from_email is '' (plan-revert.ts).
    return { entry: { ...entry, from_email: entry.from_email ?? '' } as unknown as RevertEntry };
  }
  return { problem: `has kind ${JSON.stringify(value.kind)}, neither "change" nor "revert"` };
}

/** A slot the flows filled with '' leaves because there was no entry for it (or one never written). */
function isEmptySlot(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  return isObject(value) && Object.values(value).every((leaf) => leaf === '' || leaf === null || leaf === undefined);
}

/**
 * The stored history's entries, newest first, each with where it is stored: slot by slot (".c1"
 * is the newest), or by index for a history stored as a list (before the slots). Empty slots
 * are skipped; any other slot is listed, readable or not, so that nothing is dropped silently.
 */
export function storedHistoryItems(stored: unknown): { where: string; value: unknown }[] {
  if (Array.isArray(stored)) return stored.map((value, index) => ({ where: `${HISTORY_KEY}[${index}]`, value }));
  if (!isObject(stored)) return [];
  return HISTORY_SLOTS.filter((slot) => !isEmptySlot(stored[slot])).map((slot) => ({
    where: `${HISTORY_KEY}.${slot}`,
    value: stored[slot],
  }));
}

export function readRecoveryData(appMetadata: unknown): RecoveryData {
  const metadata = isObject(appMetadata) ? appMetadata : {};
  const problems: string[] = [];
  const history: HistoryEntry[] = [];
  const raw = metadata[HISTORY_KEY];
  if (raw !== undefined && (typeof raw !== 'object' || raw === null))
    problems.push(`app_metadata.${HISTORY_KEY} is neither slots nor a list`);
  for (const { where, value } of storedHistoryItems(raw)) {
    const read = readEntry(value);
    if ('entry' in read) history.push(read.entry);
    else problems.push(`app_metadata.${where} ${read.problem}`);
  }
  let notice: NoticeRecord | undefined;
  const rawNotice = metadata[NOTICE_KEY];
  if (rawNotice !== undefined) {
    if (
      isObject(rawNotice) &&
      typeof rawNotice.change_id === 'string' &&
      (rawNotice.status === 'sent' || rawNotice.status === 'failed') &&
      typeof rawNotice.at === 'string'
    ) {
      notice = rawNotice as unknown as NoticeRecord;
    } else {
      problems.push(`app_metadata.${NOTICE_KEY} is not {change_id, status: sent|failed, at}`);
    }
  }
  const rawLock = metadata[LOCKED_UNTIL_KEY];
  let lockedUntil: string | undefined;
  if (rawLock !== undefined) {
    if (typeof rawLock === 'string' && Number.isFinite(Date.parse(rawLock))) lockedUntil = rawLock;
    else problems.push(`app_metadata.${LOCKED_UNTIL_KEY} is not an ISO 8601 time`);
  }
  return { history, notice, lockedUntil, problems };
}
