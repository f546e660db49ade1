// The entry decision with a fixed clock and a fixed journey id: exact boundaries.
import { decideEntry, pickLocale, recentStarts } from '../../../actions/email-change/decide-entry';
import type { PostLoginEvent } from '../../../actions/email-change/post-login-types';
import { readSettings } from '../../../actions/email-change/settings';

const NOW_MS = Date.UTC(2026, 10, 21, 12, 0, 0);
const NOW_S = NOW_MS / 1000;
const deps = { nowMs: NOW_MS, newJourneyId: () => 'journey-1' };
const settings = readSettings({ EMAIL_CHANGE_FORM_ID: 'ap_form', MAX_AUTH_AGE_SECONDS: '300', MAX_CHANGES_PER_DAY: '3' });

function event(overrides: { methods?: { name: string; timestamp: string; type?: string }[]; factors?: { type: string }[]; starts?: unknown } = {}): PostLoginEvent {
  return {
    request: { query: { email_change: 'true' } },
    transaction: { protocol: 'oidc-basic-profile' },
    connection: { strategy: 'auth0' },
    user: {
      user_id: 'auth0|1',
      email: 'a@example.test',
      identities: [{ provider: 'auth0' }],
      app_metadata: overrides.starts === undefined ? {} : { email_change_starts: overrides.starts },
      enrolledFactors: overrides.factors ?? [],
    },
    authentication: { methods: overrides.methods ?? [{ name: 'pwd', timestamp: new Date(NOW_MS - 10_000).toISOString() }] },
    secrets: {},
  };
}

const at = (msAgo: number) => new Date(NOW_MS - msAgo).toISOString();

test('a sign-in exactly MAX_AUTH_AGE_SECONDS old is fresh; one millisecond more is not', () => {
  expect(decideEntry(event({ methods: [{ name: 'pwd', timestamp: at(300_000) }] }), settings, deps).kind).toBe('render');
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

test('an MFA exactly MAX_AUTH_AGE_SECONDS old is fresh; one millisecond more is not', () => {
  const methods = (mfaAgo: number) => [
    { name: 'pwd', timestamp: at(1000) },
    { name: 'mfa', type: 'otp', timestamp: at(mfaAgo) },
  ];
  expect(decideEntry(event({ methods: methods(300_000), factors: [{ type: 'otp' }] }), settings, deps).kind).toBe('render');
  expect(decideEntry(event({ methods: methods(300_001), factors: [{ type: 'otp' }] }), settings, deps)).toEqual({
    kind: 'deny',
    reason: 'email_change_mfa_required',
  });
});

test('renders with the injected journey id and records this start at the injected time', () => {
  expect(decideEntry(event({ starts: [NOW_S - 100] }), settings, deps)).toEqual({
    kind: 'render',
    formId: 'ap_form',
    vars: { user_id: 'auth0|1', current_email: 'a@example.test', locale: 'en', journey_id: 'journey-1' },
    journeyMetadata: { key: 'email_change_journey_id', value: 'journey-1' },
    starts: { key: 'email_change_starts', value: [NOW_S - 100, NOW_S] },
  });
});

test('a start exactly 24 h old no longer counts; one a second younger does', () => {
  expect(recentStarts({ email_change_starts: [NOW_S - 86_400, NOW_S - 86_399] }, NOW_S)).toEqual([NOW_S - 86_399]);
});

test('the budget is spent at MAX_CHANGES_PER_DAY starts, not before', () => {
  expect(decideEntry(event({ starts: [NOW_S - 3, NOW_S - 2] }), settings, deps).kind).toBe('render');
  expect(decideEntry(event({ starts: [NOW_S - 3, NOW_S - 2, NOW_S - 1] }), settings, deps)).toEqual({ kind: 'deny', reason: 'email_change_rate_limited' });
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
