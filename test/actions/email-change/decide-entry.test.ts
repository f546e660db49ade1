// The entry decision with a fixed clock and a fixed journey id: exact boundaries.
import { decideEntry, freshMinutes, pickLocale, recentChanges } from '../../../actions/email-change/decide-entry';
import type { PostLoginEvent } from '../../../actions/email-change/post-login-types';
import { readSettings } from '../../../actions/email-change/settings';
import { FLOW_VARS } from '../../../forms/journey-vars';

const NOW_MS = Date.UTC(2026, 10, 21, 12, 0, 0);
const deps = { nowMs: NOW_MS, newJourneyId: () => 'journey-1' };
const settings = readSettings({
  EMAIL_CHANGE_FORM_ID: 'ap_form',
  MAX_AUTH_AGE_SECONDS: '300',
  MAX_CHANGES_PER_DAY: '3',
});

interface EventOverrides {
  methods?: { name: string; timestamp: string; type?: string }[];
  factors?: { type: string }[];
  appMetadata?: Record<string, unknown>;
  query?: Record<string, string>;
}

function event(overrides: EventOverrides = {}): PostLoginEvent {
  return {
    request: { query: overrides.query ?? { email_change: 'true', max_age: '0' } },
    transaction: { protocol: 'oidc-basic-profile' },
    connection: { strategy: 'auth0' },
    user: {
      user_id: 'auth0|1',
      email: 'a@example.test',
      identities: [{ provider: 'auth0' }],
      app_metadata: overrides.appMetadata ?? {},
      enrolledFactors: overrides.factors ?? [],
    },
    authentication: {
      methods: overrides.methods ?? [{ name: 'pwd', timestamp: new Date(NOW_MS - 10_000).toISOString() }],
    },
    secrets: {},
  };
}

const at = (msAgo: number) => new Date(NOW_MS - msAgo).toISOString();

test('a sign-in exactly MAX_AUTH_AGE_SECONDS old is fresh; one millisecond more is not', () => {
  expect(decideEntry(event({ methods: [{ name: 'pwd', timestamp: at(300_000) }] }), settings, deps).kind).toBe(
    'render',
  );
  expect(decideEntry(event({ methods: [{ name: 'pwd', timestamp: at(300_001) }] }), settings, deps)).toEqual({
    kind: 'deny',
    reason: 'email_change_reauthentication_required',
  });
});

test('a method with an unreadable timestamp does not count as a sign-in', () => {
  expect(decideEntry(event({ methods: [{ name: 'pwd', timestamp: 'yesterday' }] }), settings, deps)).toEqual({
    kind: 'deny',
    reason: 'email_change_reauthentication_required',
  });
});

test('an MFA at the very time of a sign-in exactly MAX_AUTH_AGE_SECONDS old counts; one a millisecond before the sign-in does not', () => {
  const methods = (mfaAgo: number) => [
    { name: 'pwd', timestamp: at(300_000) },
    { name: 'mfa', type: 'otp', timestamp: at(mfaAgo) },
  ];
  expect(decideEntry(event({ methods: methods(300_000), factors: [{ type: 'otp' }] }), settings, deps).kind).toBe(
    'render',
  );
  expect(decideEntry(event({ methods: methods(300_001), factors: [{ type: 'otp' }] }), settings, deps)).toEqual({
    kind: 'deny',
    reason: 'email_change_mfa_required',
  });
});

test("renders with the injected journey id and the sign-in's values; every var the flows keep starts empty; writes nothing to the user", () => {
  const decision = decideEntry(event(), settings, deps);
  expect(decision).toMatchObject({
    kind: 'render',
    formId: 'ap_form',
    journeyMetadata: { key: 'email_change_journey_id', value: 'journey-1' },
  });
  if (decision.kind !== 'render') throw new Error('expected a render');
  const { user_id, current_email, locale, journey_id, password_reset_at, fresh_minutes, ...flowVars } = decision.vars;
  expect({ user_id, current_email, locale, journey_id, password_reset_at, fresh_minutes }).toEqual({
    user_id: 'auth0|1',
    current_email: 'a@example.test',
    locale: 'en',
    journey_id: 'journey-1',
    password_reset_at: '',
    fresh_minutes: ['2026-11-21T11:59', '2026-11-21T12:00', '2026-11-21T12:01', '2026-11-21T12:02', '2026-11-21T12:03'],
  });
  // The flows read these before they first write them (forms/journey-vars.ts): each must be there, as ''.
  const readBeforeWritten = [
    FLOW_VARS.pendingEmail,
    FLOW_VARS.sends,
    FLOW_VARS.wrongCodes,
    FLOW_VARS.codeNotice,
    FLOW_VARS.verifyState,
    FLOW_VARS.outcome,
    'none',
  ];
  expect(Object.keys(flowVars)).toEqual(expect.arrayContaining(readBeforeWritten));
  expect(Object.values(flowVars).filter((value) => value !== '')).toEqual([]);
});

test.each([
  ['no max_age nor prompt', { email_change: 'true' }],
  ['max_age=300', { email_change: 'true', max_age: '300' }],
  ['prompt=consent', { email_change: 'true', prompt: 'consent' }],
])('a request that did not demand a fresh sign-in (%s) is refused, however fresh the session', (_name, query) => {
  expect(decideEntry(event({ query }), settings, deps)).toEqual({
    kind: 'deny',
    reason: 'email_change_reauthentication_required',
  });
});

test('prompt=login demands a fresh sign-in as max_age=0 does', () => {
  expect(decideEntry(event({ query: { email_change: 'true', prompt: 'login' } }), settings, deps).kind).toBe('render');
  expect(decideEntry(event({ query: { email_change: 'true', prompt: 'login consent' } }), settings, deps).kind).toBe(
    'render',
  );
});

test('an MFA from before this sign-in does not count, however recent', () => {
  const methods = [
    { name: 'mfa', type: 'otp', timestamp: at(20_000) },
    { name: 'pwd', timestamp: at(10_000) },
  ];
  expect(decideEntry(event({ methods, factors: [{ type: 'otp' }] }), settings, deps)).toEqual({
    kind: 'deny',
    reason: 'email_change_mfa_required',
  });
  const after = [...methods, { name: 'mfa', type: 'otp', timestamp: at(5_000) }];
  expect(decideEntry(event({ methods: after, factors: [{ type: 'otp' }] }), settings, deps).kind).toBe('render');
});

test("the minutes from the sign-in's to the last one that ends within the freshness limit", () => {
  expect(freshMinutes(Date.UTC(2026, 0, 1, 10, 0, 0), 300)).toEqual([
    '2026-01-01T10:00',
    '2026-01-01T10:01',
    '2026-01-01T10:02',
    '2026-01-01T10:03',
    '2026-01-01T10:04',
  ]);
  expect(freshMinutes(Date.UTC(2026, 0, 1, 10, 0, 59), 300)).toEqual([
    '2026-01-01T10:00',
    '2026-01-01T10:01',
    '2026-01-01T10:02',
    '2026-01-01T10:03',
    '2026-01-01T10:04',
  ]);
  expect(freshMinutes(Date.UTC(2026, 0, 1, 10, 0, 30), 29)).toEqual([]);
  expect(freshMinutes(Date.UTC(2026, 0, 1, 10, 0, 30), 30)).toEqual(['2026-01-01T10:00']);
  expect(freshMinutes(Date.UTC(2026, 0, 1, 10, 0, 30), 90)).toEqual(['2026-01-01T10:00', '2026-01-01T10:01']);
});

const change = (msAgo: number) => ({ kind: 'change', change_id: `c${msAgo}`, changed_at: at(msAgo) });

test('a change exactly 24 h old no longer counts; one a millisecond younger does; reverts and junk do not', () => {
  const history = [change(86_400_000), change(86_399_999), { kind: 'revert', reverted_at: at(5) }, 'junk', null];
  expect(recentChanges({ email_change_history: history }, NOW_MS)).toBe(1);
  expect(recentChanges({ email_change_history: 'lots' }, NOW_MS)).toBe(0);
});

test('the budget is spent at MAX_CHANGES_PER_DAY changes, not before; opening the form spends nothing', () => {
  expect(
    decideEntry(event({ appMetadata: { email_change_history: [change(3), change(2)] } }), settings, deps).kind,
  ).toBe('render');
  expect(
    decideEntry(event({ appMetadata: { email_change_history: [change(3), change(2), change(1)] } }), settings, deps),
  ).toEqual({
    kind: 'deny',
    reason: 'email_change_rate_limited',
  });
});

test('ten codes sent today spend the day; nine do not', () => {
  expect(
    decideEntry(
      event({ appMetadata: { email_change_sends: { day: '2026-11-21', count: 'x'.repeat(9) } } }),
      settings,
      deps,
    ).kind,
  ).toBe('render');
  expect(
    decideEntry(
      event({ appMetadata: { email_change_sends: { day: '2026-11-21', count: 'x'.repeat(10) } } }),
      settings,
      deps,
    ),
  ).toEqual({
    kind: 'deny',
    reason: 'email_change_rate_limited',
  });
});

test('a lock set by support holds until its time; an unreadable lock holds', () => {
  const locked = (until: unknown) =>
    decideEntry(event({ appMetadata: { email_change_locked_until: until } }), settings, deps);
  expect(locked(new Date(NOW_MS + 1).toISOString())).toEqual({ kind: 'deny', reason: 'email_change_locked' });
  expect(locked('soon')).toEqual({ kind: 'deny', reason: 'email_change_locked' });
  expect(locked(new Date(NOW_MS).toISOString()).kind).toBe('render');
});

test.each([
  [['es-419'], 'es'],
  [['ES'], 'es'],
  [['pt-BR', 'en-GB'], 'en'],
  [undefined, 'en'],
])('pickLocale(%j) is %s', (locales, expected) => {
  expect(pickLocale(locales)).toBe(expected);
});

test('no journey id is drawn unless the form renders', () => {
  const newJourneyId = jest.fn(() => 'journey-1');
  decideEntry(event({ methods: [] }), settings, { nowMs: NOW_MS, newJourneyId });
  expect(newJourneyId).not.toHaveBeenCalled();
});
