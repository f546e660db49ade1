// TOTP MFA on the login side: asked for by acr_values (README "Users with MFA"), challenged only
// for users with a factor, each code accepted once, and remembered in the session's
// authentication methods for later logins of the same session.
import { totpCode } from '../../../local-tenant/login/totp';
import { TestClock } from '../../helpers/email-change-journeys';
import { HttpBrowser } from '../../helpers/http-browser';
import { useLocalTenant } from '../../helpers/local-tenant';
import {
  authorizeUrl,
  createApp,
  createUser,
  enrolTotp,
  exchange,
  jwtPayload,
  pkce,
  signInAt,
} from '../../helpers/login-apps';
import { bindPostLoginActions } from '../../helpers/post-login-actions';

const MFA = 'http://schemas.openid.net/pape/policies/2007/06/multi-factor';
const clock = new TestClock();
const tenant = useLocalTenant({ now: clock.now });

beforeAll(async () => {
  // An Action that shows the methods of the session on the callback when the app asks.
  await bindPostLoginActions(tenant(), [
    {
      name: 'show-methods',
      code: `exports.onExecutePostLogin = async (event, api) => {
        if (event.request.query.show === 'methods') api.access.deny(JSON.stringify(event.authentication.methods));
      };`,
    },
  ]);
});

async function mfaUser(prefix: string) {
  const user = await createUser(tenant(), prefix);
  return { ...user, secret: await enrolTotp(tenant(), user.user_id) };
}

test('acr_values asks for MFA: after the password the TOTP page, a wrong code refused, the right one gives a code with amr mfa', async () => {
  const app = await createApp(tenant());
  const user = await mfaUser('mfa');
  const browser = new HttpBrowser(tenant().httpUrl);
  const challenge = pkce();
  const page = await signInAt(
    browser,
    authorizeUrl(tenant(), app, challenge, { acr_values: MFA, max_age: '0' }),
    user.email,
  );
  expect(page.url.pathname).toBe('/u/mfa-otp');
  expect(page.text).toContain('Enter the 6-digit code your authenticator app shows for this account.');
  const right = totpCode(user.secret, clock.now());
  const wrong = await browser.submit(page, { code: right === '123456' ? '654321' : '123456' });
  expect(wrong.status).toBe(401);
  expect(wrong.text).toContain('Wrong code.');
  const done = await browser.submit(wrong, { code: right });
  const code = done.callback?.searchParams.get('code');
  expect(code).toEqual(expect.any(String));
  const tokens = await exchange(tenant(), app, code as string, { code_verifier: challenge.verifier });
  expect(jwtPayload(tokens.body.id_token)).toMatchObject({ sub: user.user_id, amr: ['mfa'], acr: MFA });
});

test('a TOTP code is accepted once: the same code in a second login is refused', async () => {
  const app = await createApp(tenant());
  const user = await mfaUser('replay');
  const code = totpCode(user.secret, clock.now());
  const first = new HttpBrowser(tenant().httpUrl);
  const firstPage = await signInAt(first, authorizeUrl(tenant(), app, pkce(), { acr_values: MFA }), user.email);
  expect((await first.submit(firstPage, { code })).callback?.searchParams.get('code')).toEqual(expect.any(String));
  const second = new HttpBrowser(tenant().httpUrl);
  const secondPage = await signInAt(second, authorizeUrl(tenant(), app, pkce(), { acr_values: MFA }), user.email);
  const replayed = await second.submit(secondPage, { code });
  expect(replayed.callback).toBeUndefined();
  expect(replayed.text).toContain('Wrong code.');
});

test('the session keeps the MFA with its time: a later login of the same session lists it for the Actions', async () => {
  const app = await createApp(tenant());
  const user = await mfaUser('session');
  const browser = new HttpBrowser(tenant().httpUrl);
  const signedInAt = new Date(clock.now()).toISOString();
  const page = await signInAt(browser, authorizeUrl(tenant(), app, pkce(), { acr_values: MFA }), user.email);
  clock.advance(40);
  const mfaAt = new Date(clock.now()).toISOString();
  expect(
    (await browser.submit(page, { code: totpCode(user.secret, clock.now()) })).callback?.searchParams.get('code'),
  ).toEqual(expect.any(String));
  clock.advance(30);
  const later = await browser.open(authorizeUrl(tenant(), app, pkce(), { show: 'methods' }));
  expect(JSON.parse(later.callback?.searchParams.get('error_description') as string)).toEqual([
    { name: 'pwd', timestamp: signedInAt },
    { name: 'mfa', type: 'otp', timestamp: mfaAt },
  ]);
});

test('no challenge without acr_values, nor for a user without a factor; prompt=none cannot challenge', async () => {
  const app = await createApp(tenant());
  const withFactor = await mfaUser('no-acr');
  const plain = await createUser(tenant(), 'no-factor');
  expect(
    (
      await signInAt(new HttpBrowser(tenant().httpUrl), authorizeUrl(tenant(), app, pkce()), withFactor.email)
    ).callback?.searchParams.get('code'),
  ).toEqual(expect.any(String));
  expect(
    (
      await signInAt(
        new HttpBrowser(tenant().httpUrl),
        authorizeUrl(tenant(), app, pkce(), { acr_values: MFA }),
        plain.email,
      )
    ).callback?.searchParams.get('code'),
  ).toEqual(expect.any(String));
  const browser = new HttpBrowser(tenant().httpUrl);
  await signInAt(browser, authorizeUrl(tenant(), app, pkce()), withFactor.email);
  const silent = await browser.open(authorizeUrl(tenant(), app, pkce(), { acr_values: MFA, prompt: 'none' }));
  expect(silent.callback?.searchParams.get('error')).toBe('interaction_required');
});

test('five wrong codes end the login: the error page, no callback, and the page cannot be used again', async () => {
  const app = await createApp(tenant());
  const user = await mfaUser('guessing');
  const browser = new HttpBrowser(tenant().httpUrl);
  let page = await signInAt(browser, authorizeUrl(tenant(), app, pkce(), { acr_values: MFA }), user.email);
  const mfaPage = page;
  const right = totpCode(user.secret, clock.now());
  const wrong = right === '000001' ? '000002' : '000001';
  for (let attempt = 1; attempt <= 5; attempt += 1) page = await browser.submit(mfaPage, { code: wrong });
  expect(page.status).toBe(429);
  expect(page.text).toContain('Too many wrong codes.');
  const after = await browser.submit(mfaPage, { code: right });
  expect(after.callback).toBeUndefined();
  expect(after.status).toBe(400);
});
