// The recovery contract's helpers (actions/email-change/history.ts), shared by the Action, the flows and the scripts.
import {
  type ChangeEntry,
  HISTORY_FIELDS,
  HISTORY_SLOTS,
  isLocked,
  MAX_HISTORY_ENTRIES,
  noticeStatusOf,
  prependEntry,
  type RevertEntry,
  storedEntries,
  toStoredHistory,
} from '../../../actions/email-change/history';

const change = (id: string): ChangeEntry => ({
  kind: 'change',
  change_id: id,
  journey_id: 'j',
  previous_email: 'a@x.test',
  new_email: 'b@x.test',
  changed_at: 't',
  old_address_notice: 'pending',
});

test('prependEntry: newest first, at most MAX_HISTORY_ENTRIES', () => {
  const full = Array.from({ length: MAX_HISTORY_ENTRIES }, (_, i) => change(`c${i}`));
  const next = prependEntry(full, change('new'));
  expect(next.map((e) => e.change_id)).toEqual([
    'new',
    ...full.slice(0, MAX_HISTORY_ENTRIES - 1).map((e) => e.change_id),
  ]);
  expect(full).toHaveLength(MAX_HISTORY_ENTRIES);
});

test.each([
  [undefined, 'pending'],
  [{ change_id: 'c1', status: 'failed', at: 't' } as const, 'failed'],
  [{ change_id: 'c2', status: 'sent', at: 't' } as const, 'pending'],
])('noticeStatusOf(%j)', (notice, status) => {
  expect(noticeStatusOf(change('c1'), notice)).toBe(status);
});

test.each([
  [undefined, false],
  [null, false],
  ['not a time', true],
  [42, true],
  ['2025-01-01T00:00:00.001Z', true],
  ['2025-01-01T00:00:00.000Z', false],
])('isLocked(%j) at 2025-01-01T00:00:00.000Z: %s', (until, locked) => {
  expect(isLocked(until, Date.parse('2025-01-01T00:00:00.000Z'))).toBe(locked);
});

test('toStoredHistory: slots c1 (newest) to c10, every field of HISTORY_FIELDS a string, "" where the entry has none', () => {
  const revert: RevertEntry = {
    kind: 'revert',
    change_id: 'c1',
    reverted_at: 't2',
    restored_email: 'a@x.test',
    from_email: 'b@x.test',
    by: 'me',
  };
  const stored = toStoredHistory([revert, change('c1')]);
  expect(Object.keys(stored)).toEqual([...HISTORY_SLOTS]);
  expect(HISTORY_SLOTS).toHaveLength(MAX_HISTORY_ENTRIES);
  for (const slot of Object.values(stored)) expect(Object.keys(slot)).toEqual([...HISTORY_FIELDS]);
  expect(stored.c1).toMatchObject({
    ...revert,
    journey_id: '',
    previous_email: '',
    new_email: '',
    changed_at: '',
    old_address_notice: '',
  });
  expect(stored.c2).toMatchObject({ ...change('c1'), reverted_at: '', restored_email: '', from_email: '', by: '' });
  expect(Object.values(stored.c3 ?? {}).every((leaf) => leaf === '')).toBe(true);
});

test('storedEntries: the non-empty slots newest first, or a list as it is', () => {
  const stored = toStoredHistory([change('a'), change('b')]);
  expect(storedEntries(stored).map((e) => (e as ChangeEntry).change_id)).toEqual(['a', 'b']);
  expect(storedEntries([change('x')])).toEqual([change('x')]);
  expect([storedEntries(undefined), storedEntries('x'), storedEntries({})]).toEqual([[], [], []]);
});
