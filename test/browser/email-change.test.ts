// The whole email change in a real browser, as a person lives it on the local tenant with the
// bundle deployed: the demo user signs in to the demo app, presses Change email, signs in again,
// enters a new address, reads the code from the outbox, enters it, comes back to the demo app
// with email_change_completed, and signs in with the new address. Each step of the form is
// screenshotted (test-output.ts: docs/screenshots/ with npm run docs:refresh, which the README shows).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { LocalTenant, OutboxMessage, StoredUser } from '../../local-tenant';
import { loadEnvironmentConfig } from '../../scripts/lib/environment-config';
import { useBrowser } from '../helpers/browser';
import { useDeployedLocalTenant } from '../helpers/deployed-local-tenant';
import { ROOT } from '../helpers/paths';
import { SCREENSHOTS_DIR } from '../helpers/test-output';

const tenant = useDeployedLocalTenant();
const browser = useBrowser();

const SCREENSHOTS = SCREENSHOTS_DIR;
const NEW_ADDRESS = 'demo.new@example.com';

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Waits until the element is on the page and visible (the page may still be loading after a click). */
async function shown(locator: Locator): Promise<void> {
  await locator.waitFor({ state: 'visible' });
}

async function textOf(locator: Locator): Promise<string> {
  await shown(locator);
  return ((await locator.textContent()) ?? '').trim();
}

async function outbox(t: LocalTenant): Promise<OutboxMessage[]> {
  const response = await fetch(t.env.OUTBOX_URL as string);
  expect(response.status).toBe(200);
  return (await response.json()) as OutboxMessage[];
}

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await shown(page.getByRole('heading', { name: 'Sign in' }));
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
}

const localKeyword = (name: string): unknown => loadEnvironmentConfig(ROOT, 'local').keywords[name];

test('the demo user changes their email in the browser, then signs in with the new address', async () => {
  const t = tenant();
  const oldAddress = t.env.DEMO_USER_EMAIL as string;
  const password = t.env.DEMO_USER_PASSWORD as string;
  const page = await browser.newPage();

  await page.goto(t.env.DEMO_APP_URL as string);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await signIn(page, oldAddress, password);
  expect(await textOf(page.locator('#email'))).toBe(oldAddress);

  await page.getByRole('button', { name: 'Change email' }).click();
  // max_age=0: the tenant asks for the password again, the address already filled in.
  await shown(page.getByText('Enter your password again to confirm that it is you.'));
  expect(await page.getByLabel('Email address').inputValue()).toBe(oldAddress);
  await screenshot(page, '1-sign-in-again');
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Continue', exact: true }).click();

  await shown(page.getByRole('heading', { name: 'Change your email address' }));
  await shown(page.getByText(`Your current address is ${oldAddress}.`));
  await screenshot(page, '2-form-new-address');
  await page.getByLabel('New email address').fill(NEW_ADDRESS);
  await page.getByRole('button', { name: 'Send code' }).click();

  await shown(page.getByRole('heading', { name: 'Check your email' }));
  // The address in full, as the person typed it: they can see a typo before they wait for the email.
  await shown(page.getByText(`We sent a 6-digit code to ${NEW_ADDRESS}.`));
  const codeMail = (await outbox(t)).filter((m) => m.to.some((to) => to.email === NEW_ADDRESS)).at(-1);
  expect(codeMail?.template_id).toBe(localKeyword('SENDGRID_TEMPLATE_CODE_EN'));
  const code = (codeMail?.dynamic_template_data as { code?: string } | undefined)?.code as string;
  expect(code).toMatch(/^[0-9]{6}$/);
  // Until the code is entered nothing about the account has changed (but today's code count).
  const demoUser = t.state.users.find((u) => u.email === oldAddress);
  expect(demoUser).toBeDefined();
  const before = structuredClone(demoUser) as StoredUser;
  await screenshot(page, '3-form-code');

  // A wrong code: the code step again, with a notice under the address (not an error), nothing changed.
  const wrong = code === '000000' ? '111111' : '000000';
  await page.getByLabel('Code').fill(wrong);
  await page.getByRole('button', { name: 'Change my email' }).click();
  await shown(page.getByText('That code is not right. Check the latest email and try again: 4 attempts left.'));
  await shown(page.getByRole('heading', { name: 'Check your email' }));
  expect(await page.getByRole('alert').count()).toBe(0);
  expect(t.state.users.find((u) => u.user_id === before.user_id)).toEqual(before);
  await screenshot(page, '4-form-wrong-code');
  await page.getByLabel('Code').fill(code);
  await page.getByRole('button', { name: 'Change my email' }).click();

  // Back in the demo app: the outcome, and a sign-in again, since the app's tokens carry the old address.
  await shown(page.locator('#outcome'));
  expect(await page.locator('#outcome').getAttribute('data-code')).toBe('email_change_completed');
  expect(await textOf(page.locator('#outcome'))).toContain('Your email address has changed.');
  await shown(page.getByRole('heading', { name: 'You are signed out' }));
  await screenshot(page, '5-demo-app-completed');

  await page.getByRole('button', { name: 'Sign in' }).click();
  // The change ended the tenant session: the login page asks again, and the old address no longer works.
  await signIn(page, oldAddress, password);
  expect(await textOf(page.getByRole('alert'))).toBe('Wrong email or password.');
  await page.getByLabel('Email address').fill(NEW_ADDRESS);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  expect(await textOf(page.locator('#email'))).toBe(NEW_ADDRESS);

  const notice = (await outbox(t)).filter((m) => m.to.some((to) => to.email === oldAddress));
  expect(notice).toHaveLength(1);
  expect(notice[0]?.template_id).toBe(localKeyword('SENDGRID_TEMPLATE_NOTICE_OLD_EN'));
  expect(notice[0]?.dynamic_template_data).toEqual({
    new_email: NEW_ADDRESS,
    changed_at: expect.any(String),
    change_id: expect.any(String),
    support_url: localKeyword('SUPPORT_URL'),
  });
  // The change is recorded in the user's history, with the notice's fate next to it.
  const changed = t.state.users.find((u) => u.user_id === before.user_id) as StoredUser;
  const history = changed.app_metadata.email_change_history as Record<string, Record<string, string>>;
  expect(history.c1).toMatchObject({
    kind: 'change',
    previous_email: oldAddress,
    new_email: NEW_ADDRESS,
    old_address_notice: 'pending',
  });
  expect(notice[0]?.dynamic_template_data).toMatchObject({
    change_id: history.c1?.change_id,
    changed_at: history.c1?.changed_at,
  });
  expect(changed.app_metadata.email_change_notice).toEqual({
    change_id: history.c1?.change_id,
    status: 'sent',
    at: history.c1?.changed_at,
  });
}, 90_000);
