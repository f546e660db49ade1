// The deployed email-change Action and Form running live on the login side, for the outcomes that
// do not end in a change: each reaches the app's callback as access_denied with its code (README
// "The contract with apps"), and the MFA retry the README describes leads to the form.
import { totpCode } from '../../../local-tenant/login/totp';
import { useDeployedLocalTenant } from '../../helpers/deployed-local-tenant';
import { HttpBrowser, type HttpPage } from '../../helpers/http-browser';
import {
  authorizeUrl,
  createApp,
  createUser,
  enrolTotp,
  management,
  pkce,
  signInAt,
  type TestApp,
} from '../../helpers/login-apps';

const MFA = 'http://schemas.openid.net/pape/policies/2007/06/multi-factor';
const tenant = useDeployedLocalTenant();

let app: TestApp;
beforeAll(async () => {
  app = await createApp(tenant());
});

const outcomeOf = (page: HttpPage) => ({
  error: page.callback?.searchParams.get('error'),
  description: page.callback?.searchParams.get('error_description'),
});
const change = (extra: Record<string, string> = {}) =>
  authorizeUrl(tenant(), app, pkce(), { email_change: 'true', max_age: '0', ...extra });

test('a silent login cannot change an email: email_change_not_interactive', async () => {
  const user = await createUser(tenant(), 'silent');
  const browser = new HttpBrowser(tenant().httpUrl);
  expect(
    (await signInAt(browser, authorizeUrl(tenant(), app, pkce()), user.email)).callback?.searchParams.get('code'),
  ).toEqual(expect.any(String));
  const page = await browser.open(authorizeUrl(tenant(), app, pkce(), { email_change: 'true', prompt: 'none' }));
  expect(outcomeOf(page)).toEqual({ error: 'access_denied', description: 'email_change_not_interactive' });
});

test('a Google user (the stand-in button) gets email_change_unsupported_identity', async () => {
  const browser = new HttpBrowser(tenant().httpUrl);
  const login = await browser.open(change());
  const chooser = await browser.open(
    new URL(
      `/u/login/google-oauth2?state=${encodeURIComponent(login.url.searchParams.get('state') as string)}`,
      tenant().httpUrl,
    ),
  );
  expect(chooser.text).toContain('google-demo@example.com');
  const socialUser = tenant().state.users.find((u) => u.email === 'google-demo@example.com');
  const page = await browser.submit(chooser, { user_id: socialUser?.user_id as string });
  expect(outcomeOf(page)).toEqual({ error: 'access_denied', description: 'email_change_unsupported_identity' });
});

test('opening the form spends no budget; three changes made in a day do: the fourth gets email_change_rate_limited, without a form', async () => {
  const user = await createUser(tenant(), 'budget');
  for (let opened = 1; opened <= 4; opened += 1) {
    const page = await signInAt(new HttpBrowser(tenant().httpUrl), change(), user.email);
    expect(page.url.pathname).toBe('/u/form');
    expect(page.text).toContain('Change your email address');
  }
  // Nothing was written to the user by showing the form four times.
  expect(tenant().state.users.find((u) => u.user_id === user.user_id)?.app_metadata).toEqual({});
  const made = (minutesAgo: number, n: number) => ({
    kind: 'change',
    change_id: `c${n}`,
    changed_at: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
  });
  await management(tenant()).users.update(user.user_id, {
    app_metadata: { email_change_history: { c1: made(1, 1), c2: made(30, 2), c3: made(600, 3) } },
  });
  const fourth = await signInAt(new HttpBrowser(tenant().httpUrl), change(), user.email);
  expect(outcomeOf(fourth)).toEqual({ error: 'access_denied', description: 'email_change_rate_limited' });
});

test('a session cookie alone does not open the form: without max_age=0 or prompt=login the app gets email_change_reauthentication_required', async () => {
  const user = await createUser(tenant(), 'cookie');
  const browser = new HttpBrowser(tenant().httpUrl);
  expect(
    (await signInAt(browser, authorizeUrl(tenant(), app, pkce()), user.email)).callback?.searchParams.get('code'),
  ).toEqual(expect.any(String));
  // Seconds later, the same browser (the same session cookie), no fresh sign-in asked for.
  const page = await browser.open(authorizeUrl(tenant(), app, pkce(), { email_change: 'true' }));
  expect(outcomeOf(page)).toEqual({ error: 'access_denied', description: 'email_change_reauthentication_required' });
});

test('a user with a factor gets email_change_mfa_required; one redirect with max_age=0 and acr_values asks for both factors, then shows the form, in Spanish when asked', async () => {
  const user = await createUser(tenant(), 'factor');
  const secret = await enrolTotp(tenant(), user.user_id);
  const browser = new HttpBrowser(tenant().httpUrl);
  expect(outcomeOf(await signInAt(browser, change(), user.email))).toEqual({
    error: 'access_denied',
    description: 'email_change_mfa_required',
  });

  const mfaPage = await signInAt(
    browser,
    authorizeUrl(tenant(), app, pkce(), { email_change: 'true', max_age: '0', acr_values: MFA, ui_locales: 'es' }),
    user.email,
  );
  expect(mfaPage.url.pathname).toBe('/u/mfa-otp');
  const form = await browser.submit(mfaPage, { code: totpCode(secret, Date.now()) });
  expect(form.url.pathname).toBe('/u/form');
  expect(form.html).toContain('<html lang="es">');
  expect(form.text).toContain('Cambia tu dirección de correo electrónico');
  expect(form.text).toContain(`Tu dirección actual es ${user.email}.`);
});

test('while the form is under way, signing in again from the old login page leads back to the form, never to a code', async () => {
  const user = await createUser(tenant(), 'back-button');
  const browser = new HttpBrowser(tenant().httpUrl);
  const loginPage = await browser.open(change());
  const form = await browser.submit(loginPage, { username: user.email, password: 'correct horse battery staple' });
  expect(form.url.pathname).toBe('/u/form');
  const again = await browser.submit(loginPage, { username: user.email, password: 'correct horse battery staple' });
  expect(again.callback).toBeUndefined();
  expect(again.url.href).toBe(form.url.href);
  expect(again.text).toContain('Change your email address');
});

test('broken settings get email_change_misconfigured, and only email changes are affected', async () => {
  const client = management(tenant());
  const action = tenant().state.actions.find((a) => a.action.name === 'email-change');
  const secrets = Object.entries(action?.secretValues ?? {}).map(([name, value]) => ({
    name,
    value: name === 'MAX_CHANGES_PER_DAY' ? 'many' : value,
  }));
  await client.actions.update(action?.action.id as string, { secrets });
  await client.actions.deploy(action?.action.id as string);

  const user = await createUser(tenant(), 'misconfigured');
  const browser = new HttpBrowser(tenant().httpUrl);
  expect(
    (await signInAt(browser, authorizeUrl(tenant(), app, pkce()), user.email)).callback?.searchParams.get('code'),
  ).toEqual(expect.any(String));
  expect(outcomeOf(await signInAt(browser, change(), user.email))).toEqual({
    error: 'access_denied',
    description: 'email_change_misconfigured',
  });
});
