// The recovery contract's helpers (actions/email-change/history.ts), shared by the Action, the flows and the scripts.
import { type ChangeEntry, isLocked, MAX_HISTORY_ENTRIES, noticeStatusOf, prependEntry } from '../../../actions/email-change/history';

const change = (id: string): ChangeEntry => ({
  kind: 'change', change_id: id, journey_id: 'j', previous_email: 'a@x.test', new_email: 'b@x.test', changed_at: 't', old_address_notice: 'pending',
});

test('prependEntry: newest first, at most MAX_HISTORY_ENTRIES', () => {
  const full = Array.from({ length: MAX_HISTORY_ENTRIES }, (_, i) => change(`c${i}`));
  const next = prependEntry(full, change('new'));
  expect(next.map((e) => e.change_id)).toEqual(['new', ...full.slice(0, MAX_HISTORY_ENTRIES - 1).map((e) => e.change_id)]);
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
  ['not a time', false],
  [42, false],
  ['2025-01-01T00:00:00.001Z', true],
  ['2025-01-01T00:00:00.000Z', false],
])('isLocked(%j) at 2025-01-01T00:00:00.000Z: %s', (until, locked) => {
  expect(isLocked(until, Date.parse('2025-01-01T00:00:00.000Z'))).toBe(locked);
});
