// The contract's readings of app_metadata, with a fixed clock.
import { codesSentToday } from '../../../actions/email-change/contract';

const NOW_MS = Date.UTC(2026, 10, 21, 12, 0, 0);

test("codes sent today (UTC) count, one per x; yesterday's do not", () => {
  expect(codesSentToday({ email_change_sends: { day: '2026-11-21', count: 'xxx' } }, NOW_MS)).toBe(3);
  expect(codesSentToday({ email_change_sends: { day: '2026-11-20', count: 'xxxxxxxxxx' } }, NOW_MS)).toBe(0);
});

test('no sends, or sends in a shape the flow never writes, count as none', () => {
  expect(codesSentToday(undefined, NOW_MS)).toBe(0);
  expect(codesSentToday({}, NOW_MS)).toBe(0);
  expect(codesSentToday({ email_change_sends: { day: '2026-11-21', count: 3 } }, NOW_MS)).toBe(0);
  expect(codesSentToday({ email_change_sends: 'xxx' }, NOW_MS)).toBe(0);
});
