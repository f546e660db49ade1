// Reads the recovery data out of a user's app_metadata (actions/email-change/history.ts), checking
// every entry: an entry that does not have the contract's shape is reported, never dropped
// silently, so that support sees when the history was written by something else.
import {
  type ChangeEntry,
  HISTORY_KEY,
  storedEntries,
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
  /** What could not be read, in words (entry index and what is wrong). */
  readonly problems: readonly string[];
}

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);

function missingStrings(entry: Fields, names: readonly string[]): string[] {
  return names.filter((name) => typeof entry[name] !== 'string' || entry[name] === '');
}

function readEntry(value: unknown): { entry: HistoryEntry } | { problem: string } {
  if (!isObject(value)) return { problem: 'is not an object' };
  if (value.kind === 'change') {
    const missing = missingStrings(value, ['change_id', 'journey_id', 'previous_email', 'new_email', 'changed_at']);
    if (missing.length > 0) return { problem: `is a change without ${missing.join(', ')}` };
    if (!['pending', 'sent', 'failed'].includes(value.old_address_notice as string)) {
      return { problem: 'is a change whose old_address_notice is not pending, sent or failed' };
    }
    return { entry: value as unknown as ChangeEntry };
  }
  if (value.kind === 'revert') {
    const missing = missingStrings(value, ['change_id', 'reverted_at', 'restored_email', 'from_email', 'by']);
    if (missing.length > 0) return { problem: `is a revert without ${missing.join(', ')}` };
    return { entry: value as unknown as RevertEntry };
  }
  return { problem: `has kind ${JSON.stringify(value.kind)}, neither "change" nor "revert"` };
}

export function readRecoveryData(appMetadata: unknown): RecoveryData {
  const metadata = isObject(appMetadata) ? appMetadata : {};
  const problems: string[] = [];
  const history: HistoryEntry[] = [];
  const raw = metadata[HISTORY_KEY];
  if (raw !== undefined && (typeof raw !== 'object' || raw === null)) problems.push(`app_metadata.${HISTORY_KEY} is neither slots nor a list`);
  for (const [index, value] of storedEntries(raw).entries()) {
    const read = readEntry(value);
    if ('entry' in read) history.push(read.entry);
    else problems.push(`app_metadata.${HISTORY_KEY}[${index}] ${read.problem}`);
  }
  let notice: NoticeRecord | undefined;
  const rawNotice = metadata[NOTICE_KEY];
  if (rawNotice !== undefined) {
    if (isObject(rawNotice) && typeof rawNotice.change_id === 'string' && (rawNotice.status === 'sent' || rawNotice.status === 'failed') && typeof rawNotice.at === 'string') {
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
