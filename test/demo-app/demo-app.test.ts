// The demo app's answer to every outcome of the app contract (README table): the message a person
// reads, or the login it starts (max_age=0 again, or MFA first and the change right after), never
// a loop; callbacks it did not start are ignored; whatever the callback carries is escaped.
import { DENY } from '../../actions/email-change/contract';
import { DEMO_APP_SURFACES } from '../../demo-app/demo-app-surfaces';
import { totpCode } from '../../local-tenant/login/totp';
import { type Reply, visibleText } from '../../bench/lib/http-session';
import { HttpBrowser } from '../helpers/http-browser';
import { useLocalTenant } from '../helpers/local-tenant';

const MFA = 'http://schemas.openid.net/pape/policies/2007/06/multi-factor';
const tenant = useLocalTenant({ demo: true, apps: DEMO_APP_SURFACES });

/** A browser on the demo app with a change started: the state of its pending login. */
async function startedChange(): Promise<{ browser: HttpBrowser; authorize: URL }> {
  const browser = new HttpBrowser(tenant().httpUrl);
  await browser.request(tenant().env.DEMO_APP_URL as string);
  const response = await browser.request(`${tenant().httpUrl}/demo/change-email`, { method: 'POST', form: {} });
  expect(response.status).toBe(302);
  return { browser, authorize: new URL(response.headers.get('location') as string) };
}

async function callback(browser: HttpBrowser, params: Record<string, string>): Promise<Reply> {
  return browser.request(`${tenant().env.DEMO_REDIRECT_URI}?${new URLSearchParams(params).toString()}`);
}

async function demoPageText(browser: HttpBrowser): Promise<string> {
  const response = await browser.request(tenant().env.DEMO_APP_URL as string);
  return visibleText(response.text);
}

const outcome = (state: string, code: string) => ({ error: 'access_denied', error_description: code, state });

test('Change email goes to /authorize with email_change=true, max_age=0, PKCE S256 and the demo client', async () => {
  const { authorize } = await startedChange();
  expect(authorize.origin + authorize.pathname).toBe(`${tenant().httpUrl}/authorize`);
  expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
    client_id: tenant().env.DEMO_CLIENT_ID,
    redirect_uri: tenant().env.DEMO_REDIRECT_URI,
    response_type: 'code',
    email_change: 'true',
    max_age: '0',
    code_challenge_method: 'S256',
    code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
  });
});

test.each([
  [DENY.completed, 'Your email address has changed. Sign in again with your new address'],
  [
    DENY.unsupportedIdentity,
    'You sign in with another provider (Google, for example), which owns your email address: change it there.',
  ],
  [
    DENY.rateLimited,
    'Too many email changes or codes for this account today. Try again tomorrow, or, in this demo, press "Reset my email-change budget" below.',
  ],
  [DENY.cancelled, 'Your email address has not changed.'],
  [DENY.misconfigured, 'Email change is unavailable right now: try again later.'],
  ['email_change_something_new', 'The email change ended with an outcome this app does not know.'],
])('%s: the page says what happened', async (code, message) => {
  const { browser, authorize } = await startedChange();
  const response = await callback(browser, outcome(authorize.searchParams.get('state') as string, code));
  expect(response.status).toBe(303);
  expect(response.headers.get('location')).toBe('/demo/');
  const text = await demoPageText(browser);
  expect(text).toContain(message);
  expect(text).toContain(code);
  // Shown once: a reload no longer shows it.
  expect(await demoPageText(browser)).not.toContain(message);
});

test.each([DENY.reauthenticationRequired, DENY.notInteractive])(
  '%s: the change starts again with max_age=0, once; the same answer again is shown',
  async (code) => {
    const { browser, authorize } = await startedChange();
    const retry = await callback(browser, outcome(authorize.searchParams.get('state') as string, code));
    expect(retry.status).toBe(302);
    const again = new URL(retry.headers.get('location') as string);
    expect(again.searchParams.get('email_change')).toBe('true');
    expect(again.searchParams.get('max_age')).toBe('0');
    const shown = await callback(browser, outcome(again.searchParams.get('state') as string, code));
    expect(shown.status).toBe(303);
    expect(await demoPageText(browser)).toContain('The email change could not start after a fresh sign-in.');
  },
);

test('email_change_mfa_required: one retry asks for both factors and the change in the same sign-in (max_age=0, acr_values, email_change)', async () => {
  const { browser, authorize } = await startedChange();
  const mfa = await callback(browser, outcome(authorize.searchParams.get('state') as string, DENY.mfaRequired));
  expect(mfa.status).toBe(302);
  const retry = new URL(mfa.headers.get('location') as string);
  expect(retry.searchParams.get('acr_values')).toBe(MFA);
  expect(retry.searchParams.get('max_age')).toBe('0');
  expect(retry.searchParams.get('email_change')).toBe('true');

  // The seeded MFA user is asked for the password and the TOTP code on that one redirect
  // (no Action is deployed here: the login ends with a code, which the demo does not expect of a change).
  const state = tenant().state.snapshot();
  const user = state.users.find((u) => u.user_id === state.demo?.mfaUserId);
  let page = await browser.open(retry);
  page = await browser.submit(page, {
    username: user?.email as string,
    password: state.demo?.mfaUserPassword as string,
  });
  expect(page.url.pathname).toBe('/u/mfa-otp');
  page = await browser.submit(page, { code: totpCode(user?.totp_secret as string, Date.now()) });
  expect(page.callback?.pathname).toBe('/demo/callback');

  // mfa_required again after that retry: shown, not retried.
  const shown = await callback(browser, outcome(retry.searchParams.get('state') as string, DENY.mfaRequired));
  expect(shown.status).toBe(303);
  expect(await demoPageText(browser)).toContain(
    'Two-step verification could not be completed, so your email address has not changed.',
  );
});

test('a callback this browser did not start is ignored; what a callback carries is escaped', async () => {
  const { browser, authorize } = await startedChange();
  await callback(browser, outcome('a-state-nobody-sent', DENY.completed));
  const ignored = await demoPageText(browser);
  expect(ignored).toContain('This callback does not answer a sign-in this app started in this browser');
  expect(ignored).not.toContain('Your email address has changed.');

  await callback(browser, {
    error: 'server_error',
    error_description: '<img src=x onerror=alert(1)>',
    state: authorize.searchParams.get('state') as string,
  });
  const { text: html } = await browser.request(tenant().env.DEMO_APP_URL as string);
  expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  expect(html).not.toContain('<img src=x');
});

test('the env file names the demo: its URL, client, redirect URI and user', async () => {
  const env = tenant().env;
  expect(env.DEMO_APP_URL).toBe(`${tenant().httpUrl}/demo/`);
  expect(env.DEMO_REDIRECT_URI).toBe(`${tenant().httpUrl}/demo/callback`);
  expect(tenant().state.clients.find((c) => c.client_id === env.DEMO_CLIENT_ID)).toMatchObject({
    app_type: 'spa',
    token_endpoint_auth_method: 'none',
    callbacks: [env.DEMO_REDIRECT_URI],
  });
  expect(tenant().state.users.some((u) => u.email === env.DEMO_USER_EMAIL)).toBe(true);
  expect(env.DEMO_USER_PASSWORD).toMatch(/^[A-Za-z0-9]{6}-[A-Za-z0-9]{6}-[A-Za-z0-9]{6}$/);
});
