// The revert's decisions from plain data: which change, already reverted, address taken, the PATCH.
// Histories are seeded as the flows write them (actions/email-change/history.ts): slots c1..c10,
// every leaf a string, '' where an entry's kind has no such field.
import {
  type ChangeEntry,
  HISTORY_FIELDS,
  NOTICE_KEY,
  HISTORY_KEY,
  HISTORY_SLOTS,
  type HistoryEntry,
  LOCKED_UNTIL_KEY,
  type RevertEntry,
  toStoredHistory,
} from '../../../../actions/email-change/history';
import { lookUpChange, planRevert, type RecoveryUser } from '../../../../scripts/lib/recovery/plan-revert';

const NOW = Date.parse('2025-03-01T00:00:00.000Z');
const ID = '11111111-1111-4111-8111-111111111111';
const change = (over: Partial<ChangeEntry> = {}): ChangeEntry => ({
  kind: 'change',
  change_id: ID,
  journey_id: 'j1',
  previous_email: 'Owner@Example.test',
  new_email: 'thief@evil.test',
  changed_at: '2025-02-28T00:00:00.000Z',
  old_address_notice: 'sent',
  ...over,
});
const revert: RevertEntry = {
  kind: 'revert',
  change_id: ID,
  reverted_at: '2025-02-28T10:00:00.000Z',
  restored_email: 'owner@example.test',
  from_email: 'thief@evil.test',
  by: 'me',
};
/** A slot as stored: every field of HISTORY_FIELDS, '' where the entry has none. */
const slot = (entry: Record<string, string> = {}): Record<string, string> =>
  Object.fromEntries(HISTORY_FIELDS.map((f) => [f, entry[f] ?? '']));
const EMPTY_SLOT = slot();
/** A user whose history, `history`, is stored in slots as the flows write it. */
const user = (
  history: unknown[],
  over: Partial<RecoveryUser> = {},
  metadata: Record<string, unknown> = {},
): RecoveryUser => ({
  user_id: 'auth0|u1',
  email: 'thief@evil.test',
  identities: [{ connection: 'db', provider: 'auth0' }],
  app_metadata: { [HISTORY_KEY]: toStoredHistory(history as HistoryEntry[]), ...metadata },
  ...over,
});
const options = { nowMs: NOW, lockDays: 7, by: 'npm run revert', holders: [] };

test('the seed is what the flows write: ten slots, every leaf a string', () => {
  const stored = user([change()]).app_metadata as Record<string, Record<string, Record<string, string>>>;
  expect(Object.keys(stored[HISTORY_KEY] ?? {})).toEqual([...HISTORY_SLOTS]);
  expect(stored[HISTORY_KEY]?.c1).toEqual({ ...change(), reverted_at: '', restored_email: '', from_email: '', by: '' });
  expect(stored[HISTORY_KEY]?.c2).toEqual(EMPTY_SLOT);
});

test.each([
  ['no history', user([]), 'refused', 'It has no recorded change.'],
  ['no history at all (no key)', { ...user([]), app_metadata: {} }, 'refused', 'It has no recorded change.'],
  ['another change only', user([change({ change_id: 'other' })]), 'refused', 'Its changes: other.'],
  [
    'reverted already',
    user([revert, change()]),
    'already-reverted',
    `change ${ID} was already reverted at 2025-02-28T10:00:00.000Z (restored owner@example.test); nothing was changed.`,
  ],
  ['revert kept though the change was dropped', user([revert]), 'already-reverted', 'was already reverted'],
  ['found', user([change()]), 'found', undefined],
  [
    'found further down',
    user([change({ change_id: 'newer' }), change({ change_id: 'newest' }), change()]),
    'found',
    undefined,
  ],
  [
    'found in a history stored as a list (before the slots)',
    { ...user([]), app_metadata: { [HISTORY_KEY]: [change()] } },
    'found',
    undefined,
  ],
])('lookUpChange: %s', (_name, u, kind, message) => {
  const result = lookUpChange(u, ID);
  expect(result.kind).toBe(kind);
  if (message !== undefined) expect((result as { message: string }).message).toContain(message);
});

test("lookUpChange: the change found has no '' fields (the slot's reverted_at, by, ... are absent)", () => {
  const result = lookUpChange(user([change()]), ID);
  expect(result.kind === 'found' && result.change).toEqual(change());
});

function found(u: RecoveryUser) {
  const lookup = lookUpChange(u, ID);
  if (lookup.kind !== 'found') throw new Error(lookup.message);
  return lookup;
}

test.each([
  [
    'a social user',
    user([change()], { identities: [{ connection: 'google-oauth2', provider: 'google-oauth2' }] }),
    [],
    'signs in with google-oauth2',
  ],
  [
    'the address held by another account',
    user([change()]),
    [{ user_id: 'auth0|u2', connection: 'db' }],
    'belongs to another account now (auth0|u2 (db))',
  ],
])('planRevert refuses %s', (_name, u, holders, message) => {
  const result = planRevert(u, found(u), { ...options, holders });
  expect(result.kind).toBe('refused');
  expect((result as { message: string }).message).toContain(message);
  expect((result as { message: string }).message).toContain('nothing was changed');
});

test('planRevert: one PATCH with the address in lower case, verified, the revert first in slot c1, every slot written, the lock', () => {
  const u = user([change()]);
  const plan = planRevert(u, found(u), { ...options, holders: [{ user_id: 'auth0|u1' }] });
  if (plan.kind !== 'revert') throw new Error(plan.message);
  expect(plan.patch).toEqual({
    email: 'owner@example.test',
    email_verified: true,
    verify_email: false,
    connection: 'db',
    app_metadata: {
      [HISTORY_KEY]: {
        c1: slot({
          kind: 'revert',
          change_id: ID,
          reverted_at: '2025-03-01T00:00:00.000Z',
          restored_email: 'owner@example.test',
          from_email: 'thief@evil.test',
          by: 'npm run revert',
        }),
        c2: slot({ ...change() }),
        ...Object.fromEntries(HISTORY_SLOTS.slice(2).map((s) => [s, EMPTY_SLOT])),
      },
      [LOCKED_UNTIL_KEY]: '2025-03-08T00:00:00.000Z',
    },
  });
  // What the next change's flow copies leaf by leaf: text only.
  const written = plan.patch.app_metadata[HISTORY_KEY] as Record<string, Record<string, unknown>>;
  expect(
    Object.values(written)
      .flatMap((s) => Object.values(s))
      .every((leaf) => typeof leaf === 'string'),
  ).toBe(true);
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
  const history = [
    { kind: 'unknown' },
    change(),
    ...Array.from({ length: 8 }, (_, i) => change({ change_id: `old-${i}` })),
  ];
  const u = user(history, { email: 'later@evil.test' });
  const plan = planRevert(u, found(u), options);
  if (plan.kind !== 'revert') throw new Error(plan.message);
  const written = plan.patch.app_metadata[HISTORY_KEY] as Record<string, Record<string, string>>;
  expect(Object.keys(written)).toEqual([...HISTORY_SLOTS]);
  expect(written.c1).toMatchObject({ kind: 'revert', from_email: 'later@evil.test' });
  expect(written.c2).toEqual(slot({ kind: 'unknown' }));
  expect(written.c3).toEqual(slot({ ...change() }));
  expect(written.c10).toEqual(slot({ ...change({ change_id: 'old-6' }) }));
  expect(plan.lines.join('\n')).toContain(
    "the account's address changed again since (to later@evil.test, not thief@evil.test)",
  );
});

test('planRevert carries a history stored as a list into slots, and skips empty slots rather than keeping them in place', () => {
  const listed = { ...user([]), app_metadata: { [HISTORY_KEY]: [change(), change({ change_id: 'older' })] } };
  const fromList = planRevert(listed, found(listed), options);
  if (fromList.kind !== 'revert') throw new Error(fromList.message);
  const fromListHistory = fromList.patch.app_metadata[HISTORY_KEY] as Record<string, Record<string, string>>;
  expect([
    fromListHistory.c1?.kind,
    fromListHistory.c2?.change_id,
    fromListHistory.c3?.change_id,
    fromListHistory.c4,
  ]).toEqual(['revert', ID, 'older', EMPTY_SLOT]);

  // A hole (c1 empty, as no flow writes it, but a hand edit could): the entries move up.
  const holed = { ...user([]), app_metadata: { [HISTORY_KEY]: { c1: EMPTY_SLOT, c2: slot({ ...change() }) } } };
  const plan = planRevert(holed, found(holed), options);
  if (plan.kind !== 'revert') throw new Error(plan.message);
  const written = plan.patch.app_metadata[HISTORY_KEY] as Record<string, Record<string, string>>;
  expect([written.c1?.kind, written.c2?.change_id, written.c3]).toEqual(['revert', ID, EMPTY_SLOT]);
});

test('planRevert of an account with no address: from_email is "", and the revert reads back as a revert', () => {
  const { email: _email, ...u } = user([change()]);
  const plan = planRevert(u, found(u), options);
  if (plan.kind !== 'revert') throw new Error(plan.message);
  expect((plan.patch.app_metadata[HISTORY_KEY] as Record<string, Record<string, string>>).c1).toMatchObject({
    kind: 'revert',
    from_email: '',
  });
  const after = { ...u, app_metadata: plan.patch.app_metadata };
  expect(lookUpChange(after, ID)).toMatchObject({ kind: 'already-reverted' });
});

test("planRevert writes the notice's fate into a change still 'pending': the notice record holds the last notice only", () => {
  const u = user(
    [change({ old_address_notice: 'pending' }), change({ change_id: 'older', old_address_notice: 'pending' })],
    {},
    { [NOTICE_KEY]: { change_id: ID, status: 'sent', at: 't' } },
  );
  const plan = planRevert(u, found(u), options);
  if (plan.kind !== 'revert') throw new Error(plan.message);
  const written = plan.patch.app_metadata[HISTORY_KEY] as Record<string, Record<string, string>>;
  expect([written.c2?.old_address_notice, written.c3?.old_address_notice]).toEqual(['sent', 'pending']);
});
