// The revert's decisions from plain data: which change, already reverted, address taken, the PATCH.
import { type ChangeEntry, HISTORY_KEY, LOCKED_UNTIL_KEY, MAX_HISTORY_ENTRIES, type RevertEntry } from '../../../../actions/email-change/history';
import { lookUpChange, planRevert, type RecoveryUser } from '../../../../scripts/lib/recovery/plan-revert';

const NOW = Date.parse('2025-03-01T00:00:00.000Z');
const ID = '11111111-1111-4111-8111-111111111111';
const change = (over: Partial<ChangeEntry> = {}): ChangeEntry => ({
  kind: 'change', change_id: ID, journey_id: 'j1', previous_email: 'Owner@Example.test', new_email: 'thief@evil.test',
  changed_at: '2025-02-28T00:00:00.000Z', old_address_notice: 'sent', ...over,
});
const revert: RevertEntry = { kind: 'revert', change_id: ID, reverted_at: '2025-02-28T10:00:00.000Z', restored_email: 'owner@example.test', from_email: 'thief@evil.test', by: 'me' };
const user = (history: unknown[], over: Partial<RecoveryUser> = {}, metadata: Record<string, unknown> = {}): RecoveryUser => ({
  user_id: 'auth0|u1', email: 'thief@evil.test', identities: [{ connection: 'db', provider: 'auth0' }],
  app_metadata: { [HISTORY_KEY]: history, ...metadata }, ...over,
});
const options = { nowMs: NOW, lockDays: 7, by: 'npm run revert', holders: [] };

test.each([
  ['no history', user([]), 'refused', 'It has no recorded change.'],
  ['another change only', user([change({ change_id: 'other' })]), 'refused', 'Its changes: other.'],
  ['reverted already', user([revert, change()]), 'already-reverted', `change ${ID} was already reverted at 2025-02-28T10:00:00.000Z (restored owner@example.test); nothing was changed.`],
  ['revert kept though the change was dropped', user([revert]), 'already-reverted', 'was already reverted'],
  ['found', user([change()]), 'found', undefined],
])('lookUpChange: %s', (_name, u, kind, message) => {
  const result = lookUpChange(u, ID);
  expect(result.kind).toBe(kind);
  if (message !== undefined) expect((result as { message: string }).message).toContain(message);
});

function found(u: RecoveryUser) {
  const lookup = lookUpChange(u, ID);
  if (lookup.kind !== 'found') throw new Error(lookup.message);
  return lookup;
}

test.each([
  ['a social user', user([change()], { identities: [{ connection: 'google-oauth2', provider: 'google-oauth2' }] }), [], 'signs in with google-oauth2'],
  ['the address held by another account', user([change()]), [{ user_id: 'auth0|u2', connection: 'db' }], 'belongs to another account now (auth0|u2 (db))'],
])('planRevert refuses %s', (_name, u, holders, message) => {
  const result = planRevert(u, found(u), { ...options, holders });
  expect(result.kind).toBe('refused');
  expect((result as { message: string }).message).toContain(message);
  expect((result as { message: string }).message).toContain('nothing was changed');
});

test('planRevert: one PATCH with the address in lower case, verified, the revert first, the lock', () => {
  const u = user([change()]);
  const plan = planRevert(u, found(u), { ...options, holders: [{ user_id: 'auth0|u1' }] });
  if (plan.kind !== 'revert') throw new Error(plan.message);
  expect(plan.patch).toEqual({
    email: 'owner@example.test',
    email_verified: true,
    verify_email: false,
    connection: 'db',
    app_metadata: {
      [HISTORY_KEY]: [
        { kind: 'revert', change_id: ID, reverted_at: '2025-03-01T00:00:00.000Z', restored_email: 'owner@example.test', from_email: 'thief@evil.test', by: 'npm run revert' },
        change(),
      ],
      [LOCKED_UNTIL_KEY]: '2025-03-08T00:00:00.000Z',
    },
  });
});

test.each([
  ['no lock', undefined, '2025-03-08T00:00:00.000Z'],
  ['an ended lock', '2025-01-01T00:00:00.000Z', '2025-03-08T00:00:00.000Z'],
  ['a longer lock is kept', '2025-06-01T00:00:00.000Z', '2025-06-01T00:00:00.000Z'],
])('planRevert lock: %s', (_name, existing, expected) => {
  const u = user([change()], {}, existing === undefined ? {} : { [LOCKED_UNTIL_KEY]: existing });
  const plan = planRevert(u, found(u), options);
  expect(plan.kind === 'revert' && plan.lockedUntil).toBe(expected);
});

test('planRevert keeps at most 10 entries, entries it cannot read included, and notes a later change', () => {
  const history = [{ kind: 'unknown' }, change(), ...Array.from({ length: 12 }, (_, i) => change({ change_id: `old-${i}` }))];
  const u = user(history, { email: 'later@evil.test' });
  const plan = planRevert(u, found(u), options);
  if (plan.kind !== 'revert') throw new Error(plan.message);
  const written = plan.patch.app_metadata[HISTORY_KEY] as unknown[];
  expect(written).toHaveLength(MAX_HISTORY_ENTRIES);
  expect(written[1]).toEqual({ kind: 'unknown' });
  expect(plan.lines.join('\n')).toContain("the account's address changed again since (to later@evil.test, not thief@evil.test)");
});
