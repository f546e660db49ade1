// npm run history's lines and JSON from plain data, and the reading of app_metadata behind them.
// Histories are seeded as the flows write them (actions/email-change/history.ts): slots c1..c10,
// every leaf a string, '' where an entry's kind has no such field.
import {
  HISTORY_FIELDS,
  HISTORY_KEY,
  type HistoryEntry,
  LOCKED_UNTIL_KEY,
  NOTICE_KEY,
  toStoredHistory,
} from '../../../../actions/email-change/history';
import { formatHistory, historyReport } from '../../../../scripts/lib/recovery/format-history';
import { readEntry, readRecoveryData } from '../../../../scripts/lib/recovery/read-history';

const NOW = Date.parse('2025-03-01T00:00:00.000Z');
const change = (id: string, notice: string) => ({
  kind: 'change',
  change_id: id,
  journey_id: 'j',
  previous_email: 'a@x.test',
  new_email: 'b@x.test',
  changed_at: '2025-02-01T00:00:00.000Z',
  old_address_notice: notice,
});
const revert = (id: string) => ({
  kind: 'revert',
  change_id: id,
  reverted_at: '2025-02-02T00:00:00.000Z',
  restored_email: 'a@x.test',
  from_email: 'b@x.test',
  by: 'support',
});
/** The history as the flows store it. */
const slots = (...entries: Record<string, unknown>[]) => toStoredHistory(entries as unknown as HistoryEntry[]);
/** One slot as stored: every field of HISTORY_FIELDS, '' where the entry has none. */
const slot = (entry: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(HISTORY_FIELDS.map((f) => [f, entry[f] ?? '']));

test.each([
  ['pending, notice for it sent', 'pending', { change_id: 'c1', status: 'sent', at: 't' }, 'sent'],
  ['pending, notice for it failed', 'pending', { change_id: 'c1', status: 'failed', at: 't' }, 'failed'],
  ['pending, notice for another change', 'pending', { change_id: 'c2', status: 'sent', at: 't' }, 'pending'],
  ['own status wins over the notice', 'failed', { change_id: 'c1', status: 'sent', at: 't' }, 'failed'],
  ['pending, no notice', 'pending', undefined, 'pending'],
])('notice shown: %s', (_name, own, notice, shown) => {
  const report = historyReport(
    {
      user_id: 'u',
      app_metadata: { [HISTORY_KEY]: slots(change('c1', own)), ...(notice ? { [NOTICE_KEY]: notice } : {}) },
    },
    NOW,
  );
  expect(report.entries[0]).toMatchObject({ kind: 'change', notice: shown });
});

test("a change and its revert as stored: one line each, newest first; empty slots are no entries; the JSON has no '' fields", () => {
  const report = historyReport(
    { user_id: 'u', email: 'a@x.test', app_metadata: { [HISTORY_KEY]: slots(revert('id-1'), change('id-1', 'sent')) } },
    NOW,
  );
  expect(report.problems).toEqual([]);
  expect(report.entries).toEqual([revert('id-1'), { ...change('id-1', 'sent'), notice: 'sent' }]);
  expect(formatHistory(report).split('\n')).toEqual([
    'User u (a@x.test)',
    '  2025-02-02T00:00:00.000Z  revert  id-1  b@x.test -> a@x.test  by support',
    '  2025-02-01T00:00:00.000Z  change  id-1  a@x.test -> b@x.test  notice to old address: sent',
    'Email changes not locked.',
  ]);
});

test('a history stored as a list (before the slots) reads the same', () => {
  const report = historyReport(
    { user_id: 'u', app_metadata: { [HISTORY_KEY]: [revert('id-1'), change('id-1', 'sent')] } },
    NOW,
  );
  expect([report.entries, report.problems]).toEqual([
    [revert('id-1'), { ...change('id-1', 'sent'), notice: 'sent' }],
    [],
  ]);
});

test("readEntry: a change whose other kind's fields are '' is a change, without them", () => {
  expect(readEntry(slot(change('c', 'pending')))).toEqual({ entry: change('c', 'pending') });
  expect(readEntry({ ...slot(change('c', 'pending')), reverted_at: '', by: '', extra: '' })).toEqual({
    entry: change('c', 'pending'),
  });
  expect(readEntry(slot(revert('c')))).toEqual({ entry: revert('c') });
});

test("readEntry: a required field that is '' is missing; a revert of an account that had no address is a revert", () => {
  expect(readEntry(slot({ ...change('c', 'sent'), journey_id: '' }))).toEqual({
    problem: 'is a change without journey_id',
  });
  expect(readEntry(slot({ ...change('c', 'sent'), old_address_notice: '' }))).toEqual({
    problem: 'is a change whose old_address_notice is not pending, sent or failed',
  });
  expect(readEntry(slot({ ...revert('c'), from_email: '' }))).toEqual({ entry: { ...revert('c'), from_email: '' } });
  const text = formatHistory(
    historyReport({ user_id: 'u', app_metadata: { [HISTORY_KEY]: slots({ ...revert('c'), from_email: '' }) } }, NOW),
  );
  expect(text).toContain('  2025-02-02T00:00:00.000Z  revert  c  (none) -> a@x.test  by support');
});

test.each([
  ['no lock', undefined, 'Email changes not locked.'],
  ['a lock ahead', '2025-03-05T00:00:00.000Z', 'Email changes locked until 2025-03-05T00:00:00.000Z.'],
  [
    'an ended lock',
    '2025-02-05T00:00:00.000Z',
    'Email changes not locked (the lock ended at 2025-02-05T00:00:00.000Z).',
  ],
])('lock line: %s', (_name, until, line) => {
  const text = formatHistory(
    historyReport({ user_id: 'u', email: 'a@x.test', app_metadata: until ? { [LOCKED_UNTIL_KEY]: until } : {} }, NOW),
  );
  expect(text.split('\n')).toEqual(['User u (a@x.test)', '  No email change recorded.', line]);
});

test('only empty slots: no email change recorded', () => {
  const text = formatHistory(
    historyReport({ user_id: 'u', email: 'a@x.test', app_metadata: { [HISTORY_KEY]: slots() } }, NOW),
  );
  expect(text.split('\n')).toEqual(['User u (a@x.test)', '  No email change recorded.', 'Email changes not locked.']);
});

test.each([
  ['neither slots nor a list', { [HISTORY_KEY]: 'x' }, 'app_metadata.email_change_history is neither slots nor a list'],
  [
    'an entry of another kind, named by its slot',
    { [HISTORY_KEY]: slots(change('c', 'sent'), { kind: 'other' }) },
    'app_metadata.email_change_history.c2 has kind "other"',
  ],
  [
    'a slot with leaves but no kind',
    { [HISTORY_KEY]: { c1: slot({ change_id: 'c' }) } },
    'app_metadata.email_change_history.c1 has kind "", neither',
  ],
  [
    'a slot that is not an object',
    { [HISTORY_KEY]: { c3: 'x' } },
    'app_metadata.email_change_history.c3 is not an object',
  ],
  [
    'an entry of a list, named by its index',
    { [HISTORY_KEY]: [change('c', 'sent'), { kind: 'other' }] },
    'app_metadata.email_change_history[1] has kind "other"',
  ],
  [
    'a change without its id',
    { [HISTORY_KEY]: slots({ ...change('c', 'sent'), change_id: '' }) },
    'is a change without change_id',
  ],
  [
    'a bad notice status',
    { [HISTORY_KEY]: slots(change('c', 'maybe')) },
    'old_address_notice is not pending, sent or failed',
  ],
  ['a revert without by', { [HISTORY_KEY]: slots({ ...revert('c'), by: '' }) }, 'is a revert without by'],
  ['a bad lock', { [LOCKED_UNTIL_KEY]: 'soon' }, 'email_change_locked_until is not an ISO 8601 time'],
  ['a bad notice', { [NOTICE_KEY]: { status: 'sent' } }, 'email_change_notice is not'],
])('readRecoveryData reports %s, never drops it silently', (_name, metadata, problem) => {
  const data = readRecoveryData(metadata);
  expect(data.problems).toEqual([expect.stringContaining(problem)]);
  expect(formatHistory(historyReport({ user_id: 'u', app_metadata: metadata }, NOW))).toContain(
    `Unreadable: ${data.problems[0] as string}`,
  );
});
