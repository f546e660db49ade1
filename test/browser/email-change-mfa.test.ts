// A user with a TOTP factor changes their email in the browser: the tenant answers
// email_change_mfa_required, the demo app signs them in with MFA and starts the change again at
// once (README "Users with MFA"), and the page explains what happened.
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { OutboxMessage } from '../../local-tenant';
import { totpCode } from '../../local-tenant/login/totp';
import { useBrowser } from '../helpers/browser';
import { useDeployedLocalTenant } from '../helpers/deployed-local-tenant';
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

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await shown(page.getByRole('heading', { name: 'Sign in' }));
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
}

test('the MFA user passes a TOTP challenge on the way, and the change goes through', async () => {
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

  await page.getByRole('button', { name: 'Change email' }).click();
  await signIn(page, email, password);
  // email_change_mfa_required came back; the demo app asked for MFA on the sign-in just made: the
  // code only, no third password.
  await shown(page.getByRole('heading', { name: 'Verify your identity' }));
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS_DIR, '6-mfa-code.png'), fullPage: true });
  await page.getByLabel('Code').fill(totpCode(secret, Date.now()));
  await page.getByRole('button', { name: 'Continue', exact: true }).click();

  // Right after the MFA sign-in, the change itself, with no further sign-in.
  await shown(page.getByRole('heading', { name: 'Change your email address' }));
  await page.getByLabel('New email address').fill(NEW_ADDRESS);
  await page.getByRole('button', { name: 'Send code' }).click();
  await shown(page.getByRole('heading', { name: 'Check your email' }));
  const outbox = (await (await fetch(t.env.OUTBOX_URL as string)).json()) as OutboxMessage[];
  const code = (outbox.filter((m) => m.to.some((to) => to.email === NEW_ADDRESS)).at(-1)?.dynamic_template_data as { code?: string }).code as string;
  await page.getByLabel('Code').fill(code);
  await page.getByRole('button', { name: 'Change my email' }).click();

  await shown(page.locator('#outcome'));
  expect(await page.locator('#outcome').getAttribute('data-code')).toBe('email_change_completed');
  expect(await textOf(page.getByText('Your account has two-step verification'))).toContain('This app asked for your second factor');
  expect(t.state.users.find((u) => u.user_id === user?.user_id)?.email).toBe(NEW_ADDRESS);
}, 90_000);
