// The runtime's `api`: each limit Auth0's SDK enforces, with its message, and what gets recorded.
import { loadAction, type LoadActionOptions, type PostLoginRecord } from '../../../local-tenant/actions-runtime';
import { MAX_RENDER_OPTIONS_BYTES } from '../../../platform/actions-limits';
import { postLoginEvent } from '../../helpers/post-login-event';

/** Runs `body` as the body of onExecutePostLogin(event, api). */
function execute(body: string, options: LoadActionOptions = {}, event = postLoginEvent()): Promise<PostLoginRecord> {
  return loadAction(`exports.onExecutePostLogin = async (event, api) => {\n${body}\n};`, options).onExecutePostLogin(
    event,
  );
}

const keys = (n: number, prefix = 'k') =>
  JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, 'v'])));

describe('api.prompt.render', () => {
  test('records the form id and options', async () => {
    const record = await execute(
      `api.prompt.render('ap_123', { fields: { first_name: 'Jane' }, vars: { 'any key': 1 } });`,
    );
    expect(record.outcome).toBe('rendered');
    expect(record.rendered).toEqual({
      formId: 'ap_123',
      options: { fields: { first_name: 'Jane' }, vars: { 'any key': 1 } },
    });
  });

  test('without options, renders with {} as the SDK does', async () => {
    expect((await execute(`api.prompt.render('ap_123');`)).rendered).toEqual({ formId: 'ap_123', options: {} });
  });

  test.each([
    [
      'a form id over 48 characters',
      `api.prompt.render('${'a'.repeat(49)}');`,
      'promptId must NOT have more than 48 characters',
    ],
    ['a form id that is not a string', `api.prompt.render(42);`, 'promptId must be string'],
    [
      'options other than fields and vars',
      `api.prompt.render('ap_1', { vars: {}, hidden: {} });`,
      'promptOptions must NOT have additional properties',
    ],
    [
      '25 fields',
      `api.prompt.render('ap_1', { fields: ${keys(25)} });`,
      'fields must NOT have more than 24 properties',
    ],
    ['25 vars', `api.prompt.render('ap_1', { vars: ${keys(25)} });`, 'vars must NOT have more than 24 properties'],
    [
      'a field key outside the pattern',
      `api.prompt.render('ap_1', { fields: { '1st': 'x' } });`,
      'fields must NOT have additional properties',
    ],
    ['fields that are not an object', `api.prompt.render('ap_1', { fields: ['x'] });`, 'fields must be object'],
    [
      'several problems at once',
      `api.prompt.render('${'a'.repeat(49)}', { fields: Object.assign(${keys(25)}, { 'bad-key': 1 }) });`,
      'promptId must NOT have more than 48 characters; fields must NOT have more than 24 properties, must NOT have additional properties',
    ],
  ])('refuses %s with the SDK message', async (_, body, message) => {
    const record = await execute(body);
    expect(record.outcome).toBe('failed');
    expect(record.error).toEqual({ message });
    expect(record.rendered).toBeUndefined();
  });

  test('accepts exactly 48 characters, 24 fields and 24 vars', async () => {
    expect(
      (await execute(`api.prompt.render('${'a'.repeat(48)}', { fields: ${keys(24)}, vars: ${keys(24)} });`)).outcome,
    ).toBe('rendered');
  });

  test(`refuses options over ${MAX_RENDER_OPTIONS_BYTES} bytes of JSON, and accepts exactly that`, async () => {
    // {"vars":{"v":""}} is 17 bytes around the string.
    const atLimit = MAX_RENDER_OPTIONS_BYTES - 17;
    expect((await execute(`api.prompt.render('ap_1', { vars: { v: 'x'.repeat(${atLimit}) } });`)).outcome).toBe(
      'rendered',
    );
    const record = await execute(`api.prompt.render('ap_1', { vars: { v: 'x'.repeat(${atLimit + 1}) } });`);
    expect(record.error).toEqual({ message: 'The total size of the prompt options exceeds the limit of 24576 bytes.' });
  });

  test('a second render fails the execution with "Only 1 render command per action is allowed."', async () => {
    const record = await execute(`api.prompt.render('ap_1'); api.prompt.render('ap_2');`);
    expect(record.outcome).toBe('failed');
    expect(record.error).toEqual({ message: 'Only 1 render command per action is allowed.' });
  });

  test.each([
    ['render then redirect', `api.prompt.render('ap_1'); api.redirect.sendUserTo('https://example.test/');`],
    ['redirect then render', `api.redirect.sendUserTo('https://example.test/'); api.prompt.render('ap_1');`],
  ])('%s fails with "Redirect and render commands cannot be used in the same action."', async (_, body) => {
    const record = await execute(body);
    expect(record.outcome).toBe('failed');
    expect(record.error).toEqual({ message: 'Redirect and render commands cannot be used in the same action.' });
    // A failed execution applies nothing (Auth0 discards the commands).
    expect(record.rendered).toBeUndefined();
    expect(record.redirect).toBeUndefined();
  });
});

describe('api.session.revoke', () => {
  test('revokes on an Enterprise tenant', async () => {
    const record = await execute(`api.session.revoke('bye', { preserveRefreshTokens: true });`, { plan: 'enterprise' });
    expect(record.outcome).toBe('session_revoked');
    expect(record.sessionRevoked).toEqual({ reason: 'bye', preserveRefreshTokens: true });
  });

  test('fails the execution on another plan, saying what to do', async () => {
    const record = await execute(`api.session.revoke('bye');`, { plan: 'free' });
    expect(record.outcome).toBe('failed');
    expect(record.error?.message).toBe(
      'api.session.revoke is available on Enterprise plans only; the local tenant\'s plan is "free". Start the local tenant with plan "enterprise", or set FORCE_RELOGIN to "deny".',
    );
  });
});

describe('api.access.deny and metadata', () => {
  test('a denial keeps the metadata changes asked for (docs: deny does not cancel them)', async () => {
    const record = await execute(
      `api.user.setAppMetadata('a', [1]); api.user.setUserMetadata('b', null); api.access.deny('no');`,
    );
    expect(record).toMatchObject({
      outcome: 'denied',
      denied: { reason: 'no' },
      appMetadata: { a: [1] },
      userMetadata: { b: null },
    });
  });

  test('setAppMetadata refuses a user whose app_metadata is not an object, with the SDK message', async () => {
    const event = postLoginEvent({ user: { app_metadata: 'corrupt' as unknown as Record<string, unknown> } });
    const record = await execute(`api.user.setAppMetadata('a', 1);`, {}, event);
    expect(record.error).toEqual({ message: 'Unexpected app_metadata format. Must be a valid JSON object' });
  });

  test('an Action that throws fails the login and nothing it asked for is applied', async () => {
    const record = await execute(`api.user.setAppMetadata('a', 1); api.access.deny('x'); throw new Error('boom');`);
    expect(record).toMatchObject({ outcome: 'failed', error: { message: 'boom' }, appMetadata: {} });
    expect(record.denied).toBeUndefined();
  });
});

describe('api.transaction.setMetadata', () => {
  test('is visible at once in event.transaction.metadata and kept in the record', async () => {
    const record = await execute(
      `api.transaction.setMetadata('k', 'v'); api.access.deny(String(event.transaction.metadata.k));`,
    );
    expect(record.denied).toEqual({ reason: 'v' });
    expect(record.transactionMetadata).toEqual({ k: 'v' });
  });

  test('null removes a key; metadata from an earlier execution carries in', async () => {
    const event = postLoginEvent({ transaction: { metadata: { old: 1, keep: true } } });
    expect((await execute(`api.transaction.setMetadata('old', null);`, {}, event)).transactionMetadata).toEqual({
      keep: true,
    });
  });

  test.each([
    [
      'a key over 64 characters',
      `api.transaction.setMetadata('${'k'.repeat(65)}', 1);`,
      'the key is longer than 64 characters',
    ],
    [
      'an object value',
      `api.transaction.setMetadata('k', { a: 1 });`,
      'the value must be a string, a number, a boolean',
    ],
    ['an unsafe integer', `api.transaction.setMetadata('k', 2 ** 53);`, 'the value is an unsafe integer'],
    ['a value over 8 KB', `api.transaction.setMetadata('k', 'x'.repeat(8192));`, 'the value is larger than 8192 bytes'],
    [
      'more than 16 KB in total',
      `api.transaction.setMetadata('a', 'x'.repeat(8000)); api.transaction.setMetadata('b', 'x'.repeat(8000)); api.transaction.setMetadata('c', 'x'.repeat(500));`,
      "the transaction's metadata would exceed 16384 bytes in total",
    ],
  ])('refuses %s (docs limitations.mdx)', async (_, body, message) => {
    const record = await execute(body);
    expect(record.outcome).toBe('failed');
    expect(record.error?.message).toContain(message);
  });
});

describe('MFA commands', () => {
  test('multifactor.enable and authentication.challengeWith are recorded for the login side', async () => {
    const record = await execute(
      `api.multifactor.enable('any', { allowRememberBrowser: false }); api.authentication.challengeWith({ type: 'otp' }, { additionalFactors: [{ type: 'email' }] });`,
    );
    expect(record).toMatchObject({
      outcome: 'continued',
      mfa: { provider: 'any', allowRememberBrowser: false },
      challenge: { factors: [{ type: 'otp' }, { type: 'email' }] },
    });
  });
});

test('a namespace the runtime does not implement fails loudly instead of doing nothing', async () => {
  const record = await execute(`api.cache.set('k', 'v');`);
  expect(record.outcome).toBe('failed');
  expect(record.error?.message).toMatch(/^api\.cache is not implemented by the local tenant's Actions runtime/);
  expect((await execute(`api.access.allow();`)).error?.message).toMatch(/^api\.access\.allow is not implemented/);
});
