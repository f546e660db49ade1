// A user with a TOTP factor changes their email in the browser: the tenant answers
// email_change_mfa_required to the password alone, the demo app starts the change again at once
// asking for both factors in that same sign-in (max_age=0 and acr_values: the password, the TOTP
// code, then the form, in one redirect; README "Users with MFA"), and the page explains what happened.
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { OutboxMessage, StoredUser } from '../../local-tenant';
import { totpCode } from '../../local-tenant/login/totp';
import { useBrowser } from '../helpers/browser';
import { useDeployedLocalTenant } from '../helpers/deployed-local-tenant';
import { accountOf, codeIn, expectChanged } from '../helpers/email-change-browser';
import { mkdirSync } from 'node:fs';
import { SCREENSHOTS_DIR } from '../helpers/test-output';

const tenant = useDeployedLocalTenant();
const browser = useBrowser();

const NEW_ADDRESS = 'mfa-demo.new@example.com';

async function shown(locator: Locator): Promise<void> {
  await locator.waitFor({ state: 'visible' });
}

async function textOf(locator: Locator): Promise<string> {
  await shown(locator);
  return ((await locator.textContent()) ?? '').trim();
}

async function outbox(): Promise<OutboxMessage[]> {
  return (await (await fetch(tenant().env.OUTBOX_URL as string)).json()) as OutboxMessage[];
}

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await shown(page.getByRole('heading', { name: 'Sign in' }));
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
}

test("the MFA user gives the password and a TOTP code in the change's own sign-in (the demo app retries once), and the change goes through", async () => {
  const t = tenant();
  const state = t.state.snapshot();
  const user = state.users.find((u) => u.user_id === state.demo?.mfaUserId);
  const email = user?.email as string;
  const password = state.demo?.mfaUserPassword as string;
  const secret = user?.totp_secret as string;
  const page = await browser.newPage();

  await page.goto(t.env.DEMO_APP_URL as string);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await signIn(page, email, password);
  expect(await textOf(page.locator('#email'))).toBe(email);

  const outboxBefore = (await outbox()).length;
  await page.getByRole('button', { name: 'Change email' }).click();
  // The change's fresh sign-in (max_age=0): the password alone is not enough for this user.
  await shown(page.getByText('Enter your password again to confirm that it is you.'));
  const firstSignIn = page.url();
  await signIn(page, email, password);
  // email_change_mfa_required came back; the demo app started the change again with max_age=0 and
  // acr_values: both factors in that one sign-in (a new login), so the password, then the TOTP code.
  await page.waitForURL((url) => url.pathname === '/u/login' && url.href !== firstSignIn);
  // The page says why the password is asked again: both factors follow in this sign-in.
  await shown(
    page.getByText(
      'Your account has two-step verification: enter your password, then the code from your authenticator app.',
    ),
  );
  expect(await page.getByLabel('Email address').inputValue()).toBe(email);
  await signIn(page, email, password);
  await shown(page.getByRole('heading', { name: 'Verify your identity' }));
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS_DIR, '6-mfa-code.png'), fullPage: true });
  await page.getByLabel('Code').fill(totpCode(secret, Date.now()));
  await page.getByRole('button', { name: 'Continue', exact: true }).click();

  // Right after the TOTP code, the change itself, with no further sign-in.
  await shown(page.getByRole('heading', { name: 'Change your email address' }));
  // Opening the form wrote nothing to the user (but the sign-ins' count and time).
  expect(accountOf(t.state.users.find((u) => u.user_id === user?.user_id) as StoredUser)).toEqual(
    accountOf(user as StoredUser),
  );
  await page.getByLabel('New email address').fill(NEW_ADDRESS);
  await page.getByRole('button', { name: 'Send code' }).click();
  await shown(page.getByRole('heading', { name: 'Check your email' }));
  await shown(page.getByText(`We sent a 6-digit code to ${NEW_ADDRESS}.`));
  const before = t.state.users.find((u) => u.user_id === user?.user_id) as StoredUser;
  const code = (
    (await outbox()).filter((m) => m.to.some((to) => to.email === NEW_ADDRESS)).at(-1)?.dynamic_template_data as {
      code?: string;
    }
  ).code as string;
  await page.getByLabel('Code').fill(code);
  await page.getByRole('button', { name: 'Change my email' }).click();

  await shown(page.locator('#outcome'));
  expect(await page.locator('#outcome').getAttribute('data-code')).toBe('email_change_completed');
  expect(await textOf(page.getByText('Your account has two-step verification'))).toContain(
    'so the tenant wants both factors in the same sign-in as the change. This app started the change again asking for them',
  );
  expectChanged(t.state.users.find((u) => u.user_id === user?.user_id) as StoredUser, before, NEW_ADDRESS);
  expect(
    (await outbox())
      .slice(outboxBefore)
      .map((m) => [m.to.map((to) => to.email), codeIn(m) === undefined ? 'notice' : 'code']),
  ).toEqual([
    [[NEW_ADDRESS], 'code'],
    [[email], 'notice'],
  ]);
}, 90_000);
