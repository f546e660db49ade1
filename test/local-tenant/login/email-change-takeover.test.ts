// The takeover cases, over HTTP against the local tenant with the bundle deployed, as an attacker
// or the owner lives them: what each sees, the user record and the outbox.
// - the owner's remedies (a new password, a block) stop a journey already at the code step;
// - a second journey of the same user, opened earlier, cannot change the address again;
// - a journey outlives its sign-in: the right code changes nothing;
// - after the code's validity, a free and an owned address read the same;
// - a failed notice to the old address is recorded with the change.
import type { LocalTenant, OutboxMessage } from '../../../local-tenant';
import { ShiftableClock } from '../../helpers/email-change-browser';
import { useDeployedLocalTenant } from '../../helpers/deployed-local-tenant';
import { HttpBrowser, type HttpPage } from '../../helpers/http-browser';
import {
  authorizeUrl,
  createApp,
  createUser,
  management,
  pkce,
  signInAt,
  type TestApp,
} from '../../helpers/login-apps';

const clock = new ShiftableClock();
const tenant = useDeployedLocalTenant({ now: clock.now });
let app: TestApp;
beforeAll(async () => {
  app = await createApp(tenant());
});
afterEach(() => clock.reset());

const outcomeOf = (page: HttpPage) => page.callback?.searchParams.get('error_description');
const userOf = (t: LocalTenant, id: string) => t.state.users.find((u) => u.user_id === id);
const outboxTo = (address: string): OutboxMessage[] =>
  tenant().state.outbox.filter((m) => m.to.some((to) => to.email === address));
const codeFor = (address: string): string => (outboxTo(address).at(-1)?.dynamic_template_data as { code: string }).code;

/** A browser that signed in afresh for an email change and sits on the form's first step. */
async function atForm(email: string): Promise<{ browser: HttpBrowser; page: HttpPage }> {
  const browser = new HttpBrowser(tenant().httpUrl);
  const page = await signInAt(
    browser,
    authorizeUrl(tenant(), app, pkce(), { email_change: 'true', max_age: '0' }),
    email,
  );
  expect(page.url.pathname).toBe('/u/form');
  return { browser, page };
}

async function atCodeStep(email: string, newAddress: string) {
  const { browser, page } = await atForm(email);
  const codeStep = await browser.submit(page, { new_email_en: newAddress, action: 'next' });
  expect(codeStep.text).toContain(`We sent a 6-digit code to ${newAddress}.`);
  return { browser, page: codeStep };
}

const enterCode = (browser: HttpBrowser, page: HttpPage, code: string) =>
  browser.submit(page, { code_en: code, action: 'next' });

test('a new password after the attacker reached the code step: the right code changes nothing, the owner keeps the address', async () => {
  const owner = await createUser(tenant(), 'remedy-password');
  const stolen = `attacker.${owner.user_id.slice(-8)}@example.com`.toLowerCase();
  const { browser, page } = await atCodeStep(owner.email, stolen);
  await management(tenant()).users.update(owner.user_id, { password: 'a brand new password 2026' });
  const after = await enterCode(browser, page, codeFor(stolen));
  expect(after.text).toContain('Your account changed since this email change started');
  expect(userOf(tenant(), owner.user_id)?.email).toBe(owner.email);
  expect(outboxTo(owner.email)).toEqual([]);
});

test('a block by an admin after the attacker reached the code step: nothing changes, the blocked user keeps the address', async () => {
  const owner = await createUser(tenant(), 'remedy-block');
  const stolen = `attacker.${owner.user_id.slice(-8)}@example.com`.toLowerCase();
  const { browser, page } = await atCodeStep(owner.email, stolen);
  await management(tenant()).users.update(owner.user_id, { blocked: true });
  const after = await enterCode(browser, page, codeFor(stolen));
  expect(after.text).toContain('Your account changed since this email change started');
  expect(userOf(tenant(), owner.user_id)).toMatchObject({ email: owner.email, blocked: true });
});

test('two journeys: A->B completes, then a journey opened earlier cannot change B to C; B is never left untold', async () => {
  const user = await createUser(tenant(), 'two-journeys');
  const b = `b.${user.user_id.slice(-8)}@example.com`.toLowerCase();
  const c = `c.${user.user_id.slice(-8)}@example.com`.toLowerCase();
  const earlier = await atCodeStep(user.email, c);
  const later = await atCodeStep(user.email, b);
  expect(outcomeOf(await enterCode(later.browser, later.page, codeFor(b)))).toBe('email_change_completed');
  expect(userOf(tenant(), user.user_id)?.email).toBe(b);
  expect(outboxTo(user.email)).toHaveLength(1);

  const refused = await enterCode(earlier.browser, earlier.page, codeFor(c));
  expect(refused.text).toContain('Your account changed since this email change started');
  expect(userOf(tenant(), user.user_id)?.email).toBe(b);
  // No second notice to A, none to B: nothing changed.
  expect(outboxTo(user.email)).toHaveLength(1);
  expect(outboxTo(b).filter((m) => !(m.dynamic_template_data as { code?: string }).code)).toEqual([]);
});

test('a journey left open past the freshness limit: the right code (sent later, still valid) changes nothing', async () => {
  const user = await createUser(tenant(), 'late');
  const address = `late.${user.user_id.slice(-8)}@example.com`.toLowerCase();
  const { browser, page } = await atCodeStep(user.email, address);
  clock.shift(200);
  const resent = await browser.submit(page, { action: 'resend' });
  clock.shift(120);
  const after = await enterCode(browser, resent, codeFor(address));
  expect(after.text).toContain('This email change was started too long ago, so nothing was changed.');
  expect(userOf(tenant(), user.user_id)?.email).toBe(user.email);
});

test('after the code has expired, a free and an owned address read exactly the same', async () => {
  const owner = await createUser(tenant(), 'owner');
  const asker = await createUser(tenant(), 'asker');
  const control = await createUser(tenant(), 'control');
  const free = `free.${owner.email}`;
  const owned = await atCodeStep(asker.email, owner.email);
  const notOwned = await atCodeStep(control.email, free);
  clock.shift(5 * 60 + 1);
  const a = await enterCode(owned.browser, owned.page, '123456');
  const b = await enterCode(notOwned.browser, notOwned.page, '123456');
  expect(a.text.split(owner.email).join('X')).toBe(b.text.split(free).join('X'));
  expect(a.text).toContain('This code has expired');
  expect(outboxTo(owner.email).some((m) => (m.dynamic_template_data as { code?: string }).code)).toBe(false);
});

test('a notice to the old address that fails is recorded with the change in the history, never silent', async () => {
  const user = await createUser(tenant(), 'notice');
  const address = `notice.${user.user_id.slice(-8)}@example.com`.toLowerCase();
  const { browser, page } = await atCodeStep(user.email, address);
  tenant().faults.failNext('sendgrid.send', { status: 500 });
  expect(outcomeOf(await enterCode(browser, page, codeFor(address)))).toBe('email_change_completed');
  const metadata = userOf(tenant(), user.user_id)?.app_metadata as Record<string, Record<string, unknown>>;
  const latest = (metadata.email_change_history as Record<string, Record<string, string>>).c1;
  expect(latest).toMatchObject({ kind: 'change', previous_email: user.email, new_email: address });
  expect(metadata.email_change_notice).toMatchObject({ change_id: latest?.change_id, status: 'failed' });
  expect(outboxTo(user.email)).toEqual([]);
});
