// Attacks on the email change, in a real browser against the local tenant with the bundle
// deployed (issue 9, README "Security tests"): each case is what an attacker would try, what they
// see, and, every time, the user records and the outbox proving nothing else happened.
import type { Page } from 'playwright-core';
import type { StoredUser } from '../../local-tenant';
import { MFA_ACR_VALUE, SOCIAL_CONNECTION } from '../../local-tenant/login/limits';
import { totpCode } from '../../local-tenant/login/totp';
import { loadEnvironmentConfig } from '../../scripts/lib/environment-config';
import { useBrowser } from '../helpers/browser';
import { useDeployedLocalTenant } from '../helpers/deployed-local-tenant';
import { accountOf, addressFor, codeIn, ShiftableClock, useEmailChangeInBrowser, wrongCode } from '../helpers/email-change-browser';
import { enrolTotp } from '../helpers/login-apps';
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

/** A new address for `user`, unique in this run: `<prefix>.<user id tail>@example.com`. */

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

/** The change as the flows make it: the new address, verified, an audit record; nothing else of the account. */
function changedAccount(before: StoredUser, newEmail: string) {
  return {
    ...accountOf(before),
    email: newEmail,
    email_verified: true,
    updated_at: expect.any(String),
    app_metadata: {
      ...before.app_metadata,
      email_change_audit: { previous_email: before.email, changed_at: expect.any(String), change_id: expect.any(String) },
    },
  };
}

test(
  'a session signed in 10 minutes ago, without max_age, is denied: email_change_reauthentication_required',
  report.tracked(async () => {
    const user = await change.createUser('stale');
    const page = await change.newPage();
    clock.shift(-600);
    expect((await change.signInToApp(page, user)).code).toEqual(expect.any(String));
    clock.reset();
    const before = accountOf(change.user(user.user_id));
    const mark = (await change.outbox()).length;

    await page.goto(change.authorizeUrl({ email_change: 'true' }));
    expect(await change.outcome(page)).toEqual({ error: 'access_denied', description: 'email_change_reauthentication_required' });
    expect(accountOf(change.user(user.user_id))).toEqual(before);
    expect(await change.outboxSince(mark)).toEqual([]);

    // The age is what mattered: signed in just now, the same request reaches the form.
    await change.signInToApp(page, user);
    await page.goto(change.authorizeUrl({ email_change: 'true' }));
    await page.getByRole('heading', { name: 'Change your email address' }).waitFor();
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
    expect(await change.outcome(page)).toEqual({ error: 'access_denied', description: 'email_change_unsupported_identity' });
    expect(accountOf(change.user(social.user_id))).toEqual(before);
    expect(await change.outboxSince(mark)).toEqual([]);
  }),
);

test(
  'a user with a TOTP factor cannot reach the form without the TOTP code',
  report.tracked(async () => {
    const user = await change.createUser('totp');
    const secret = await enrolTotp(tenant(), user.user_id);
    const before = accountOf(change.user(user.user_id));
    const mark = (await change.outbox()).length;
    const page = await change.newPage();

    // The password alone.
    await page.goto(change.authorizeUrl({ email_change: 'true', max_age: '0' }));
    await change.signIn(page, user.email);
    expect(await change.outcome(page)).toEqual({ error: 'access_denied', description: 'email_change_mfa_required' });

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
    // The change asked again from this half-done sign-in (fresh password, no MFA).
    await page.goto(change.authorizeUrl({ email_change: 'true' }));
    expect(await change.outcome(page)).toEqual({ error: 'access_denied', description: 'email_change_mfa_required' });
    expect(accountOf(change.user(user.user_id))).toEqual(before);
    expect(await change.outboxSince(mark)).toEqual([]);

    // With the TOTP code the same browser gets there: the code was what was missing.
    await page.goto(change.authorizeUrl({ acr_values: MFA_ACR_VALUE, max_age: '0' }));
    await change.signIn(page, user.email);
    await page.getByLabel('Code').fill(totpCode(secret, Date.now()));
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await change.callback(page);
    await page.goto(change.authorizeUrl({ email_change: 'true' }));
    await page.getByRole('heading', { name: 'Change your email address' }).waitFor();
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
    expect(change.user(s.user.user_id)).toEqual({ ...changedAccount(s.user, s.proven), logins_count: s.user.logins_count, last_login: s.user.last_login });
    expect(change.user(s.other.user_id)).toEqual(s.other);
    const sent = await change.outboxSince(s.mark);
    expect(sent.map((m) => [m.to.map((t) => t.email), m.template_id])).toEqual([[[s.user.email], TEMPLATE.SENDGRID_TEMPLATE_NOTICE_OLD_EN]]);
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
      expect(change.user(s.user.user_id).email).toBe(s.proven);
      expect(accountOf(change.user(attacker.user_id))).toEqual(accountOf(attacker));
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
    expect(await change.alert(page)).toBe('That code is not right. Check the latest email and try again: 4 attempts left.');
    expect(change.user(user.user_id)).toEqual(started);
    expect((await change.outboxSince(mark)).map((m) => m.to[0]?.email)).toEqual([second]);
  }),
);

test(
  'a code sent for address A is refused after the journey switched to address B; B needs its own code',
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

    // The code step has no address field: the switch is a field added to the page, sent with "Send a new code".
    await addHiddenInputs(page, { new_email_en: b });
    await page.getByRole('button', { name: 'Send a new code' }).click();
    await change.atCodeStep(page);
    expect(await change.text(page)).toContain('We sent a 6-digit code to b***@example.com.');
    const codeB = await change.latestCode(b);
    expect(codeB).not.toBe(codeA);

    await change.enterCode(page, codeA);
    expect(await change.alert(page)).toBe('That code is not right. Check the latest email and try again: 4 attempts left.');
    expect(change.user(user.user_id)).toEqual(before);

    await change.enterCode(page, codeB);
    expect(await change.outcome(page)).toEqual(COMPLETED);
    expect(change.user(user.user_id)).toEqual({ ...changedAccount(before, b), logins_count: before.logins_count, last_login: before.last_login });
    expect((await change.outboxSince(mark)).map((m) => [m.to[0]?.email, m.template_id])).toEqual([
      [b, TEMPLATE.SENDGRID_TEMPLATE_CODE_EN],
      [user.email, TEMPLATE.SENDGRID_TEMPLATE_NOTICE_OLD_EN],
    ]);
  }),
);

test(
  'the 6th attempt after 5 wrong codes is refused, even with the right code, and the journey must restart',
  report.tracked(async () => {
    const { user, page, address, code, before, mark } = await change.codeSent('sixth', 'guessed');

    const messages: string[] = [];
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await change.enterCode(page, wrongCode(code, attempt));
      messages.push(await change.alert(page));
    }
    expect(messages).toEqual([
      'That code is not right. Check the latest email and try again: 4 attempts left.',
      'That code is not right. Check the latest email and try again: 3 attempts left.',
      'That code is not right. Check the latest email and try again: 2 attempts left.',
      'That code is not right. Check the latest email and try again: 1 attempt left.',
      'That code is not right, and that was the last attempt. For your security, this change has stopped: start it again from the app.',
    ]);
    const locked = 'A wrong code was entered too many times. For your security, this change has stopped: start it again from the app.';
    await change.enterCode(page, code);
    expect(await change.alert(page)).toBe(locked);
    await page.getByRole('button', { name: 'Send a new code' }).click();
    expect(await change.alert(page)).toBe(locked);
    expect(change.user(user.user_id)).toEqual(before);
    expect(await change.outboxSince(mark)).toEqual([]);

    // A new journey, a new code: it works.
    await change.start(page, before);
    await change.sendCode(page, address);
    await change.atCodeStep(page);
    await change.enterCode(page, await change.latestCode(address));
    expect(await change.outcome(page)).toEqual(COMPLETED);
    expect(change.user(user.user_id).email).toBe(address);
  }),
);

test(
  'a code older than 5 minutes is refused as expired, and is not counted as wrong; a new code works',
  report.tracked(async () => {
    const { user, page, address, code, before, mark } = await change.codeSent('expired', 'late');

    clock.shift(5 * 60 + 1);
    await change.enterCode(page, code);
    expect(await change.alert(page)).toBe('This code has expired: codes are valid for 5 minutes. Ask for a new code and enter it.');
    expect(change.user(user.user_id)).toEqual(before);
    expect(await change.outboxSince(mark)).toEqual([]);

    await page.getByRole('button', { name: 'Send a new code' }).click();
    await change.atCodeStep(page);
    const fresh = await change.latestCode(address);
    expect(fresh).not.toBe(code);
    await change.enterCode(page, code);
    expect(await change.alert(page)).toBe('That code is not right. Check the latest email and try again: 4 attempts left.');
    await change.enterCode(page, fresh);
    expect(await change.outcome(page)).toEqual(COMPLETED);
    expect(change.user(user.user_id)).toEqual({ ...changedAccount(before, address), logins_count: before.logins_count, last_login: before.last_login });
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
    expect(await change.alert(second)).toBe('That code is not right. Check the latest email and try again: 4 attempts left.');
    expect(change.user(user.user_id)).toEqual(before);
    expect(await change.outboxSince(mark)).toEqual([]);

    // In its own journey the same code works.
    await change.enterCode(first, firstCode);
    expect(await change.outcome(first)).toEqual(COMPLETED);
    expect(change.user(user.user_id).email).toBe(address);
    expect((await change.outboxSince(mark)).map((m) => [m.to[0]?.email, m.template_id])).toEqual([[user.email, TEMPLATE.SENDGRID_TEMPLATE_NOTICE_OLD_EN]]);
  }),
);

test(
  "an address another user owns: the pages read exactly as for a free address, no code goes there, and its owner gets the notice",
  report.tracked(async () => {
    const owner = await change.createUser('taken');
    const user = await change.createUser('looker');
    // Both start with "t" at example.com, so their masked forms (t***@example.com) are the same.
    const free = `taken.free.${owner.user_id.slice(-10)}@example.com`.toLowerCase();
    const mark = (await change.outbox()).length;

    async function pagesFor(address: string): Promise<string[]> {
      const page = await change.newPage();
      await change.start(page, user);
      const seen = [await change.text(page)];
      await change.sendCode(page, address);
      await change.atCodeStep(page);
      seen.push(await change.text(page));
      await change.enterCode(page, '123456');
      await change.alert(page);
      seen.push(await change.text(page));
      return seen;
    }
    const freePages = await pagesFor(free);
    const takenPages = await pagesFor(owner.email);
    expect(takenPages).toEqual(freePages);
    expect(takenPages[1]).toContain('We sent a 6-digit code to t***@example.com.');

    expect(change.user(owner.user_id)).toEqual(owner);
    expect(change.user(user.user_id).email).toBe(user.email);
    const sent = await change.outboxSince(mark);
    expect(sent.map((m) => [m.to.map((t) => t.email), m.template_id])).toEqual([
      [[free], TEMPLATE.SENDGRID_TEMPLATE_CODE_EN],
      [[owner.email], TEMPLATE.SENDGRID_TEMPLATE_ADDRESS_IN_USE_EN],
    ]);
    expect(sent[1]?.dynamic_template_data).toEqual({ email: owner.email, support_url: TEMPLATE.SUPPORT_URL });
    expect(sent.filter((m) => codeIn(m) !== undefined && m.to.some((t) => t.email === owner.email))).toEqual([]);
  }),
);

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
    // The same session, interactive: the form.
    await page.goto(change.authorizeUrl({ email_change: 'true' }));
    await page.getByRole('heading', { name: 'Change your email address' }).waitFor();
  }),
);

test(
  'a 4th change started within 24 hours is denied: email_change_rate_limited',
  report.tracked(async () => {
    const user = await change.createUser('budget');
    const page = await change.newPage();
    const mark = (await change.outbox()).length;
    for (let started = 1; started <= 3; started += 1) await change.start(page, user);
    const before = accountOf(change.user(user.user_id));
    expect(before.app_metadata.email_change_starts).toHaveLength(3);

    await page.goto(change.authorizeUrl({ email_change: 'true', max_age: '0' }));
    await change.signIn(page, user.email);
    expect(await change.outcome(page)).toEqual({ error: 'access_denied', description: 'email_change_rate_limited' });
    expect(accountOf(change.user(user.user_id))).toEqual(before);
    expect(await change.outboxSince(mark)).toEqual([]);
  }),
);
