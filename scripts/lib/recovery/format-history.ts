// What `npm run history` shows, from plain data: one line per change or revert, newest first, with
// the notice's fate resolved (actions/email-change/history.ts noticeStatusOf), then the lock. The
// entries are read-history.ts's: empty slots skipped, '' leaves absent (--json shows none of them).
import { type HistoryEntry, isLocked, noticeStatusOf } from '../../../actions/email-change/history';
import { readRecoveryData } from './read-history';
import type { RecoveryUser } from './plan-revert';

export type ShownEntry = (HistoryEntry & { kind: 'change'; notice: string }) | (HistoryEntry & { kind: 'revert' });

export interface HistoryReport {
  readonly user_id: string;
  readonly email: string | null;
  readonly entries: readonly ShownEntry[];
  readonly locked_until: string | null;
  readonly locked: boolean;
  readonly problems: readonly string[];
}

export function historyReport(user: RecoveryUser, nowMs: number): HistoryReport {
  const data = readRecoveryData(user.app_metadata);
  const entries = data.history.map((entry): ShownEntry =>
    entry.kind === 'change' ? { ...entry, notice: noticeStatusOf(entry, data.notice) } : entry,
  );
  return {
    user_id: user.user_id,
    email: user.email ?? null,
    entries,
    locked_until: data.lockedUntil ?? null,
    locked: isLocked(data.lockedUntil, nowMs),
    problems: data.problems,
  };
}

export function formatHistory(report: HistoryReport): string {
  const lines = [`User ${report.user_id} (${report.email ?? 'no email'})`];
  if (report.entries.length === 0) lines.push('  No email change recorded.');
  for (const entry of report.entries) {
    lines.push(
      entry.kind === 'change'
        ? `  ${entry.changed_at}  change  ${entry.change_id}  ${entry.previous_email} -> ${entry.new_email}  notice to old address: ${entry.notice}`
        : `  ${entry.reverted_at}  revert  ${entry.change_id}  ${entry.from_email || '(none)'} -> ${entry.restored_email}  by ${entry.by}`,
    );
  }
  for (const problem of report.problems) lines.push(`  Unreadable: ${problem}`);
  lines.push(
    report.locked
      ? `Email changes locked until ${report.locked_until}.`
      : report.locked_until
        ? `Email changes not locked (the lock ended at ${report.locked_until}).`
        : 'Email changes not locked.',
  );
  return lines.join('\n');
}
