// Giving up, in a real browser against the local tenant with the bundle deployed: every step of
// the form has a way back to the app ("Cancel, keep my current address" on the address and code
// steps, "Back to the app" on the step shown after the last wrong code), and each reaches the app
// as email_change_cancelled, with nothing written to the user (apart from the count of codes sent
// today, which a code sent before the cancel keeps) and nothing sent by the cancel itself.
import type { Page } from 'playwright-core';
import type { StoredUser } from '../../local-tenant';
import { loadEnvironmentConfig } from '../../scripts/lib/environment-config';
import { useBrowser } from '../helpers/browser';
import { useDeployedLocalTenant } from '../helpers/deployed-local-tenant';
import { addressFor, profileOf, useEmailChangeInBrowser, wrongCode } from '../helpers/email-change-browser';
import { ROOT } from '../helpers/paths';

const tenant = useDeployedLocalTenant();
const browser = useBrowser();
const change = useEmailChangeInBrowser(tenant, browser);

jest.setTimeout(60_000);

const TEMPLATE = loadEnvironmentConfig(ROOT, 'local').keywords as Record<string, unknown>;
const CANCELLED = { error: 'access_denied', description: 'email_change_cancelled' };
const TRANSACTION_GONE = 'This sign-in has expired or belongs to another browser. Go back to the app and start again.';
const CANCEL = 'Cancel, keep my current address';

/** A new user on the form's first step: the record as it is there (after the sign-in), and the outbox length. */
async function atAddressStep(
  prefix: string,
): Promise<{ user: StoredUser; page: Page; atForm: StoredUser; mark: number }> {
  const user = await change.createUser(prefix);
  const page = await change.newPage();
  await change.start(page, user);
  return { user, page, atForm: change.user(user.user_id), mark: (await change.outbox()).length };
}

/**
 * After the way out was pressed: the app got email_change_cancelled, the user is as on the form's
 * first step (but the count of codes sent) and exactly as just before the press, nothing was sent
 * by it, and the journey is over (its page answers that the sign-in is gone).
 */
async function expectCancelled(
  page: Page,
  formUrl: string,
  s: { user: StoredUser; atForm: StoredUser },
  beforePress: StoredUser,
  markBeforePress: number,
): Promise<void> {
  expect(await change.outcome(page)).toEqual(CANCELLED);
  const after = change.user(s.user.user_id);
  expect(after).toEqual(beforePress);
  expect(profileOf(after)).toEqual(profileOf(s.atForm));
  expect(after.email).toBe(s.user.email);
  expect(await change.outboxSince(markBeforePress)).toEqual([]);
  await page.goto(formUrl);
  expect(await change.text(page)).toContain(TRANSACTION_GONE);
}

test('the address step: Cancel, with an address typed and not sent, reaches the app as email_change_cancelled; nothing written, nothing sent', async () => {
  const s = await atAddressStep('cancel-address');
  const formUrl = s.page.url();
  expect(await change.buttons(s.page)).toEqual(['Send code', CANCEL]);
  await s.page.getByLabel('New email address').fill(addressFor(s.user, 'typed'));
  await change.cancel(s.page);
  await expectCancelled(s.page, formUrl, s, s.atForm, s.mark);
  expect(change.user(s.user.user_id)).toEqual(s.atForm);
  expect(await change.outboxTo(addressFor(s.user, 'typed'))).toEqual([]);
});

test('the code step: Cancel reaches the app as email_change_cancelled; nothing written but the code sent, nothing sent by the cancel; the code is no use afterwards', async () => {
  const s = await atAddressStep('cancel-code');
  const formUrl = s.page.url();
  const address = addressFor(s.user, 'pending');
  await change.sendCode(s.page, address);
  await change.atCodeStep(s.page);
  expect(await change.buttons(s.page)).toEqual([
    'Change my email',
    'Send a new code',
    'Use a different address',
    CANCEL,
  ]);
  const code = await change.latestCode(address);
  const beforePress = change.user(s.user.user_id);
  expect(beforePress.app_metadata.email_change_sends).toEqual(change.sendsToday(1));
  const mark = (await change.outbox()).length;

  // The code typed but not entered: the cancel neither checks nor applies it.
  await s.page.getByLabel('Code', { exact: true }).fill(code);
  await change.cancel(s.page);
  await expectCancelled(s.page, formUrl, s, beforePress, mark);
  expect((await change.outboxSince(s.mark)).map((m) => [m.to.map((t) => t.email), m.template_id])).toEqual([
    [[address], TEMPLATE.SENDGRID_TEMPLATE_CODE_EN],
  ]);

  // The code, posted to the ended journey's form, takes nothing.
  const posted = await change.post(s.page, formUrl, { code_en: code, action: 'next' });
  expect(posted.status).toBe(400);
  expect(posted.text).toContain(TRANSACTION_GONE);
  expect(change.user(s.user.user_id)).toEqual(beforePress);
  expect(await change.outboxSince(mark)).toEqual([]);
});

test('the code step: "Use a different address" goes back to the address step, and Cancel there reaches the app as email_change_cancelled; nothing written but the code sent', async () => {
  const s = await atAddressStep('cancel-other');
  const formUrl = s.page.url();
  const address = addressFor(s.user, 'first');
  await change.sendCode(s.page, address);
  await change.atCodeStep(s.page);
  const mark = (await change.outbox()).length;
  const beforePress = change.user(s.user.user_id);

  await change.press(s.page, 'Use a different address');
  await s.page.getByRole('heading', { name: 'Change your email address' }).waitFor();
  expect(await change.buttons(s.page)).toEqual(['Send code', CANCEL]);
  expect(change.user(s.user.user_id)).toEqual(beforePress);
  expect(await change.outboxSince(mark)).toEqual([]);

  await change.cancel(s.page);
  await expectCancelled(s.page, formUrl, s, beforePress, mark);
});

test('the stopped step after 5 wrong codes: "Back to the app", its only button, reaches the app as email_change_cancelled; nothing written, nothing sent', async () => {
  const s = await atAddressStep('cancel-stopped');
  const formUrl = s.page.url();
  const address = addressFor(s.user, 'stopped');
  await change.sendCode(s.page, address);
  await change.atCodeStep(s.page);
  const code = await change.latestCode(address);
  const mark = (await change.outbox()).length;
  const afterSend = change.user(s.user.user_id);

  for (let attempt = 1; attempt <= 5; attempt += 1) await change.enterCode(s.page, wrongCode(code, attempt));
  await change.atStoppedStep(s.page);
  expect(await change.buttons(s.page)).toEqual(['Back to the app']);
  expect(await change.text(s.page)).toContain('Your email address has not changed.');
  const beforePress = change.user(s.user.user_id);
  expect(beforePress).toEqual(afterSend);
  expect(await change.outboxSince(mark)).toEqual([]);

  await change.press(s.page, 'Back to the app');
  await expectCancelled(s.page, formUrl, s, beforePress, mark);
});

test('through the demo app: Cancel on the code step brings the person back to the app, which says the address has not changed', async () => {
  const user = await change.createUser('cancel-demo');
  const page = await change.newPage();
  await page.goto(tenant().env.DEMO_APP_URL as string);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await change.signIn(page, user.email);
  await page.getByRole('button', { name: 'Change email' }).click();
  await change.signIn(page, user.email);
  await page.getByRole('heading', { name: 'Change your email address' }).waitFor();
  const atForm = change.user(user.user_id);
  const address = addressFor(user, 'demo');
  await change.sendCode(page, address);
  await change.atCodeStep(page);
  const beforePress = change.user(user.user_id);
  const mark = (await change.outbox()).length;

  await change.cancel(page);
  const outcome = page.locator('#outcome');
  await outcome.waitFor();
  expect(await outcome.getAttribute('data-code')).toBe('email_change_cancelled');
  expect(((await outcome.textContent()) ?? '').trim()).toContain('Your email address has not changed.');
  // Still signed in to the app, with the old address.
  expect(((await page.locator('#email').textContent()) ?? '').trim()).toBe(user.email);
  expect(change.user(user.user_id)).toEqual(beforePress);
  expect(profileOf(change.user(user.user_id))).toEqual(profileOf(atForm));
  expect(await change.outboxSince(mark)).toEqual([]);
});
