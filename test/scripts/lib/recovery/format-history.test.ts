// npm run history's lines and JSON from plain data, and the reading of app_metadata behind them.
import { HISTORY_KEY, LOCKED_UNTIL_KEY, NOTICE_KEY } from '../../../../actions/email-change/history';
import { formatHistory, historyReport } from '../../../../scripts/lib/recovery/format-history';
import { readRecoveryData } from '../../../../scripts/lib/recovery/read-history';

const NOW = Date.parse('2025-03-01T00:00:00.000Z');
const change = (id: string, notice: string) => ({
  kind: 'change', change_id: id, journey_id: 'j', previous_email: 'a@x.test', new_email: 'b@x.test', changed_at: '2025-02-01T00:00:00.000Z', old_address_notice: notice,
});

test.each([
  ['pending, notice for it sent', 'pending', { change_id: 'c1', status: 'sent', at: 't' }, 'sent'],
  ['pending, notice for it failed', 'pending', { change_id: 'c1', status: 'failed', at: 't' }, 'failed'],
  ['pending, notice for another change', 'pending', { change_id: 'c2', status: 'sent', at: 't' }, 'pending'],
  ['own status wins over the notice', 'failed', { change_id: 'c1', status: 'sent', at: 't' }, 'failed'],
  ['pending, no notice', 'pending', undefined, 'pending'],
])('notice shown: %s', (_name, own, notice, shown) => {
  const report = historyReport({ user_id: 'u', app_metadata: { [HISTORY_KEY]: [change('c1', own)], ...(notice ? { [NOTICE_KEY]: notice } : {}) } }, NOW);
  expect(report.entries[0]).toMatchObject({ kind: 'change', notice: shown });
});

test.each([
  ['no lock', undefined, 'Email changes not locked.'],
  ['a lock ahead', '2025-03-05T00:00:00.000Z', 'Email changes locked until 2025-03-05T00:00:00.000Z.'],
  ['an ended lock', '2025-02-05T00:00:00.000Z', 'Email changes not locked (the lock ended at 2025-02-05T00:00:00.000Z).'],
])('lock line: %s', (_name, until, line) => {
  const text = formatHistory(historyReport({ user_id: 'u', email: 'a@x.test', app_metadata: until ? { [LOCKED_UNTIL_KEY]: until } : {} }, NOW));
  expect(text.split('\n')).toEqual(['User u (a@x.test)', '  No email change recorded.', line]);
});

test.each([
  ['not an array', { [HISTORY_KEY]: 'x' }, 'app_metadata.email_change_history is not an array'],
  ['an entry of another kind', { [HISTORY_KEY]: [{ kind: 'other' }] }, 'app_metadata.email_change_history[0] has kind "other"'],
  ['a change without its id', { [HISTORY_KEY]: [{ ...change('c', 'sent'), change_id: undefined }] }, 'is a change without change_id'],
  ['a bad notice status', { [HISTORY_KEY]: [change('c', 'maybe')] }, 'old_address_notice is not pending, sent or failed'],
  ['a revert without by', { [HISTORY_KEY]: [{ kind: 'revert', change_id: 'c', reverted_at: 't', restored_email: 'a', from_email: 'b' }] }, 'is a revert without by'],
  ['a bad lock', { [LOCKED_UNTIL_KEY]: 'soon' }, 'email_change_locked_until is not an ISO 8601 time'],
  ['a bad notice', { [NOTICE_KEY]: { status: 'sent' } }, 'email_change_notice is not'],
])('readRecoveryData reports %s, never drops it silently', (_name, metadata, problem) => {
  const data = readRecoveryData(metadata);
  expect(data.problems).toEqual([expect.stringContaining(problem)]);
  expect(formatHistory(historyReport({ user_id: 'u', app_metadata: metadata }, NOW))).toContain(`Unreadable: ${data.problems[0] as string}`);
});
