// The entry checks with a fixed clock and a fixed journey id: exact boundaries. A fake api records
// what the Action asked for (as kilterset/auth0-actions-testing does), and the tests assert on that.
import { codesSentToday, MAX_SENDS_PER_DAY, SUPPORTED_LOCALES } from '../../../actions/email-change/contract';
import { formVars } from '../../../actions/email-change/form-vars';
import {
  type ChangeEntry,
  HISTORY_SLOTS,
  isLocked,
  type RevertEntry,
  storedEntries,
  toStoredHistory,
} from '../../../actions/email-change/history';
import type { PostLoginApi, PostLoginEvent } from '../../../actions/email-change/post-login-types';
import { startJourney } from '../../../actions/email-change/start-journey';
import { FLOW_VARS } from '../../../forms/journey-vars';

const NOW_MS = Date.UTC(2026, 10, 21, 12, 0, 0);
const SECRETS = { EMAIL_CHANGE_FORM_ID: 'ap_form', MAX_AUTH_AGE_SECONDS: '300', MAX_CHANGES_PER_DAY: '3' };

interface Asked {
  denied?: string;
  rendered?: { formId: string; vars: Record<string, unknown> };
  transactionMetadata?: Record<string, unknown>;
  logs?: string[];
}

/** What startJourney asked of the api (only what it asked for), at NOW_MS with journey id journey-1. */
function start(event: PostLoginEvent, randomUUID: () => string = () => 'journey-1'): Asked {
  const asked: Asked = {};
  const api: PostLoginApi = {
    access: {
      deny(reason) {
        asked.denied = reason;
      },
    },
    prompt: {
      render(formId, options) {
        asked.rendered = { formId, vars: { ...options?.vars } };
      },
    },
    transaction: {
      setMetadata(key, value) {
        asked.transactionMetadata = { ...asked.transactionMetadata, [key]: value };
      },
    },
    user: {
      setAppMetadata() {
        throw new Error('the entry writes nothing to the user');
      },
    },
    session: {
      revoke() {
        throw new Error('the entry never revokes a session');
      },
    },
  };
  const log = jest.spyOn(console, 'log').mockImplementation((line: string) => {
    asked.logs = [...(asked.logs ?? []), line];
  });
  try {
    startJourney(event, api, NOW_MS, { randomUUID });
  } finally {
    log.mockRestore();
  }
  return asked;
}

interface EventOverrides {
  methods?: { name: string; timestamp: string; type?: string }[];
  factors?: { type: string }[];
  appMetadata?: Record<string, unknown>;
  query?: Record<string, string>;
  secrets?: Record<string, string>;
  uiLocales?: string[];
}

function event(overrides: EventOverrides = {}): PostLoginEvent {
  return {
    request: { query: overrides.query ?? { email_change: 'true', max_age: '0' } },
    transaction: { protocol: 'oidc-basic-profile', ui_locales: overrides.uiLocales },
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
    secrets: { ...SECRETS, ...overrides.secrets },
  };
}

const at = (msAgo: number) => new Date(NOW_MS - msAgo).toISOString();
const renders = (overrides: EventOverrides) => start(event(overrides)).rendered !== undefined;

test('a sign-in exactly MAX_AUTH_AGE_SECONDS old is fresh; one millisecond more is not', () => {
  expect(renders({ methods: [{ name: 'pwd', timestamp: at(300_000) }] })).toBe(true);
  expect(start(event({ methods: [{ name: 'pwd', timestamp: at(300_001) }] }))).toEqual({
    denied: 'email_change_reauthentication_required',
  });
});

test('a method with an unreadable timestamp does not count as a sign-in', () => {
  expect(start(event({ methods: [{ name: 'pwd', timestamp: 'yesterday' }] }))).toEqual({
    denied: 'email_change_reauthentication_required',
  });
});

test('an MFA at the very time of a sign-in exactly MAX_AUTH_AGE_SECONDS old counts; one a millisecond before the sign-in does not', () => {
  const methods = (mfaAgo: number) => [
    { name: 'pwd', timestamp: at(300_000) },
    { name: 'mfa', type: 'otp', timestamp: at(mfaAgo) },
  ];
  expect(renders({ methods: methods(300_000), factors: [{ type: 'otp' }] })).toBe(true);
  expect(start(event({ methods: methods(300_001), factors: [{ type: 'otp' }] }))).toEqual({
    denied: 'email_change_mfa_required',
  });
});

test("renders with the injected journey id and the sign-in's values; every var the flows keep starts empty; writes nothing to the user", () => {
  const asked = start(event());
  expect(asked).toEqual({
    rendered: { formId: 'ap_form', vars: expect.any(Object) },
    transactionMetadata: { email_change_journey_id: 'journey-1' },
  });
  const { user_id, current_email, locale, journey_id, password_reset_at, fresh_minutes, ...flowVars } =
    asked.rendered?.vars ?? {};
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
  expect(start(event({ query }))).toEqual({ denied: 'email_change_reauthentication_required' });
});

test('prompt=login demands a fresh sign-in as max_age=0 does', () => {
  expect(renders({ query: { email_change: 'true', prompt: 'login' } })).toBe(true);
  expect(renders({ query: { email_change: 'true', prompt: 'login consent' } })).toBe(true);
});

test('an MFA from before this sign-in does not count, however recent', () => {
  const methods = [
    { name: 'mfa', type: 'otp', timestamp: at(20_000) },
    { name: 'pwd', timestamp: at(10_000) },
  ];
  expect(start(event({ methods, factors: [{ type: 'otp' }] }))).toEqual({ denied: 'email_change_mfa_required' });
  const after = [...methods, { name: 'mfa', type: 'otp', timestamp: at(5_000) }];
  expect(renders({ methods: after, factors: [{ type: 'otp' }] })).toBe(true);
});

test("the minutes from the sign-in's to the last one that ends within the freshness limit", () => {
  const freshMinutes = (signedInMs: number, maxAuthAgeSeconds: number) =>
    formVars({ user: { user_id: 'u' }, locale: 'en', journeyId: 'j', signedInMs, maxAuthAgeSeconds }).fresh_minutes;
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
  // Exactly one change counts: a budget of one is spent, a budget of two is not.
  const history = [change(86_400_000), change(86_399_999), { kind: 'revert', reverted_at: at(5) }, 'junk', null];
  const withBudget = (budget: string) =>
    start(event({ appMetadata: { email_change_history: history }, secrets: { MAX_CHANGES_PER_DAY: budget } }));
  expect(withBudget('1')).toEqual({ denied: 'email_change_rate_limited' });
  expect(withBudget('2').rendered).toBeDefined();
  // An unreadable history counts no change.
  expect(
    start(event({ appMetadata: { email_change_history: 'lots' }, secrets: { MAX_CHANGES_PER_DAY: '1' } })).rendered,
  ).toBeDefined();
});

test('the budget is spent at MAX_CHANGES_PER_DAY changes, not before; opening the form spends nothing', () => {
  expect(renders({ appMetadata: { email_change_history: [change(3), change(2)] } })).toBe(true);
  expect(start(event({ appMetadata: { email_change_history: [change(3), change(2), change(1)] } }))).toEqual({
    denied: 'email_change_rate_limited',
  });
});

test('ten codes sent today spend the day; nine do not', () => {
  expect(renders({ appMetadata: { email_change_sends: { day: '2026-11-21', count: 'x'.repeat(9) } } })).toBe(true);
  expect(start(event({ appMetadata: { email_change_sends: { day: '2026-11-21', count: 'x'.repeat(10) } } }))).toEqual({
    denied: 'email_change_rate_limited',
  });
});

test('a lock set by support holds until its time; an unreadable lock holds', () => {
  const locked = (until: unknown) => start(event({ appMetadata: { email_change_locked_until: until } }));
  expect(locked(new Date(NOW_MS + 1).toISOString())).toEqual({ denied: 'email_change_locked' });
  expect(locked('soon')).toEqual({ denied: 'email_change_locked' });
  expect(locked(new Date(NOW_MS).toISOString()).rendered).toBeDefined();
});

test.each([
  [['es-419'], 'es'],
  [['ES'], 'es'],
  [['pt-BR', 'en-GB'], 'en'],
  [undefined, 'en'],
])('ui_locales %j: the form is in %s', (uiLocales, expected) => {
  expect(start(event({ uiLocales })).rendered?.vars.locale).toBe(expected);
});

test('every locale of SUPPORTED_LOCALES is picked, the first is the default (the entry spells them out)', () => {
  for (const locale of SUPPORTED_LOCALES) {
    expect(start(event({ uiLocales: ['xx', `${locale}-ZZ`] })).rendered?.vars.locale).toBe(locale);
  }
  expect(start(event({ uiLocales: ['xx'] })).rendered?.vars.locale).toBe(SUPPORTED_LOCALES[0]);
});

test('no journey id is drawn unless the form renders', () => {
  const randomUUID = jest.fn(() => 'journey-1');
  expect(start(event({ methods: [] }), randomUUID)).toEqual({ denied: 'email_change_reauthentication_required' });
  expect(randomUUID).not.toHaveBeenCalled();
});

test('broken settings deny before any other check, and the log says what is wrong', () => {
  expect(start(event({ methods: [], secrets: { EMAIL_CHANGE_FORM_ID: '', FORCE_RELOGIN: 'x' } }))).toEqual({
    denied: 'email_change_misconfigured',
    logs: [
      'email-change misconfigured: EMAIL_CHANGE_FORM_ID is empty: deploy with npm run deploy, which looks the form id up; FORCE_RELOGIN must be "deny" or "revoke-session"',
    ],
  });
});

// The entry reads the lock, the history and the day's sends itself rather than through history.ts
// and contract.ts (docs/performance.md "The Action's cold start"): these tie its readings to theirs.
test.each([
  undefined,
  null,
  '',
  'soon',
  42,
  {},
  at(1),
  new Date(NOW_MS).toISOString(),
  new Date(NOW_MS + 1).toISOString(),
])('the lock %j holds exactly when history.ts isLocked says so', (until) => {
  const denied = start(event({ appMetadata: { email_change_locked_until: until } })).denied;
  expect(denied === 'email_change_locked').toBe(isLocked(until, NOW_MS));
});

test.each([
  { day: '2026-11-21', count: 'x'.repeat(10) },
  { day: '2026-11-21', count: 'x'.repeat(9) },
  { day: '2026-11-20', count: 'x'.repeat(10) },
  { day: '2026-11-21', count: 10 },
  { day: '2026-11-21', count: Array.from({ length: 10 }, () => 'x') },
  { count: 'x'.repeat(10) },
  'x'.repeat(10),
  null,
])('the sends %j spend the day exactly when contract.ts codesSentToday counts MAX_SENDS_PER_DAY', (sends) => {
  const denied = start(event({ appMetadata: { email_change_sends: sends } })).denied;
  expect(denied === 'email_change_rate_limited').toBe(
    codesSentToday({ email_change_sends: sends }, NOW_MS) >= MAX_SENDS_PER_DAY,
  );
});

/** A change of the last 24 h as the flows store it, and a revert. */
const storedChange = (msAgo: number): ChangeEntry => ({
  kind: 'change',
  change_id: `c${msAgo}`,
  journey_id: 'j',
  previous_email: 'a@x.test',
  new_email: 'b@x.test',
  changed_at: at(msAgo),
  old_address_notice: 'sent',
});
const storedRevert: RevertEntry = {
  kind: 'revert',
  change_id: 'c1',
  reverted_at: at(5),
  restored_email: 'a@x.test',
  from_email: 'b@x.test',
  by: 'me',
};

test.each([
  ['every slot of HISTORY_SLOTS', toStoredHistory(HISTORY_SLOTS.map((_, i) => storedChange(i + 1))), 10],
  ['slots with a revert and empty slots', toStoredHistory([storedChange(1), storedRevert]), 1],
  ['slots beside keys that are not slots', { c0: change(1), c1: change(2), c11: change(3), history: change(4) }, 1],
  ['a list, read whole', Array.from({ length: 12 }, (_, i) => change(i + 1)), 12],
  ['a list with junk', ['x', null, 5, change(1)], 1],
  ['a string', 'lots', 0],
  ['null', null, 0],
])('the history as %s counts as storedEntries reads it', (_name, history, recent) => {
  // What the entry must count: storedEntries' entries that are changes (all of the last 24 h here).
  expect(
    storedEntries(history).filter((entry) => (entry as { kind?: unknown } | null)?.kind === 'change'),
  ).toHaveLength(recent);
  const withBudget = (budget: number) =>
    start(event({ appMetadata: { email_change_history: history }, secrets: { MAX_CHANGES_PER_DAY: `${budget}` } }));
  if (recent > 0) expect(withBudget(recent)).toEqual({ denied: 'email_change_rate_limited' });
  expect(withBudget(recent + 1).rendered).toBeDefined();
});
