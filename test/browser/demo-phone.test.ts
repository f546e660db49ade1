// The demo as a person tries it on a 375 px wide phone, with the bundle deployed: nothing scrolls
// sideways (the demo app, each step of the form, the outbox), Enter on the code step submits the
// code, the code field brings up the number pad and takes the code from the message, a refused
// address takes the focus to the field it is about, a wrong code shows its notice on the code
// step, the resend wait counts down, the outbox shows new
// messages by itself, the tenant's root URL says what it serves, and a demo user who used up the
// day's email changes gets them back (the demo page's button, and --reset-user on a running
// tenant). Screenshots go through test-output.ts (docs/screenshots with npm run docs:refresh).
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { SENDS_APP_METADATA_KEY } from '../../actions/email-change/contract';
import type { LocalTenant, OutboxMessage } from '../../local-tenant';
import { OUTBOX_POLL_SECONDS } from '../../local-tenant/outbox/outbox-page';
import { localSenderEmail } from '../../scripts/lib/environment-config';
import { useBrowser } from '../helpers/browser';
import { useDeployedLocalTenant } from '../helpers/deployed-local-tenant';
import { management } from '../helpers/login-apps';
import { ROOT, scriptArgs } from '../helpers/paths';
import { sendgridClient } from '../helpers/sendgrid-client';
import { SCREENSHOTS_DIR } from '../helpers/test-output';

const tenant = useDeployedLocalTenant();
const browser = useBrowser();

const PHONE = { width: 375, height: 740 };
const NEW_ADDRESS = 'phone.new@example.com';

async function phonePage(): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewportSize(PHONE);
  return page;
}

/** No sideways scrolling: the page is no wider than the phone. Then a full-page screenshot. */
async function fitsThePhone(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('load');
  const width = await page.evaluate(() => (document.scrollingElement as Element).scrollWidth);
  expect({ page: name, scrollWidth: width }).toEqual({ page: name, scrollWidth: expect.any(Number) });
  expect({ page: name, fits: width <= PHONE.width, width }).toMatchObject({ page: name, fits: true });
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS_DIR, `phone-${name}.png`), fullPage: true });
}

async function shown(locator: Locator): Promise<void> {
  await locator.waitFor({ state: 'visible' });
}

async function outbox(t: LocalTenant): Promise<OutboxMessage[]> {
  return (await (await fetch(t.env.OUTBOX_URL as string)).json()) as OutboxMessage[];
}

const codesTo = async (t: LocalTenant, address: string): Promise<string[]> =>
  (await outbox(t))
    .filter((m) => m.to.some((to) => to.email === address))
    .map((m) => String((m.dynamic_template_data as { code?: unknown } | undefined)?.code));

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await shown(page.getByRole('heading', { name: 'Sign in' }));
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
}

/** The focused element: its name, whether it is marked invalid, and the texts that describe it. */
async function focusedField(page: Page): Promise<{ name: string | null; invalid: string | null; description: string }> {
  return page.evaluate(() => {
    const active = document.activeElement as HTMLElement;
    const describedBy = (active.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
    return {
      name: active.getAttribute('name'),
      invalid: active.getAttribute('aria-invalid'),
      description: describedBy.map((id) => document.getElementById(id)?.textContent?.trim()).join(' | '),
    };
  });
}

async function textOf(locator: Locator): Promise<string> {
  await shown(locator);
  return ((await locator.textContent()) ?? '').trim();
}

function demoUser(t: LocalTenant): { id: string; email: string; password: string } {
  const email = t.env.DEMO_USER_EMAIL as string;
  const user = t.state.users.find((u) => u.email === email);
  if (!user) throw new Error(`no demo user ${email}`);
  return { id: user.user_id, email, password: t.env.DEMO_USER_PASSWORD as string };
}

/** Spends the user's whole daily budget, as ten codes asked for today would. */
async function spendBudget(t: LocalTenant, userId: string): Promise<void> {
  const today = new Date().toISOString().slice(0, 10);
  await management(t).users.update(userId, {
    app_metadata: { [SENDS_APP_METADATA_KEY]: { day: today, count: 'x'.repeat(10) } },
  });
}

const sendsOf = (t: LocalTenant, userId: string): unknown =>
  t.state.users.find((u) => u.user_id === userId)?.app_metadata[SENDS_APP_METADATA_KEY];

test("a demo user who was sent the day's 10 codes (email_change_rate_limited) gets them back from the demo page", async () => {
  const t = tenant();
  const user = demoUser(t);
  await spendBudget(t, user.id);
  const page = await phonePage();
  await page.goto(t.env.DEMO_APP_URL as string);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await signIn(page, user.email, user.password);
  await shown(page.locator('#budget'));
  expect(await page.locator('#budget').textContent()).toContain(
    '10 codes sent today: each counts against the daily limit of 10 codes',
  );

  await page.getByRole('button', { name: 'Change email' }).click();
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await shown(page.locator('#outcome'));
  expect(await page.locator('#outcome').getAttribute('data-code')).toBe('email_change_rate_limited');
  expect(await page.locator('#outcome').textContent()).toContain('press "Reset my email-change budget" below');
  await fitsThePhone(page, 'demo-rate-limited');

  await page.getByRole('button', { name: 'Reset my email-change budget' }).click();
  await shown(page.locator('#outcome'));
  expect(await page.locator('#outcome').textContent()).toContain(
    'Your email-change budget is reset (10 codes sent today cleared)',
  );
  expect(await page.locator('#budget').textContent()).toContain('0 codes sent today');
  expect(sendsOf(t, user.id)).toBeUndefined();

  await page.getByRole('button', { name: 'Change email' }).click();
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await shown(page.getByRole('heading', { name: 'Change your email address' }));
}, 60_000);

test('npm run local-tenant -- --reset-user <email> resets the budget on the tenant already running', async () => {
  const t = tenant();
  const user = demoUser(t);
  await spendBudget(t, user.id);
  const result = await new Promise<{ status: number | null; output: string }>((resolve) => {
    const child = spawn(
      process.execPath,
      scriptArgs('scripts/local-tenant.ts', '--reset-user', user.email.toUpperCase()),
      {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          LOCAL_TENANT_DIR: dirname(t.envFile),
          LOCAL_TENANT_HTTPS_PORT: new URL(t.httpsUrl).port,
          LOCAL_TENANT_HTTP_PORT: new URL(t.httpUrl).port,
        },
      },
    );
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (status) => resolve({ status, output }));
  });
  expect(result).toEqual({
    status: 0,
    output: `A local tenant already runs (${t.httpUrl}): Email-change budget of ${user.email} reset (10 codes sent today cleared): it can start a change again.\n`,
  });
  expect(sendsOf(t, user.id)).toBeUndefined();
}, 60_000);

test("the tenant's root URL is an index of what it serves", async () => {
  const t = tenant();
  const page = await phonePage();
  await page.goto(`${t.httpUrl}/`);
  await shown(page.getByRole('heading', { name: 'Local tenant' }));
  for (const url of [
    t.env.DEMO_APP_URL,
    `${t.httpUrl}/outbox`,
    t.env.OUTBOX_URL,
    `${t.httpUrl}/.well-known/openid-configuration`,
  ]) {
    expect(await page.getByRole('link', { name: url as string, exact: true }).getAttribute('href')).toBe(url);
  }
  expect(await page.locator('body').textContent()).toContain(t.envFile);
  expect(await page.locator('body').textContent()).toContain(`${t.httpsUrl}/api/v2/`);
  await fitsThePhone(page, 'index');
}, 30_000);

test('at 375 px: a whole change fits the phone, a refused address takes the focus, Enter submits the code, a wrong code shows its notice, the resend wait counts down', async () => {
  const t = tenant();
  const user = demoUser(t);
  const page = await phonePage();

  await page.goto(t.env.DEMO_APP_URL as string);
  await fitsThePhone(page, 'demo-signed-out');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await fitsThePhone(page, 'sign-in');
  await signIn(page, user.email, user.password);
  await shown(page.locator('#email'));
  await fitsThePhone(page, 'demo-signed-in');

  await page.getByRole('button', { name: 'Change email' }).click();
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await shown(page.getByRole('heading', { name: 'Change your email address' }));
  await fitsThePhone(page, 'form-new-address');
  // The current address and Enter: refused, and the focus is on the field the message is about.
  const addressField = page.getByLabel('New email address');
  await addressField.fill(user.email);
  await addressField.press('Enter');
  await shown(page.getByRole('alert'));
  expect(await textOf(page.getByRole('alert'))).toBe('That is already your email address. Enter a different one.');
  expect(await focusedField(page)).toEqual({
    name: 'new_email_en',
    invalid: 'true',
    description: expect.stringContaining('That is already your email address. Enter a different one.'),
  });
  await fitsThePhone(page, 'form-refused-address');
  expect(await codesTo(t, NEW_ADDRESS)).toEqual([]);

  await addressField.fill(NEW_ADDRESS);
  await addressField.press('Enter');

  await shown(page.getByRole('heading', { name: 'Check your email' }));
  await fitsThePhone(page, 'form-code');
  const codeField = page.getByLabel('Code', { exact: true });
  expect(await codeField.getAttribute('inputmode')).toBe('numeric');
  expect(await codeField.getAttribute('autocomplete')).toBe('one-time-code');
  const [first] = await codesTo(t, NEW_ADDRESS);
  expect(first).toMatch(/^[0-9]{6}$/);

  // A wrong code and Enter: the code is checked (no new code is sent), and the code step shows its notice.
  await codeField.fill(first === '000000' ? '111111' : '000000');
  await codeField.press('Enter');
  await shown(page.getByText('That code is not right. Check the latest email and try again: 4 attempts left.'));
  await shown(codeField);
  expect(await codesTo(t, NEW_ADDRESS)).toHaveLength(1);
  await fitsThePhone(page, 'form-wrong-code');

  // A new code: the wait counts down, the button disabled until it is over. From here on the pages
  // of this browser context run on Playwright's clock, which flows as time does and which the test
  // moves on where the page would wait: the page's own timers fire, sooner.
  await page.clock.install();
  await page.getByRole('button', { name: 'Send a new code' }).click();
  await shown(page.locator('[data-countdown-seconds]'));
  const resend = page.getByRole('button', { name: 'Send a new code' });
  expect(await resend.isDisabled()).toBe(true);
  const before = Number(await page.locator('[data-countdown-seconds]').textContent());
  expect(before).toBeGreaterThan(50);
  await page.clock.runFor(1000);
  await page.waitForFunction(
    (was) => Number(document.querySelector('[data-countdown-seconds]')?.textContent) < was,
    before,
  );
  expect(await page.locator('.resend-waiting').textContent()).toMatch(/You can ask for a new code in \d+ seconds\./);
  await fitsThePhone(page, 'form-resend-countdown');
  const codes = await codesTo(t, NEW_ADDRESS);
  expect(codes).toHaveLength(2);

  // The right code and Enter: the change completes.
  await codeField.fill(codes[1] as string);
  await codeField.press('Enter');
  await shown(page.locator('#outcome'));
  expect(await page.locator('#outcome').getAttribute('data-code')).toBe('email_change_completed');
  await fitsThePhone(page, 'demo-completed');

  // The outbox fits the phone, shows whole emails, and shows a new message by itself.
  await page.goto(`${t.httpUrl}/outbox`);
  await shown(page.getByRole('heading', { name: 'Outbox' }));
  const frame = page.locator('iframe').first();
  await page.waitForFunction(() => {
    const f = document.querySelector('iframe') as HTMLIFrameElement | null;
    const doc = f?.contentDocument?.documentElement;
    return !!f && !!doc && doc.scrollHeight > 0 && f.clientHeight >= doc.scrollHeight;
  });
  expect(await frame.isVisible()).toBe(true);
  await fitsThePhone(page, 'outbox');
  const articles = await page.locator('article').count();
  await sendgridClient(t.env).request({
    method: 'POST',
    url: '/v3/mail/send',
    body: {
      from: { email: localSenderEmail(ROOT) },
      personalizations: [{ to: [{ email: 'someone@example.com' }] }],
      subject: 'Arrives while the outbox is open',
      content: [{ type: 'text/plain', value: 'Hello' }],
    },
  });
  // The page asks the JSON outbox every OUTBOX_POLL_SECONDS, and reloads when it grew.
  await page.clock.runFor(OUTBOX_POLL_SECONDS * 1000);
  await page.waitForFunction((count) => document.querySelectorAll('article').length > count, articles);
  await shown(page.getByRole('heading', { name: 'Arrives while the outbox is open' }));
}, 120_000);
