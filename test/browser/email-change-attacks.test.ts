// Attacks on the email change, in a real browser against the local tenant with the bundle
// deployed (issue 9, docs/security.md): each case is what an attacker would try, what they
// see, and, every time, the user records and the outbox proving nothing else happened.
import type { Page } from 'playwright-core';
import type { StoredUser } from '../../local-tenant';
import { SOCIAL_CONNECTION } from '../../local-tenant/login/limits';
import { MFA_ACR_VALUE } from '../../platform/step-up-authentication';
import { totpCode } from '../../local-tenant/login/totp';
import { loadEnvironmentConfig } from '../../scripts/lib/environment-config';
import { useBrowser } from '../helpers/browser';
import { useDeployedLocalTenant } from '../helpers/deployed-local-tenant';
import {
  accountOf,
  addressFor,
  codeIn,
  expectChanged,
  profileOf,
  sendsToday,
  ShiftableClock,
  useEmailChangeInBrowser,
  wrongCode,
} from '../helpers/email-change-browser';
import { enrolTotp, management } from '../helpers/login-apps';
import { ROOT } from '../helpers/paths';
import { useSecurityReport } from '../helpers/security-report';

const clock = new ShiftableClock();
const tenant = useDeployedLocalTenant({ now: clock.now });
const browser = useBrowser();
const change = useEmailChangeInBrowser(tenant, browser, clock);
const report = useSecurityReport('Attacks');

jest.setTimeout(60_000);

const TEMPLATE = loadEnvironmentConfig(ROOT, 'local').keywords as Record<string, unknown>;
const TRANSACTION_GONE = 'This sign-in has expired or belongs to another browser. Go back to the app and start again.';
const COMPLETED = { error: 'access_denied', description: 'email_change_completed' };
const CANCELLED = { error: 'access_denied', description: 'email_change_cancelled' };
const REAUTHENTICATION_REQUIRED = { error: 'access_denied', description: 'email_change_reauthentication_required' };
const RATE_LIMITED = { error: 'access_denied', description: 'email_change_rate_limited' };
const wrongCodeNotice = (left: number): string =>
  `That code is not right. Check the latest email and try again: ${left === 1 ? '1 attempt' : `${left} attempts`} left.`;

/** Adds hidden inputs to the page's form, as anyone can with the browser's developer tools. */
async function addHiddenInputs(page: Page, inputs: Record<string, string>): Promise<void> {
  await page.evaluate((values) => {
    const form = document.querySelector('form');
    if (!form) throw new Error('no form on the page');
    for (const [name, value] of Object.entries(values)) {
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = name;
      input.value = value;
      form.append(input);
    }
  }, inputs);
}

test(
  'a session cookie alone, signed in 10 minutes ago or just now, is denied: email_change_reauthentication_required; the password again (max_age=0 or prompt=login) reaches the form',
  report.tracked(async () => {
    const user = await change.createUser('stale');
    const page = await change.newPage();
    clock.shift(-600);
    expect((await change.signInToApp(page, user)).code).toEqual(expect.any(String));
    clock.reset();
    const before = accountOf(change.user(user.user_id));
    const mark = (await change.outbox()).length;

    await page.goto(change.authorizeUrl({ email_change: 'true' }));
    expect(await change.outcome(page)).toEqual(REAUTHENTICATION_REQUIRED);
    expect(accountOf(change.user(user.user_id))).toEqual(before);
    expect(await change.outboxSince(mark)).toEqual([]);

    // Signed in just now, the same session (as a copied cookie would carry it) is still not enough:
    // this /authorize itself must ask for the sign-in.
    expect((await change.signInToApp(page, user)).code).toEqual(expect.any(String));
    const signedIn = accountOf(change.user(user.user_id));
    await page.goto(change.authorizeUrl({ email_change: 'true' }));
    expect(await change.outcome(page)).toEqual(REAUTHENTICATION_REQUIRED);
    expect(accountOf(change.user(user.user_id))).toEqual(signedIn);
    expect(await change.outboxSince(mark)).toEqual([]);

    // A fresh sign-in demanded by the request itself is what matters: max_age=0, or prompt=login.
    // Opening the form writes nothing to the user (but the sign-in's count and time).
    await change.start(page, user);
    await page.goto(change.authorizeUrl({ email_change: 'true', prompt: 'login' }));
    await change.signIn(page, user.email);
    await page.getByRole('heading', { name: 'Change your email address' }).waitFor();
    expect(accountOf(change.user(user.user_id))).toEqual(signedIn);
    expect(await change.outboxSince(mark)).toEqual([]);
  }),
);

test(
  'a social-connection user is denied: email_change_unsupported_identity',
  report.tracked(async () => {
    const social = tenant().state.users.find((u) => u.identities[0]?.connection === SOCIAL_CONNECTION) as StoredUser;
    const before = accountOf(social);
    const mark = (await change.outbox()).length;
    const page = await change.newPage();
    await page.goto(change.authorizeUrl({ email_change: 'true', max_age: '0' }));
    await page.getByRole('button', { name: 'Continue with Google (stand-in)' }).click();
    await page.getByRole('button', { name: new RegExp(social.email.replace(/\./g, '\\.')) }).click();
    expect(await change.outcome(page)).toEqual({
      error: 'access_denied',
      description: 'email_change_unsupported_identity',
    });
    expect(accountOf(change.user(social.user_id))).toEqual(before);
    expect(await change.outboxSince(mark)).toEqual([]);
  }),
);

test(
  'a user with a TOTP factor cannot reach the form without a TOTP code entered after the password of the same sign-in',
  report.tracked(async () => {
    const user = await change.createUser('totp');
    const secret = await enrolTotp(tenant(), user.user_id);
    const before = accountOf(change.user(user.user_id));
    const mark = (await change.outbox()).length;
    const page = await change.newPage();
    const MFA_REQUIRED = { error: 'access_denied', description: 'email_change_mfa_required' };

    // The password alone.
    await page.goto(change.authorizeUrl({ email_change: 'true', max_age: '0' }));
    await change.signIn(page, user.email);
    expect(await change.outcome(page)).toEqual(MFA_REQUIRED);

    // The MFA sign-in, stopped at the TOTP page: this login's form address shows nothing and takes nothing.
    await page.goto(change.authorizeUrl({ acr_values: MFA_ACR_VALUE, max_age: '0' }));
    await change.signIn(page, user.email);
    await page.getByRole('heading', { name: 'Verify your identity' }).waitFor();
    const mfaUrl = page.url();
    const formUrl = `${tenant().httpUrl}/u/form?state=${encodeURIComponent(new URL(mfaUrl).searchParams.get('state') as string)}`;
    const posted = await change.post(page, formUrl, { new_email_en: addressFor(user, 'sneaky'), action: 'next' });
    expect(posted.status).toBe(400);
    await page.goto(formUrl);
    expect(await change.text(page)).toContain(TRANSACTION_GONE);
    // A wrong TOTP code.
    await page.goto(mfaUrl);
    await page.getByLabel('Code').fill(wrongCode(totpCode(secret, Date.now())));
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    expect(await change.text(page)).toContain('Wrong code. Try again with the code your app shows now.');
    // The change asked again from this half-done sign-in: the session alone is not a fresh sign-in,
    // and a fresh password without the TOTP code is not enough.
    await page.goto(change.authorizeUrl({ email_change: 'true' }));
    expect(await change.outcome(page)).toEqual(REAUTHENTICATION_REQUIRED);
    await page.goto(change.authorizeUrl({ email_change: 'true', max_age: '0' }));
    await change.signIn(page, user.email);
    expect(await change.outcome(page)).toEqual(MFA_REQUIRED);
    expect(accountOf(change.user(user.user_id))).toEqual(before);
    expect(await change.outboxSince(mark)).toEqual([]);

    // A whole MFA sign-in (password and TOTP) first, then the change with the password again: the
    // TOTP code came before this password, so it does not count.
    await page.goto(change.authorizeUrl({ acr_values: MFA_ACR_VALUE, max_age: '0' }));
    await change.signIn(page, user.email);
    await page.getByLabel('Code').fill(totpCode(secret, Date.now()));
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    expect((await change.callback(page)).searchParams.get('code')).toEqual(expect.any(String));
    await page.goto(change.authorizeUrl({ email_change: 'true', max_age: '0' }));
    await change.signIn(page, user.email);
    expect(await change.outcome(page)).toEqual(MFA_REQUIRED);
    expect(accountOf(change.user(user.user_id))).toEqual(before);
    expect(await change.outboxSince(mark)).toEqual([]);

    // Both factors in the change's own sign-in (max_age=0 and acr_values, as the demo app retries):
    // the password, the TOTP code, then the form. The code was what was missing.
    await page.goto(change.authorizeUrl({ email_change: 'true', max_age: '0', acr_values: MFA_ACR_VALUE }));
    await change.signIn(page, user.email);
    await page.getByRole('heading', { name: 'Verify your identity' }).waitFor();
    // The next 30-second step's code: the tenant takes each step's code once per user, and the
    // window of one step either side takes this one.
    await page.getByLabel('Code').fill(totpCode(secret, Date.now() + 30_000));
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await page.getByRole('heading', { name: 'Change your email address' }).waitFor();
    expect(accountOf(change.user(user.user_id))).toEqual(before);
    expect(await change.outboxSince(mark)).toEqual([]);
  }),
);

describe('fields tampered in the browser at the code step:', () => {
  async function atCodeStep(prefix: string) {
    // Another user of the tenant: the id an attacker substitutes, or the attacker's own account.
    const other = await change.createUser(`${prefix}-other`);
    const user = await change.createUser(prefix);
    const page = await change.newPage();
    await change.start(page, user);
    const proven = addressFor(user, 'proven');
    await change.sendCode(page, proven);
    await change.atCodeStep(page);
    const code = await change.latestCode(proven);
    return { other, user: change.user(user.user_id), page, proven, code, mark: (await change.outbox()).length };
  }

  /** Only the signed-in user changed, to the proven address; the other user as before; only the notice to the old address sent. */
  async function expectOnlyTheProvenChange(s: Awaited<ReturnType<typeof atCodeStep>>, attacker: string): Promise<void> {
    expect(await change.outcome(s.page)).toEqual(COMPLETED);
    expectChanged(change.user(s.user.user_id), s.user, s.proven);
    expect(change.user(s.other.user_id)).toEqual(s.other);
    const sent = await change.outboxSince(s.mark);
    expect(sent.map((m) => [m.to.map((t) => t.email), m.template_id])).toEqual([
      [[s.user.email], TEMPLATE.SENDGRID_TEMPLATE_NOTICE_OLD_EN],
    ]);
    expect(await change.outboxTo(attacker)).toEqual([]);
  }

  test(
    'hidden inputs added to the page (another address, another user id, vars) have no effect',
    report.tracked(async () => {
      const s = await atCodeStep('dom');
      const attacker = addressFor(s.user, 'attacker');
      await addHiddenInputs(s.page, {
        new_email_en: attacker,
        new_email_es: attacker,
        user_id: s.other.user_id,
        current_email: s.other.email,
        pending_email: attacker,
        journey_id: 'attacker-journey',
        email_change_outcome: 'completed',
      });
      await change.enterCode(s.page, s.code);
      await expectOnlyTheProvenChange(s, attacker);
    }),
  );

  test(
    'the POST body rewritten in flight (another address, another user id) has no effect',
    report.tracked(async () => {
      const s = await atCodeStep('body');
      const attacker = addressFor(s.user, 'attacker');
      let rewritten = 0;
      await s.page.route(
        (url) => url.pathname === '/u/form',
        async (route) => {
          if (route.request().method() !== 'POST') return route.continue();
          const body = new URLSearchParams(route.request().postData() ?? '');
          body.set('new_email_en', attacker);
          body.set('user_id', s.other.user_id);
          body.set('context.user.user_id', s.other.user_id);
          body.set('vars.pending_email', attacker);
          rewritten += 1;
          return route.continue({ postData: body.toString() });
        },
      );
      await change.enterCode(s.page, s.code);
      expect(rewritten).toBe(1);
      await expectOnlyTheProvenChange(s, attacker);
    }),
  );

  test(
    "another user's form, opened in the attacker's browser with that user's code, answers nothing",
    report.tracked(async () => {
      const s = await atCodeStep('stolen');
      // The other user is the attacker here, signed in to a change of their own in their own browser.
      const attackerPage = await change.newPage();
      await change.start(attackerPage, s.other);
      const attacker = change.user(s.other.user_id);
      const victimFormUrl = s.page.url();
      const posted = await change.post(attackerPage, victimFormUrl, { code_en: s.code, action: 'next' });
      expect(posted.status).toBe(400);
      expect(posted.text).toContain(TRANSACTION_GONE);
      await attackerPage.goto(victimFormUrl);
      expect(await change.text(attackerPage)).toContain(TRANSACTION_GONE);
      expect(change.user(s.user.user_id)).toEqual(s.user);
      expect(await change.outboxSince(s.mark)).toEqual([]);

      // The journey is untouched: its owner completes it with the same code.
      await change.enterCode(s.page, s.code);
      expect(await change.outcome(s.page)).toEqual(COMPLETED);
      expectChanged(change.user(s.user.user_id), s.user, s.proven);
      expect(change.user(attacker.user_id)).toEqual(attacker);
    }),
  );
});

test(
  'a code replayed after a completed change is refused: on the finished login, and in a new journey',
  report.tracked(async () => {
    const user = await change.createUser('replay');
    const page = await change.newPage();
    await change.start(page, user);
    const first = addressFor(user, 'first');
    await change.sendCode(page, first);
    await change.atCodeStep(page);
    const code = await change.latestCode(first);
    const formUrl = page.url();
    await change.enterCode(page, code);
    expect(await change.outcome(page)).toEqual(COMPLETED);
    const changed = change.user(user.user_id);
    expect(changed.email).toBe(first);
    const mark = (await change.outbox()).length;

    // Back to the code page, and the same POST again.
    await page.goBack();
    expect(await change.text(page)).toContain(TRANSACTION_GONE);
    const replayed = await change.post(page, formUrl, { code_en: code, action: 'next' });
    expect(replayed.status).toBe(400);
    expect(replayed.text).toContain(TRANSACTION_GONE);
    expect(change.user(user.user_id)).toEqual(changed);
    expect(await change.outboxSince(mark)).toEqual([]);

    // A new change of the same user, the old code entered.
    await change.start(page, changed);
    const second = addressFor(user, 'second');
    await change.sendCode(page, second);
    await change.atCodeStep(page);
    const secondCode = await change.latestCode(second);
    expect(secondCode).not.toBe(code);
    const started = change.user(user.user_id);
    await change.enterCode(page, code);
    expect(await change.codeNotice(page)).toBe(wrongCodeNotice(4));
    expect(change.user(user.user_id)).toEqual(started);
    expect((await change.outboxSince(mark)).map((m) => m.to[0]?.email)).toEqual([second]);
  }),
);

test(
  'a code sent for address A is refused after the journey switched to address B ("Use a different address"); B needs its own code',
  report.tracked(async () => {
    const user = await change.createUser('switch');
    const page = await change.newPage();
    await change.start(page, user);
    const a = addressFor(user, 'alpha');
    const b = addressFor(user, 'bravo');
    await change.sendCode(page, a);
    await change.atCodeStep(page);
    const codeA = await change.latestCode(a);
    const before = change.user(user.user_id);
    const mark = (await change.outbox()).length;

    await change.press(page, 'Use a different address');
    await page.getByRole('heading', { name: 'Change your email address' }).waitFor();
    await change.sendCode(page, b);
    await change.atCodeStep(page);
    expect(await change.text(page)).toContain(`We sent a 6-digit code to ${b}.`);
    const codeB = await change.latestCode(b);
    expect(codeB).not.toBe(codeA);

    await change.enterCode(page, codeA);
    expect(await change.codeNotice(page)).toBe(wrongCodeNotice(4));
    expect(change.user(user.user_id)).toEqual({
      ...before,
      updated_at: expect.any(String),
      app_metadata: { ...before.app_metadata, email_change_sends: change.sendsToday(2) },
    });

    await change.enterCode(page, codeB);
    expect(await change.outcome(page)).toEqual(COMPLETED);
    expectChanged(change.user(user.user_id), before, b, { sends: change.sendsToday(2) });
    expect((await change.outboxSince(mark)).map((m) => [m.to[0]?.email, m.template_id])).toEqual([
      [b, TEMPLATE.SENDGRID_TEMPLATE_CODE_EN],
      [user.email, TEMPLATE.SENDGRID_TEMPLATE_NOTICE_OLD_EN],
    ]);
    expect(await change.outboxTo(a)).toHaveLength(1);
  }),
);

test(
  'an address added to the page and sent with "Send a new code" is ignored: the new code goes to the pending address, nothing to the added one',
  report.tracked(async () => {
    const user = await change.createUser('resend-switch');
    const page = await change.newPage();
    await change.start(page, user);
    const a = addressFor(user, 'alpha');
    const b = addressFor(user, 'bravo');
    await change.sendCode(page, a);
    await change.atCodeStep(page);
    const codeA = await change.latestCode(a);
    const before = change.user(user.user_id);
    const mark = (await change.outbox()).length;

    // The code step has no address field: the switch is a field added to the page, sent with "Send a new code".
    await addHiddenInputs(page, { new_email_en: b, new_email_es: b, pending_email: b });
    await change.press(page, 'Send a new code');
    await change.atCodeStep(page);
    expect(await change.text(page)).toContain(`We sent a 6-digit code to ${a}.`);
    expect(await change.outboxSince(mark)).toEqual([
      expect.objectContaining({ to: [{ email: a }], template_id: TEMPLATE.SENDGRID_TEMPLATE_CODE_EN }),
    ]);
    const newA = await change.latestCode(a);
    expect(newA).not.toBe(codeA);
    expect(profileOf(change.user(user.user_id))).toEqual(profileOf(before));

    await change.enterCode(page, newA);
    expect(await change.outcome(page)).toEqual(COMPLETED);
    expectChanged(change.user(user.user_id), before, a, { sends: change.sendsToday(2) });
    expect((await change.outboxSince(mark)).map((m) => [m.to[0]?.email, m.template_id])).toEqual([
      [a, TEMPLATE.SENDGRID_TEMPLATE_CODE_EN],
      [user.email, TEMPLATE.SENDGRID_TEMPLATE_NOTICE_OLD_EN],
    ]);
    expect(await change.outboxTo(b)).toEqual([]);
  }),
);

test(
  'after 5 wrong codes the change stops: no code field, no resend; the right code posted anyway changes nothing (email_change_cancelled); a new journey works',
  report.tracked(async () => {
    const { user, page, address, code, before, mark } = await change.codeSent('sixth', 'guessed');
    const formUrl = page.url();

    const notices: string[] = [];
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      await change.enterCode(page, wrongCode(code, attempt));
      notices.push(await change.codeNotice(page));
      expect(await change.hasAlert(page)).toBe(false);
    }
    expect(notices).toEqual([wrongCodeNotice(4), wrongCodeNotice(3), wrongCodeNotice(2), wrongCodeNotice(1)]);
    await change.enterCode(page, wrongCode(code, 5));
    await change.atStoppedStep(page);
    expect(await change.text(page)).toBe(
      'This change has stopped That code is not right, and that was the last attempt. For your security, this change has stopped: start it again from the app. Your email address has not changed. Back to the app',
    );
    expect(await change.buttons(page)).toEqual(['Back to the app']);
    expect(await page.getByLabel('Code', { exact: true }).count()).toBe(0);

    // What the page no longer offers, posted by hand: a resend is refused; the right code with
    // "next" only ends the stopped journey, which changes nothing.
    const resent = await change.post(page, formUrl, { action: 'resend' });
    expect(resent.status).toBe(400);
    expect(await change.outboxSince(mark)).toEqual([]);
    await page.goto(formUrl);
    await change.atStoppedStep(page);
    await change.post(page, formUrl, { code_en: code, action: 'next' });
    expect(await change.outcome(page)).toEqual(CANCELLED);
    expect(change.user(user.user_id)).toEqual(before);
    expect(await change.outboxSince(mark)).toEqual([]);

    // A new journey, a new code: it works.
    await change.start(page, before);
    const again = change.user(user.user_id);
    await change.sendCode(page, address);
    await change.atCodeStep(page);
    await change.enterCode(page, await change.latestCode(address));
    expect(await change.outcome(page)).toEqual(COMPLETED);
    expectChanged(change.user(user.user_id), again, address, { sends: change.sendsToday(2) });
  }),
);

test(
  'a code older than 5 minutes is refused as expired, not counted as wrong; past the 5-minute limit from the sign-in no new code is sent; a new sign-in works',
  report.tracked(async () => {
    const { user, page, address, code, before, mark } = await change.codeSent('expired', 'late');

    clock.shift(5 * 60 + 1);
    await change.enterCode(page, code);
    expect(await change.alert(page)).toBe(
      'This code has expired: codes are valid for 5 minutes. Ask for a new code and enter it.',
    );
    expect(await change.codeNotice(page)).toBe('');
    expect(change.user(user.user_id)).toEqual(before);
    expect(await change.outboxSince(mark)).toEqual([]);

    // The journey is as old as the sign-in that opened it, more than 5 minutes now: a new code it
    // could not use is never sent, and the expired one was not counted as a wrong one.
    await change.press(page, 'Send a new code');
    expect(await change.alert(page)).toBe(
      'This email change was started too long ago, so nothing was changed. For your security, start it again from the app and sign in again.',
    );
    expect(await change.outboxSince(mark)).toEqual([]);
    const stale = change.user(user.user_id);
    expect(profileOf(stale)).toEqual(profileOf(before));
    expect(stale.app_metadata.email_change_sends).toEqual(change.sendsToday(1));

    // Signed in again, a new journey and a new code: the change goes through.
    clock.reset();
    await change.start(page, user);
    const again = change.user(user.user_id);
    await change.sendCode(page, address);
    await change.atCodeStep(page);
    await change.enterCode(page, await change.latestCode(address));
    expect(await change.outcome(page)).toEqual(COMPLETED);
    expectChanged(change.user(user.user_id), again, address, { sends: change.sendsToday(2) });
    expect((await change.outboxSince(mark)).map((m) => [m.to[0]?.email, m.template_id])).toEqual([
      [address, TEMPLATE.SENDGRID_TEMPLATE_CODE_EN],
      [user.email, TEMPLATE.SENDGRID_TEMPLATE_NOTICE_OLD_EN],
    ]);
  }),
);

test(
  'a code from one journey does not complete another journey of the same user, to the same address',
  report.tracked(async () => {
    const user = await change.createUser('journeys');
    const address = addressFor(user, 'both');
    const first = await change.newPage();
    await change.start(first, user);
    await change.sendCode(first, address);
    await change.atCodeStep(first);
    const firstCode = await change.latestCode(address);
    const second = await change.newPage();
    await change.start(second, user);
    await change.sendCode(second, address);
    await change.atCodeStep(second);
    const secondCode = await change.latestCode(address);
    expect(secondCode).not.toBe(firstCode);
    const before = change.user(user.user_id);
    const mark = (await change.outbox()).length;

    await change.enterCode(second, firstCode);
    expect(await change.codeNotice(second)).toBe(wrongCodeNotice(4));
    expect(change.user(user.user_id)).toEqual(before);
    expect(await change.outboxSince(mark)).toEqual([]);

    // In its own journey the same code works.
    await change.enterCode(first, firstCode);
    expect(await change.outcome(first)).toEqual(COMPLETED);
    expectChanged(change.user(user.user_id), before, address);
    expect((await change.outboxSince(mark)).map((m) => [m.to[0]?.email, m.template_id])).toEqual([
      [user.email, TEMPLATE.SENDGRID_TEMPLATE_NOTICE_OLD_EN],
    ]);
  }),
);

test(
  'an address another user owns: the pages read exactly as for a free address, expiry included; no code goes there, and its owner gets the notice',
  report.tracked(async () => {
    const owner = await change.createUser('taken');
    const user = await change.createUser('looker');
    const free = `taken.free.${owner.user_id.slice(-10)}@example.com`.toLowerCase();
    const mark = (await change.outbox()).length;

    /** What the person reads at each step, the address they typed written as <address>. */
    async function pagesFor(address: string): Promise<string[]> {
      const page = await change.newPage();
      await change.start(page, user);
      const seen = [await change.text(page)];
      await change.sendCode(page, address);
      await change.atCodeStep(page);
      seen.push(await change.text(page));
      await change.enterCode(page, '123456');
      expect(await change.codeNotice(page)).toBe(wrongCodeNotice(4));
      seen.push(await change.text(page));
      // Past the code's 5 minutes, a code is refused as expired, whichever address it was for.
      clock.shift(5 * 60 + 1);
      await change.enterCode(page, '654321');
      await change.alert(page);
      seen.push(await change.text(page));
      clock.reset();
      return seen.map((text) => text.split(address).join('<address>'));
    }
    const freePages = await pagesFor(free);
    const takenPages = await pagesFor(owner.email);
    expect(takenPages).toEqual(freePages);
    expect(takenPages[1]).toContain('We sent a 6-digit code to <address>.');
    expect(takenPages[3]).toContain(
      'This code has expired: codes are valid for 5 minutes. Ask for a new code and enter it.',
    );

    expect(change.user(owner.user_id)).toEqual(owner);
    expect(accountOf(profileOf(change.user(user.user_id)))).toEqual(accountOf(profileOf(user)));
    const sent = await change.outboxSince(mark);
    expect(sent.map((m) => [m.to.map((t) => t.email), m.template_id])).toEqual([
      [[free], TEMPLATE.SENDGRID_TEMPLATE_CODE_EN],
      [[owner.email], TEMPLATE.SENDGRID_TEMPLATE_ADDRESS_IN_USE_EN],
    ]);
    expect(sent[1]?.dynamic_template_data).toEqual({ email: owner.email, support_url: TEMPLATE.SUPPORT_URL });
    expect(sent.filter((m) => codeIn(m) !== undefined && m.to.some((t) => t.email === owner.email))).toEqual([]);
  }),
);

describe.each([
  ['its password was changed (say, by its owner after a reset)', { password: 'An0ther-Secret-Passw0rd!' }],
  ['it was blocked', { blocked: true }],
  ['its address was changed by support', { email: 'support-set' }],
])('the account changed after the code was sent: %s:', (_name, update) => {
  test(
    'the right code changes nothing, and the person reads why',
    report.tracked(async () => {
      const { user, page, address, code, mark } = await change.codeSent('account-changed', 'late');
      const body = 'email' in update ? { email: addressFor(user, 'support-set') } : update;
      await management(tenant()).users.update(user.user_id, body);
      const changedBySomeoneElse = change.user(user.user_id);

      await change.enterCode(page, code);
      expect(await change.alert(page)).toBe(
        'Your account changed since this email change started (its address, its password, or it was blocked), so nothing was changed. Start again from the app if you still want to.',
      );
      await change.atCodeStep(page);
      expect(change.user(user.user_id)).toEqual(changedBySomeoneElse);
      expect(change.user(user.user_id).email).not.toBe(address);
      expect(await change.outboxSince(mark)).toEqual([]);
    }),
  );
});

test(
  'email_change=true with prompt=none is denied: email_change_not_interactive',
  report.tracked(async () => {
    const user = await change.createUser('silent');
    const page = await change.newPage();
    await change.signInToApp(page, user);
    const before = accountOf(change.user(user.user_id));
    const mark = (await change.outbox()).length;
    await page.goto(change.authorizeUrl({ email_change: 'true', prompt: 'none' }));
    expect(await change.outcome(page)).toEqual({ error: 'access_denied', description: 'email_change_not_interactive' });
    expect(accountOf(change.user(user.user_id))).toEqual(before);
    expect(await change.outboxSince(mark)).toEqual([]);
    // Interactive, with the fresh sign-in a change needs: the form.
    await change.start(page, user);
    expect(accountOf(change.user(user.user_id))).toEqual(before);
    expect(await change.outboxSince(mark)).toEqual([]);
  }),
);

test(
  'opening the form spends nothing: four journeys opened and left in a row each reach the form, and nothing is written to the user',
  report.tracked(async () => {
    const user = await change.createUser('opener');
    const before = accountOf(change.user(user.user_id));
    const mark = (await change.outbox()).length;
    const page = await change.newPage();
    for (let opened = 1; opened <= 4; opened += 1) await change.start(page, user);
    expect(accountOf(change.user(user.user_id))).toEqual(before);
    expect(await change.outboxSince(mark)).toEqual([]);
  }),
);

test(
  'a 4th change within 24 hours of 3 completed ones is denied: email_change_rate_limited',
  report.tracked(async () => {
    const user = await change.createUser('budget');
    const page = await change.newPage();
    let current = change.user(user.user_id);
    for (let changed = 1; changed <= 3; changed += 1) {
      await change.start(page, current);
      const address = addressFor(user, `budget${changed}`);
      await change.sendCode(page, address);
      await change.atCodeStep(page);
      await change.enterCode(page, await change.latestCode(address));
      expect(await change.outcome(page)).toEqual(COMPLETED);
      current = change.user(user.user_id);
      expect(current.email).toBe(address);
    }
    const history = current.app_metadata.email_change_history as Record<string, { kind: string; new_email: string }>;
    expect([history.c1, history.c2, history.c3, history.c4].map((e) => e?.kind === 'change' && e.new_email)).toEqual([
      addressFor(user, 'budget3'),
      addressFor(user, 'budget2'),
      addressFor(user, 'budget1'),
      false,
    ]);
    const before = accountOf(current);
    const mark = (await change.outbox()).length;

    await page.goto(change.authorizeUrl({ email_change: 'true', max_age: '0' }));
    await change.signIn(page, current.email);
    expect(await change.outcome(page)).toEqual(RATE_LIMITED);
    expect(accountOf(change.user(user.user_id))).toEqual(before);
    expect(await change.outboxSince(mark)).toEqual([]);
  }),
);

describe('codes sent today (app_metadata.email_change_sends):', () => {
  test(
    'the 10th code of the day is sent, an 11th is refused by the flow with a message, and a new change is denied: email_change_rate_limited',
    report.tracked(async () => {
      const user = await change.createUser('sends');
      await management(tenant()).users.update(user.user_id, {
        app_metadata: { email_change_sends: change.sendsToday(9) },
      });
      const page = await change.newPage();
      await change.start(page, user);
      const address = addressFor(user, 'tenth');
      await change.sendCode(page, address);
      await change.atCodeStep(page);
      expect(change.user(user.user_id).app_metadata.email_change_sends).toEqual(change.sendsToday(10));
      const before = change.user(user.user_id);
      const mark = (await change.outbox()).length;

      await change.press(page, 'Send a new code');
      expect(await change.alert(page)).toBe(
        'We have sent as many codes today as your account allows. Try again tomorrow.',
      );
      expect(change.user(user.user_id)).toEqual(before);
      expect(await change.outboxSince(mark)).toEqual([]);

      const other = await change.newPage();
      await other.goto(change.authorizeUrl({ email_change: 'true', max_age: '0' }));
      await change.signIn(other, user.email);
      expect(await change.outcome(other)).toEqual(RATE_LIMITED);
      expect(accountOf(change.user(user.user_id))).toEqual(accountOf(before));
      expect(await change.outboxSince(mark)).toEqual([]);
    }),
  );

  test(
    '10 codes sent on an earlier day do not count today: the form opens',
    report.tracked(async () => {
      const user = await change.createUser('yesterday');
      await management(tenant()).users.update(user.user_id, {
        app_metadata: { email_change_sends: sendsToday(10, Date.now() - 86_400_000) },
      });
      const before = accountOf(change.user(user.user_id));
      const mark = (await change.outbox()).length;
      const page = await change.newPage();
      await change.start(page, user);
      expect(accountOf(change.user(user.user_id))).toEqual(before);
      expect(await change.outboxSince(mark)).toEqual([]);
    }),
  );
});

test(
  'a user support locked (app_metadata.email_change_locked_until in the future) is denied: email_change_locked; once the lock has passed, the form opens',
  report.tracked(async () => {
    const user = await change.createUser('locked');
    const until = new Date(Date.now() + 7 * 86_400_000).toISOString();
    await management(tenant()).users.update(user.user_id, { app_metadata: { email_change_locked_until: until } });
    const before = accountOf(change.user(user.user_id));
    const mark = (await change.outbox()).length;
    const page = await change.newPage();

    await page.goto(change.authorizeUrl({ email_change: 'true', max_age: '0' }));
    await change.signIn(page, user.email);
    expect(await change.outcome(page)).toEqual({ error: 'access_denied', description: 'email_change_locked' });
    expect(accountOf(change.user(user.user_id))).toEqual(before);
    expect(await change.outboxSince(mark)).toEqual([]);

    const passed = new Date(Date.now() - 60_000).toISOString();
    await management(tenant()).users.update(user.user_id, { app_metadata: { email_change_locked_until: passed } });
    const unlocked = accountOf(change.user(user.user_id));
    await change.start(page, user);
    expect(accountOf(change.user(user.user_id))).toEqual(unlocked);
    expect(await change.outboxSince(mark)).toEqual([]);
  }),
);
