// Sessions of the login side as an app and a person see them, with a clock the test moves:
// prompt=none without a session, max_age from the session's authentication time, prompt=login,
// a changed email ending the sessions, codes that expire, logout, the language of the pages,
// brute-force protection, and a login that belongs to one browser only.
import { TestClock } from '../../helpers/email-change-journeys';
import { HttpBrowser } from '../../helpers/http-browser';
import { useLocalTenant } from '../../helpers/local-tenant';
import {
  APP_CALLBACK,
  APP_LOGOUT_RETURN,
  authorizeUrl,
  createApp,
  createUser,
  exchange,
  jwtPayload,
  management,
  PASSWORD,
  pkce,
  signInAt,
} from '../../helpers/login-apps';

const clock = new TestClock();
const tenant = useLocalTenant({ now: clock.now });

async function signedInBrowser(prefix: string) {
  const app = await createApp(tenant());
  const user = await createUser(tenant(), prefix);
  const browser = new HttpBrowser(tenant().httpUrl);
  const challenge = pkce();
  const page = await signInAt(browser, authorizeUrl(tenant(), app, challenge), user.email);
  expect(page.callback?.searchParams.get('code')).toEqual(expect.any(String));
  return { app, user, browser, signedInAt: clock.now(), challenge };
}

test('prompt=none without a session: login_required at the callback, with the state, and no page shown', async () => {
  const app = await createApp(tenant());
  const page = await new HttpBrowser(tenant().httpUrl).open(authorizeUrl(tenant(), app, pkce(), { prompt: 'none' }));
  expect(page.hops).toHaveLength(2);
  expect(page.callback?.origin + (page.callback?.pathname ?? '')).toBe(APP_CALLBACK);
  expect(Object.fromEntries(page.callback?.searchParams ?? [])).toEqual({
    error: 'login_required',
    error_description: 'Login required',
    state: 'app-state-123',
  });
});

test('with a session, prompt=none and a plain login get a code without the login page; auth_time stays the sign-in time', async () => {
  const { app, browser, signedInAt } = await signedInBrowser('silent');
  clock.advance(90);
  for (const extra of [{ prompt: 'none' }, {}] as Record<string, string>[]) {
    const challenge = pkce();
    const page = await browser.open(authorizeUrl(tenant(), app, challenge, extra));
    const code = page.callback?.searchParams.get('code');
    expect(code).toEqual(expect.any(String));
    const tokens = await exchange(tenant(), app, code as string, { code_verifier: challenge.verifier });
    expect(jwtPayload(tokens.body.id_token).auth_time).toBe(Math.floor(signedInAt / 1000));
  }
});

test('max_age is measured from the last sign-in: older shows the login page, younger does not, 0 always does', async () => {
  const { app, user, browser } = await signedInBrowser('max-age');
  clock.advance(120);
  const atLogin = (maxAge: string) => browser.open(authorizeUrl(tenant(), app, pkce(), { max_age: maxAge }));
  expect((await atLogin('60')).url.pathname).toBe('/u/login');
  expect((await atLogin('300')).callback?.searchParams.get('code')).toEqual(expect.any(String));
  const forced = await atLogin('0');
  expect(forced.url.pathname).toBe('/u/login');
  expect(forced.text).toContain('Enter your password again to confirm that it is you.');

  const challenge = pkce();
  const again = await signInAt(browser, authorizeUrl(tenant(), app, challenge, { max_age: '0' }), user.email);
  const tokens = await exchange(tenant(), app, again.callback?.searchParams.get('code') as string, {
    code_verifier: challenge.verifier,
  });
  expect(jwtPayload(tokens.body.id_token).auth_time).toBe(Math.floor(clock.now() / 1000));
});

test('prompt=login shows the login page even with a fresh session; max_age that is not a number is refused', async () => {
  const { app, browser } = await signedInBrowser('prompt-login');
  expect((await browser.open(authorizeUrl(tenant(), app, pkce(), { prompt: 'login' }))).url.pathname).toBe('/u/login');
  const bad = await browser.open(authorizeUrl(tenant(), app, pkce(), { max_age: 'soon' }));
  expect(bad.callback?.searchParams.get('error')).toBe('invalid_request');
  expect(bad.callback?.searchParams.get('error_description')).toBe(
    'max_age must be a whole number of seconds, got "soon".',
  );
});

test("changing the user's email ends their session: the next silent login gets login_required", async () => {
  const { app, user, browser } = await signedInBrowser('email-change');
  expect(
    (await browser.open(authorizeUrl(tenant(), app, pkce(), { prompt: 'none' }))).callback?.searchParams.get('code'),
  ).toEqual(expect.any(String));
  await management(tenant()).users.update(user.user_id, { email: `moved.${user.email}` });
  const after = await browser.open(authorizeUrl(tenant(), app, pkce(), { prompt: 'none' }));
  expect(after.callback?.searchParams.get('error')).toBe('login_required');
  expect(after.callback?.searchParams.get('code')).toBeNull();
});

test('an authorization code expires one minute after it is issued', async () => {
  const app = await createApp(tenant());
  const user = await createUser(tenant(), 'expiry');
  const browser = new HttpBrowser(tenant().httpUrl);
  const late = pkce();
  const page = await signInAt(browser, authorizeUrl(tenant(), app, late), user.email);
  clock.advance(61);
  expect(
    await exchange(tenant(), app, page.callback?.searchParams.get('code') as string, { code_verifier: late.verifier }),
  ).toEqual({
    status: 403,
    body: { error: 'invalid_grant', error_description: 'Invalid authorization code' },
  });
  const onTime = pkce();
  const fresh = await browser.open(authorizeUrl(tenant(), app, onTime));
  clock.advance(59);
  expect(
    (
      await exchange(tenant(), app, fresh.callback?.searchParams.get('code') as string, {
        code_verifier: onTime.verifier,
      })
    ).status,
  ).toBe(200);
});

test('logout: a returnTo that is not allowed signs nobody out; an allowed one ends the session and redirects', async () => {
  const { app, browser } = await signedInBrowser('logout');
  const logout = (returnTo: string) =>
    browser.request(`${tenant().httpUrl}/v2/logout?client_id=${app.clientId}&returnTo=${encodeURIComponent(returnTo)}`);
  const refused = await logout('http://evil.test/');
  expect(refused.status).toBe(400);
  expect(refused.headers.get('location')).toBeNull();
  expect(refused.text).toContain('is not one of the Allowed Logout URLs');
  expect(
    (await browser.open(authorizeUrl(tenant(), app, pkce(), { prompt: 'none' }))).callback?.searchParams.get('code'),
  ).toEqual(expect.any(String));

  const allowed = await logout(`${APP_LOGOUT_RETURN}?from=test`);
  expect(allowed.status).toBe(302);
  expect(allowed.headers.get('location')).toBe(`${APP_LOGOUT_RETURN}?from=test`);
  expect(
    (await browser.open(authorizeUrl(tenant(), app, pkce(), { prompt: 'none' }))).callback?.searchParams.get('error'),
  ).toBe('login_required');
});

test('ui_locales=es: the login page and its errors are in Spanish; an unknown language falls back to English', async () => {
  const app = await createApp(tenant());
  const browser = new HttpBrowser(tenant().httpUrl);
  const page = await browser.open(authorizeUrl(tenant(), app, pkce(), { ui_locales: 'es-MX en' }));
  expect(page.html).toContain('<html lang="es">');
  expect(page.text).toContain('Inicia sesión');
  const wrong = await browser.submit(page, { username: 'nobody@example.com', password: 'nope' });
  expect(wrong.status).toBe(401);
  expect(wrong.text).toContain('Correo electrónico o contraseña incorrectos.');
  expect((await browser.open(authorizeUrl(tenant(), app, pkce(), { ui_locales: 'fr' }))).text).toContain('Sign in');
});

test('ten wrong passwords in a row block the account here, even for the right password; others are not affected', async () => {
  const app = await createApp(tenant());
  const user = await createUser(tenant(), 'brute');
  const other = await createUser(tenant(), 'bystander');
  const browser = new HttpBrowser(tenant().httpUrl);
  const page = await browser.open(authorizeUrl(tenant(), app, pkce()));
  for (let attempt = 1; attempt <= 10; attempt += 1) {
    const wrong = await browser.submit(page, { username: user.email, password: `guess-${attempt}` });
    expect(wrong.text).toContain('Wrong email or password.');
  }
  const blocked = await browser.submit(page, { username: user.email, password: PASSWORD });
  expect(blocked.status).toBe(429);
  expect(blocked.callback).toBeUndefined();
  expect(blocked.text).toContain('This account is blocked after too many failed sign-in attempts');
  expect(
    (await browser.submit(page, { username: other.email, password: PASSWORD })).callback?.searchParams.get('code'),
  ).toEqual(expect.any(String));
});

test('a login belongs to the browser that started it: another browser with its state gets the error page', async () => {
  const app = await createApp(tenant());
  const user = await createUser(tenant(), 'two-browsers');
  const victim = new HttpBrowser(tenant().httpUrl);
  const page = await victim.open(authorizeUrl(tenant(), app, pkce()));
  const attacker = new HttpBrowser(tenant().httpUrl);
  await attacker.open(authorizeUrl(tenant(), app, pkce()));
  const stolen = await attacker.submit(page, { username: user.email, password: PASSWORD });
  expect(stolen.status).toBe(400);
  expect(stolen.callback).toBeUndefined();
  expect(stolen.text).toContain('This sign-in has expired or belongs to another browser.');
  // The victim's own login still works.
  expect(
    (await victim.submit(page, { username: user.email, password: PASSWORD })).callback?.searchParams.get('code'),
  ).toEqual(expect.any(String));
});

test('the session cookie is HttpOnly and SameSite=Lax, and a new one is issued at sign-in', async () => {
  const app = await createApp(tenant());
  const user = await createUser(tenant(), 'cookie');
  const browser = new HttpBrowser(tenant().httpUrl);
  const first = await browser.request(authorizeUrl(tenant(), app, pkce()));
  const [cookie] = first.headers.getSetCookie();
  expect(cookie).toMatch(/^local_tenant_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
  const before = browser.cookies.get('local_tenant_session');
  const page = await browser.open(new URL(first.headers.get('location') as string, tenant().httpUrl));
  await browser.submit(page, { username: user.email, password: PASSWORD });
  expect(browser.cookies.get('local_tenant_session')).not.toBe(before);
});

test('a blocked user who knows the password reaches the app as unauthorized "user is blocked", with no code', async () => {
  const app = await createApp(tenant());
  const user = await createUser(tenant(), 'blocked');
  await management(tenant()).users.update(user.user_id, { blocked: true });
  const page = await signInAt(new HttpBrowser(tenant().httpUrl), authorizeUrl(tenant(), app, pkce()), user.email);
  expect(Object.fromEntries(page.callback?.searchParams ?? [])).toEqual({
    error: 'unauthorized',
    error_description: 'user is blocked',
    state: 'app-state-123',
  });
});
