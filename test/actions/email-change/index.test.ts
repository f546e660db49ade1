// The BUILT Action (DIST/actions/email-change/code.js) run through the local tenant's Actions
// runtime, as Auth0 and the local tenant run it: what an app, a user or an attacker would see.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  loadAction,
  type LoadActionOptions,
  type PostLoginEvent,
  type PostLoginRecord,
} from '../../../local-tenant/actions-runtime';
import { DIST } from '../../helpers/paths';
import { isoSecondsAgo, type Overrides } from '../../../local-tenant/actions-runtime/sample-post-login-event';
import { emailChangeEvent, postLoginEvent, TEST_FORM_ID, TEST_SECRETS } from '../../helpers/post-login-event';

const CODE_PATH = join(DIST, 'actions/email-change/code.js');
const code = readFileSync(CODE_PATH, 'utf8');
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function action(options: LoadActionOptions = {}) {
  return loadAction(code, { filename: 'email-change/code.js', ...options });
}

async function start(overrides: Overrides<PostLoginEvent> = {}): Promise<PostLoginRecord> {
  return action().onExecutePostLogin(emailChangeEvent(overrides));
}

/** A denial that changed nothing: no form, no metadata, no journey kept. */
function expectDeniedWithNothingElse(record: PostLoginRecord, reason: string): void {
  expect(record.error).toBeUndefined();
  expect(record.outcome).toBe('denied');
  expect(record.denied).toEqual({ reason });
  expect(record.rendered).toBeUndefined();
  expect(record.appMetadata).toEqual({});
  expect(record.transactionMetadata).toEqual({});
}

describe('the built Action', () => {
  test('is at most 10 kB minified, loads no module, and holds no keyword pattern', () => {
    expect(Buffer.byteLength(code)).toBeLessThanOrEqual(10_000);
    expect(code).not.toMatch(/\brequire\s*\(/);
    expect(code).not.toMatch(/##[A-Za-z0-9_.-]+##|@@[A-Za-z0-9_.-]+@@/);
  });
});

describe('a normal login (no email_change=true)', () => {
  // An api and an event that record every property read: the only reads allowed are the single check.
  function watched(path: string, target: object, reads: string[], failOnRead: boolean): object {
    return new Proxy(target, {
      get(object, property, receiver) {
        if (typeof property === 'symbol' || property === 'then') return Reflect.get(object, property, receiver);
        const at = `${path}.${property}`;
        reads.push(at);
        if (failOnRead) throw new Error(`the normal login path read ${at}`);
        const value = Reflect.get(object, property, receiver);
        return typeof value === 'object' && value !== null ? watched(at, value, reads, false) : value;
      },
    });
  }

  test.each([
    ['no query parameter at all', {}],
    ['the usual /authorize parameters', { client_id: 'abc', response_type: 'code', scope: 'openid', prompt: 'login' }],
    ['email_change with another value', { email_change: 'yes' }],
  ])('with %s, reads one property of the event and touches nothing on api', async (_, query) => {
    const built = action();
    const eventReads: string[] = [];
    const apiReads: string[] = [];
    const event = watched('event', postLoginEvent({ request: { query } }), eventReads, false);
    const api = watched('api', {}, apiReads, true);
    const result = await built.callWithApi('onExecutePostLogin', event, api);
    expect(result.error).toBeUndefined();
    expect(apiReads).toEqual([]);
    expect(eventReads).toEqual(['event.request', 'event.request.query', 'event.request.query.email_change']);
    expect(result.logs).toEqual([]);
    expect(result.fetched).toEqual([]);
  });

  test('continues the login with nothing recorded, and the bundle never loaded a module (no network, no filesystem)', async () => {
    const built = action();
    const record = await built.onExecutePostLogin(postLoginEvent());
    expect(record).toMatchObject({
      outcome: 'continued',
      appMetadata: {},
      userMetadata: {},
      transactionMetadata: {},
      logs: [],
      fetched: [],
    });
    // The whole journey, to be sure no branch loads anything either.
    const rendered = await built.onExecutePostLogin(emailChangeEvent());
    await built.onContinuePostLogin(
      emailChangeEvent({
        transaction: { metadata: rendered.transactionMetadata },
        prompt: { id: TEST_FORM_ID, vars: { ...rendered.rendered?.options.vars, email_change_outcome: 'completed' } },
      }),
    );
    expect(built.required).toEqual([]);
  });
});

describe('starting an email change', () => {
  test('renders the form with the user, the current address, the locale and a fresh journey, in vars only', async () => {
    const record = await start();
    expect(record.outcome).toBe('rendered');
    expect(record.rendered?.formId).toBe(TEST_FORM_ID);
    // Nothing the flows trust goes in fields, which the browser can read and edit.
    expect(Object.keys(record.rendered?.options ?? {})).toEqual(['vars']);
    const vars = record.rendered?.options.vars as Record<string, string>;
    expect(vars).toMatchObject({
      user_id: 'auth0|user1',
      current_email: 'ada@example.test',
      locale: 'en',
      journey_id: expect.stringMatching(UUID_V4),
    });
    expect(vars).toMatchObject({ wrong_codes: '', code_sends: '', none: '', password_reset_at: '' });
    // The intent is kept for onContinuePostLogin, bound to the same journey.
    expect(record.transactionMetadata).toEqual({ email_change_journey_id: vars.journey_id });
    // Nothing is written to the user: showing the form spends no budget, and no network call.
    expect(record.appMetadata).toEqual({});
    expect(record.fetched).toEqual([]);
  });

  test('passes no secret to the form', async () => {
    const record = await start();
    const rendered = JSON.stringify(record.rendered);
    for (const value of Object.values(TEST_SECRETS).filter((v) => v !== TEST_FORM_ID)) {
      expect(rendered).not.toContain(`"${value}"`);
    }
  });

  test('gives every journey its own id', async () => {
    const built = action();
    const first = await built.onExecutePostLogin(emailChangeEvent());
    const second = await built.onExecutePostLogin(emailChangeEvent());
    expect(first.rendered?.options.vars?.journey_id).not.toEqual(second.rendered?.options.vars?.journey_id);
  });

  test.each([
    [['fr-FR', 'es-MX'], 'es'],
    [['es'], 'es'],
    [['de'], 'en'],
    [[], 'en'],
  ])('takes the first supported of ui_locales %j: %s', async (uiLocales, locale) => {
    const record = await start({ transaction: { ui_locales: uiLocales } });
    expect(record.rendered?.options.vars?.locale).toBe(locale);
  });

  test('without ui_locales in the transaction, the form is in English', async () => {
    const record = await start({ transaction: { ui_locales: undefined } });
    expect(record.rendered?.options.vars?.locale).toBe('en');
  });
});

describe('email_change_not_interactive', () => {
  test.each(['oauth2-refresh-token', 'oauth2-resource-owner', 'oauth2-password'])(
    'for the %s protocol',
    async (protocol) => {
      expectDeniedWithNothingElse(await start({ transaction: { protocol } }), 'email_change_not_interactive');
    },
  );

  test('for prompt=none in the request', async () => {
    expectDeniedWithNothingElse(
      await start({ request: { query: { email_change: 'true', prompt: 'none' } } }),
      'email_change_not_interactive',
    );
  });

  test('for prompt none in the transaction', async () => {
    expectDeniedWithNothingElse(await start({ transaction: { prompt: ['none'] } }), 'email_change_not_interactive');
  });

  test('comes first when several checks fail', async () => {
    const record = await start({
      transaction: { protocol: 'oauth2-refresh-token' },
      connection: { strategy: 'google-oauth2' },
      authentication: { methods: [] },
    });
    expectDeniedWithNothingElse(record, 'email_change_not_interactive');
  });
});

describe('email_change_unsupported_identity', () => {
  test.each([
    [
      'a social connection',
      {
        connection: { strategy: 'google-oauth2' },
        user: {
          identities: [{ connection: 'google-oauth2', provider: 'google-oauth2', user_id: '1', isSocial: true }],
        },
      },
    ],
    [
      'a passwordless email connection',
      {
        connection: { strategy: 'email' },
        user: { identities: [{ connection: 'email', provider: 'email', user_id: '1', isSocial: false }] },
      },
    ],
    ['an enterprise connection', { connection: { strategy: 'samlp' } }],
    [
      'a database login of a user whose primary identity is social',
      {
        user: {
          identities: [
            { connection: 'github', provider: 'github', user_id: '9', isSocial: true },
            { connection: 'Username-Password-Authentication', provider: 'auth0', user_id: 'user1', isSocial: false },
          ],
        },
      },
    ],
    ['a database user without an email address', { user: { email: undefined } }],
  ] as [string, Overrides<PostLoginEvent>][])('for %s', async (_, overrides) => {
    expectDeniedWithNothingElse(await start(overrides), 'email_change_unsupported_identity');
  });
});

describe('email_change_reauthentication_required', () => {
  test('when the last password sign-in is older than MAX_AUTH_AGE_SECONDS', async () => {
    expectDeniedWithNothingElse(
      await start({ authentication: { methods: [{ name: 'pwd', timestamp: isoSecondsAgo(400) }] } }),
      'email_change_reauthentication_required',
    );
  });

  test('when the session has no first-factor sign-in at all', async () => {
    expectDeniedWithNothingElse(
      await start({ authentication: { methods: [] } }),
      'email_change_reauthentication_required',
    );
  });

  test('a fresh MFA does not stand in for a fresh sign-in', async () => {
    const methods = [
      { name: 'pwd', timestamp: isoSecondsAgo(4000) },
      { name: 'mfa', type: 'otp', timestamp: isoSecondsAgo(5) },
    ];
    expectDeniedWithNothingElse(
      await start({ authentication: { methods }, user: { enrolledFactors: [{ type: 'otp' }] } }),
      'email_change_reauthentication_required',
    );
  });

  test('the newest first factor counts: an old password and a fresh passkey is fresh', async () => {
    const methods = [
      { name: 'pwd', timestamp: isoSecondsAgo(4000) },
      { name: 'passkey', timestamp: isoSecondsAgo(5) },
    ];
    expect((await start({ authentication: { methods } })).outcome).toBe('rendered');
  });

  test('follows MAX_AUTH_AGE_SECONDS, and its default of 300 s when unset', async () => {
    const signIn = { authentication: { methods: [{ name: 'pwd', timestamp: isoSecondsAgo(400) }] } };
    expect((await start({ ...signIn, secrets: { MAX_AUTH_AGE_SECONDS: '600' } })).outcome).toBe('rendered');
    expect((await start({ ...signIn, secrets: { MAX_AUTH_AGE_SECONDS: undefined } })).denied?.reason).toBe(
      'email_change_reauthentication_required',
    );
    expect(
      (
        await start({
          authentication: { methods: [{ name: 'pwd', timestamp: isoSecondsAgo(200) }] },
          secrets: { MAX_AUTH_AGE_SECONDS: undefined },
        })
      ).outcome,
    ).toBe('rendered');
  });
});

describe('email_change_mfa_required', () => {
  test('for a user with an enrolled factor and no MFA in the session', async () => {
    expectDeniedWithNothingElse(
      await start({ user: { enrolledFactors: [{ type: 'otp' }] } }),
      'email_change_mfa_required',
    );
  });

  test('for a user whose last MFA is older than MAX_AUTH_AGE_SECONDS', async () => {
    const methods = [
      { name: 'pwd', timestamp: isoSecondsAgo(10) },
      { name: 'mfa', type: 'otp', timestamp: isoSecondsAgo(400) },
    ];
    expectDeniedWithNothingElse(
      await start({ user: { enrolledFactors: [{ type: 'otp' }] }, authentication: { methods } }),
      'email_change_mfa_required',
    );
  });

  test('renders once the user completed MFA in the session within MAX_AUTH_AGE_SECONDS', async () => {
    const methods = [
      { name: 'pwd', timestamp: isoSecondsAgo(30) },
      { name: 'mfa', type: 'otp', timestamp: isoSecondsAgo(20) },
    ];
    expect((await start({ user: { enrolledFactors: [{ type: 'otp' }] }, authentication: { methods } })).outcome).toBe(
      'rendered',
    );
  });

  test('reads `multifactor` when Auth0 could not read enrolledFactors', async () => {
    expectDeniedWithNothingElse(
      await start({ user: { enrolledFactors: undefined, multifactor: ['guardian'] } }),
      'email_change_mfa_required',
    );
    expect((await start({ user: { enrolledFactors: undefined, multifactor: [] } })).outcome).toBe('rendered');
  });

  test('fails closed when neither enrolledFactors nor multifactor can be read', async () => {
    expectDeniedWithNothingElse(
      await start({ user: { enrolledFactors: undefined, multifactor: undefined } }),
      'email_change_mfa_required',
    );
  });
});

describe('email_change_rate_limited', () => {
  const change = (secondsAgo: number) => ({
    kind: 'change',
    change_id: `c${secondsAgo}`,
    changed_at: isoSecondsAgo(secondsAgo),
  });

  test('once MAX_CHANGES_PER_DAY changes were made in the last 24 h', async () => {
    const history = [change(60), change(3600), change(20 * 3600)];
    expectDeniedWithNothingElse(
      await start({ user: { app_metadata: { email_change_history: history } } }),
      'email_change_rate_limited',
    );
  });

  test('changes older than 24 h no longer count', async () => {
    const record = await start({
      user: { app_metadata: { email_change_history: [change(60), change(3600), change(25 * 3600)] } },
    });
    expect(record.outcome).toBe('rendered');
    expect(record.appMetadata).toEqual({});
  });

  test('follows MAX_CHANGES_PER_DAY', async () => {
    const record = await start({
      user: { app_metadata: { email_change_history: [change(60)] } },
      secrets: { MAX_CHANGES_PER_DAY: '1' },
    });
    expectDeniedWithNothingElse(record, 'email_change_rate_limited');
  });

  test('a day of codes sent spends the budget too', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const record = await start({
      user: { app_metadata: { email_change_sends: { day: today, count: 'x'.repeat(10) } } },
    });
    expectDeniedWithNothingElse(record, 'email_change_rate_limited');
  });

  test('an unreadable history in app_metadata is ignored rather than failing the login', async () => {
    expect((await start({ user: { app_metadata: { email_change_history: 'lots' } } })).outcome).toBe('rendered');
    expect((await start({ user: { app_metadata: { email_change_history: ['x', null, change(5)] } } })).outcome).toBe(
      'rendered',
    );
  });
});

describe('email_change_locked', () => {
  test("while support's lock holds, with nothing else done", async () => {
    const until = new Date(Date.now() + 3600_000).toISOString();
    expectDeniedWithNothingElse(
      await start({ user: { app_metadata: { email_change_locked_until: until } } }),
      'email_change_locked',
    );
  });
});

describe('a copied session cookie is not enough', () => {
  test.each([
    ['no max_age', { email_change: 'true', max_age: undefined }],
    ['max_age=600', { email_change: 'true', max_age: '600' }],
  ])('%s: a fresh sign-in in the session does not open the form', async (_name, query) => {
    expectDeniedWithNothingElse(await start({ request: { query } }), 'email_change_reauthentication_required');
  });
});

describe('email_change_misconfigured', () => {
  test.each([
    ['no form id', { EMAIL_CHANGE_FORM_ID: undefined }, 'EMAIL_CHANGE_FORM_ID is empty'],
    [
      'the keyword left in place of the form id',
      { EMAIL_CHANGE_FORM_ID: '##EMAIL_CHANGE_FORM_ID##' },
      'EMAIL_CHANGE_FORM_ID still holds its keyword',
    ],
    [
      'a non-numeric MAX_AUTH_AGE_SECONDS',
      { MAX_AUTH_AGE_SECONDS: 'five-minutes-secret-ish' },
      'MAX_AUTH_AGE_SECONDS must be a positive whole number',
    ],
    ['a zero MAX_CHANGES_PER_DAY', { MAX_CHANGES_PER_DAY: '0' }, 'MAX_CHANGES_PER_DAY must be a positive whole number'],
    [
      'an unknown FORCE_RELOGIN',
      { FORCE_RELOGIN: 'logout-everywhere-xyz' },
      'FORCE_RELOGIN must be "deny" or "revoke-session"',
    ],
  ] as [string, Record<string, string | undefined>, string][])(
    'denies with %s and logs what is wrong, never the value',
    async (_, secrets, problem) => {
      const record = await start({ secrets });
      expectDeniedWithNothingElse(record, 'email_change_misconfigured');
      expect(record.logs).toEqual([expect.stringContaining(problem)]);
      for (const value of Object.values(secrets)) {
        if (value !== undefined) expect(record.logs.join('\n')).not.toContain(value);
      }
    },
  );

  test('a normal login is not affected by a broken configuration', async () => {
    const record = await action().onExecutePostLogin(
      postLoginEvent({ secrets: { EMAIL_CHANGE_FORM_ID: undefined, FORCE_RELOGIN: 'nonsense' } }),
    );
    expect(record.outcome).toBe('continued');
  });
});

describe('when the form resumes the login (onContinuePostLogin)', () => {
  async function resume(
    options: { outcome?: string; journey?: 'same' | 'other' | 'none'; secrets?: Record<string, string | undefined> },
    loadOptions: LoadActionOptions = {},
  ): Promise<PostLoginRecord> {
    const built = action(loadOptions);
    const rendered = await built.onExecutePostLogin(emailChangeEvent());
    const vars: Record<string, unknown> = { ...rendered.rendered?.options.vars, pending_email: 'new@example.test' };
    if (options.outcome !== undefined) vars.email_change_outcome = options.outcome;
    const metadata =
      options.journey === 'none'
        ? {}
        : options.journey === 'other'
          ? { email_change_journey_id: 'another-journey' }
          : rendered.transactionMetadata;
    // A new event.request is issued on resume (docs limitations.mdx): email_change is not there any more.
    return built.onContinuePostLogin(
      postLoginEvent({ transaction: { metadata }, prompt: { id: TEST_FORM_ID, vars }, secrets: options.secrets ?? {} }),
    );
  }

  test('email_change_completed: a completed change ends the login, so no token carries the old address', async () => {
    const record = await resume({ outcome: 'completed' });
    expect(record.outcome).toBe('denied');
    expect(record.denied).toEqual({ reason: 'email_change_completed' });
  });

  test('with FORCE_RELOGIN=revoke-session on an Enterprise tenant, the session is revoked with the same code', async () => {
    const record = await resume(
      { outcome: 'completed', secrets: { FORCE_RELOGIN: 'revoke-session' } },
      { plan: 'enterprise' },
    );
    expect(record.outcome).toBe('session_revoked');
    expect(record.sessionRevoked).toEqual({ reason: 'email_change_completed', preserveRefreshTokens: false });
  });

  test('with FORCE_RELOGIN=revoke-session on another plan, the login fails rather than issuing tokens', async () => {
    const record = await resume(
      { outcome: 'completed', secrets: { FORCE_RELOGIN: 'revoke-session' } },
      { plan: 'free' },
    );
    expect(record.outcome).toBe('failed');
    expect(record.error?.message).toMatch(/^api\.session\.revoke is available on Enterprise plans only/);
  });

  test('email_change_cancelled: the form ended without a completed change', async () => {
    expect((await resume({})).denied).toEqual({ reason: 'email_change_cancelled' });
    expect((await resume({ outcome: 'failed' })).denied).toEqual({ reason: 'email_change_cancelled' });
  });

  test("a resumed login without this transaction's journey is never treated as a change", async () => {
    for (const journey of ['none', 'other'] as const) {
      const record = await resume({ outcome: 'completed', journey });
      expect(record.denied).toEqual({ reason: 'email_change_cancelled' });
      expect(record.logs).toEqual([expect.stringContaining('without this transaction')]);
    }
  });

  test('a configuration broken after the form rendered still ends the login after a change', async () => {
    const record = await resume({ outcome: 'completed', secrets: { FORCE_RELOGIN: 'sometimes' } });
    expect(record.denied).toEqual({ reason: 'email_change_completed' });
    expect(record.logs).toEqual([expect.stringContaining('FORCE_RELOGIN must be')]);
  });
});
