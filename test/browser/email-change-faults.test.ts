// The email change in a real browser when its dependencies fail (issue 9, docs/security.md):
// faults armed through the local tenant's test controls over HTTP. In each the person
// reads a clear message, the user record is exactly as before (apart from today's code count,
// which the send-code flow records before it sends), or exactly changed when only the notice to
// the old address failed; the outbox holds nothing that should not be there, and trying again works.
import type { Fault, FaultKind, StoredUser } from '../../local-tenant';
import { loadEnvironmentConfig } from '../../scripts/lib/environment-config';
import { useBrowser } from '../helpers/browser';
import { useDeployedLocalTenant } from '../helpers/deployed-local-tenant';
import { addressFor, expectChanged, profileOf, useEmailChangeInBrowser } from '../helpers/email-change-browser';
import { ROOT } from '../helpers/paths';
import { useSecurityReport } from '../helpers/security-report';

/**
 * The flows' outbound calls give up after this many seconds on this file's tenant, not the Forms
 * runtime's DEFAULT_REQUEST_TIMEOUT_SECONDS (10): the timeout case below waits for the call to be
 * given up on, and what the person then reads does not depend on how long that took.
 */
const REQUEST_TIMEOUT_SECONDS = 3;

const tenant = useDeployedLocalTenant({ formsRequestTimeoutSeconds: REQUEST_TIMEOUT_SECONDS });
const browser = useBrowser();
const change = useEmailChangeInBrowser(tenant, browser);
const report = useSecurityReport('Faults');

jest.setTimeout(60_000);

const TEMPLATE = loadEnvironmentConfig(ROOT, 'local').keywords as Record<string, unknown>;
const COMPLETED = { error: 'access_denied', description: 'email_change_completed' };
const SEND_FAILED = 'We could not send the email just now, and nothing was changed. Wait a minute, then try again.';
const UNREACHABLE = 'We could not reach your account just now, and nothing was changed. Wait a minute, then try again.';

const sentTo = async (mark: number) =>
  (await change.outboxSince(mark)).map((m) => [m.to.map((t) => t.email), m.template_id]);

// The send-code flow reads the account (GET /users/{id}: management.users.read), records the
// send in app_metadata.email_change_sends (PATCH: management.users.update), asks who owns the
// address (GET /users-by-email: management.users.read, the second read), then sends
// (sendgrid.send). `written` is how many sends the failed attempt left recorded.
const CODE_EMAIL_FAULTS: [string, FaultKind, Fault, { message: string; written: number }][] = [
  ['SendGrid answers 500 to the code email', 'sendgrid.send', { status: 500 }, { message: SEND_FAILED, written: 1 }],
  ['SendGrid answers 429 to the code email', 'sendgrid.send', { status: 429 }, { message: SEND_FAILED, written: 1 }],
  [
    'SendGrid never answers the code email (timeout)',
    'sendgrid.send',
    { timeout: true },
    { message: SEND_FAILED, written: 1 },
  ],
  [
    'the Management API answers 500 when the flow reads the account',
    'management.users.read',
    { status: 500 },
    { message: UNREACHABLE, written: 0 },
  ],
  [
    'the Management API answers 500 when the flow records the send',
    'management.users.update',
    { status: 500 },
    { message: UNREACHABLE, written: 0 },
  ],
];

describe.each(CODE_EMAIL_FAULTS)('%s:', (_name, kind, fault, expected) => {
  test(
    'a clear message on the same step, nothing sent, nothing written (but the count of sends, when the flow got as far as recording it); sending again works',
    report.tracked(async () => {
      const user = await change.createUser('code-fault');
      const page = await change.newPage();
      await change.start(page, user);
      const before = change.user(user.user_id);
      const mark = (await change.outbox()).length;
      const address = addressFor(user, 'fault');

      await change.armFault(kind, fault);
      await change.sendCode(page, address);
      expect(await change.alert(page)).toBe(expected.message);
      await page.getByRole('heading', { name: 'Change your email address' }).waitFor();
      expect(await page.getByLabel('New email address').inputValue()).toBe(address);
      const afterFault = change.user(user.user_id);
      if (expected.written === 0) expect(afterFault).toEqual(before);
      else {
        expect(profileOf(afterFault)).toEqual(profileOf(before));
        expect(afterFault.app_metadata.email_change_sends).toEqual(change.sendsToday(expected.written));
      }
      expect(await change.outboxSince(mark)).toEqual([]);

      await change.sendCode(page, address);
      await change.atCodeStep(page);
      await change.enterCode(page, await change.latestCode(address));
      expect(await change.outcome(page)).toEqual(COMPLETED);
      expectChanged(change.user(user.user_id), before, address, { sends: change.sendsToday(expected.written + 1) });
      expect(await sentTo(mark)).toEqual([
        [[address], TEMPLATE.SENDGRID_TEMPLATE_CODE_EN],
        [[user.email], TEMPLATE.SENDGRID_TEMPLATE_NOTICE_OLD_EN],
      ]);
    }),
  );
});

test(
  'the Management API answers 500 when the flow reads the account again before the change: a clear message, nothing written or sent; the same code works once it recovers',
  report.tracked(async () => {
    const { user, page, address, code, before, mark } = await change.codeSent('recheck-500', 'recheck');

    await change.armFault('management.users.read', { status: 500 });
    await change.enterCode(page, code);
    expect(await change.alert(page)).toBe(UNREACHABLE);
    await change.atCodeStep(page);
    expect(change.user(user.user_id)).toEqual(before);
    expect(await change.outboxSince(mark)).toEqual([]);

    await change.enterCode(page, code);
    expect(await change.outcome(page)).toEqual(COMPLETED);
    expectChanged(change.user(user.user_id), before, address);
    expect(await sentTo(mark)).toEqual([[[user.email], TEMPLATE.SENDGRID_TEMPLATE_NOTICE_OLD_EN]]);
  }),
);

describe.each([429, 500])('the Management API answers %i to the update:', (status) => {
  test(
    'a clear message, the email unchanged and no notice; the same code works once it recovers',
    report.tracked(async () => {
      const { user, page, address, code, before, mark } = await change.codeSent(`update-${status}`, 'update');

      await change.armFault('management.users.update', { status });
      await change.enterCode(page, code);
      expect(await change.alert(page)).toBe(
        'We could not change your email address just now, and nothing was changed. Wait a minute, then enter the code again.',
      );
      await change.atCodeStep(page);
      expect(change.user(user.user_id)).toEqual(before);
      expect(await change.outboxSince(mark)).toEqual([]);

      await change.enterCode(page, code);
      expect(await change.outcome(page)).toEqual(COMPLETED);
      expectChanged(change.user(user.user_id), before, address);
      expect(await sentTo(mark)).toEqual([[[user.email], TEMPLATE.SENDGRID_TEMPLATE_NOTICE_OLD_EN]]);
    }),
  );
});

test(
  'the notice to the old address failing: the demo app says the address changed, the record is exactly changed, no notice; the next change sends its notice',
  report.tracked(async () => {
    const user = await change.createUser('notice');
    const page = await change.newPage();

    /** The demo app's own change (sign in to the app, "Change email", the password again), up to the code email. */
    async function demoChangeToCodeStep(current: StoredUser, address: string): Promise<void> {
      await page.goto(tenant().env.DEMO_APP_URL as string);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await change.signIn(page, current.email);
      await page.getByRole('button', { name: 'Change email' }).click();
      await change.signIn(page, current.email);
      await page.getByRole('heading', { name: 'Change your email address' }).waitFor();
      await change.sendCode(page, address);
      await change.atCodeStep(page);
    }
    const outcome = async () => {
      const shown = page.locator('#outcome');
      await shown.waitFor();
      return { code: await shown.getAttribute('data-code'), text: ((await shown.textContent()) ?? '').trim() };
    };

    const first = addressFor(user, 'first');
    await demoChangeToCodeStep(user, first);
    const before = change.user(user.user_id);
    const mark = (await change.outbox()).length;
    await change.armFault('sendgrid.send', { status: 500 });
    await change.enterCode(page, await change.latestCode(first));
    expect(await outcome()).toEqual({
      code: 'email_change_completed',
      text: expect.stringContaining('Your email address has changed.'),
    });
    const changed = change.user(user.user_id);
    // The notice's failure is recorded next to the change, for support (npm run history).
    expectChanged(changed, before, first, { notice: 'failed' });
    expect(await change.outboxSince(mark)).toEqual([]);

    // The next change, from the new address, tells that address.
    const second = addressFor(user, 'second');
    await demoChangeToCodeStep(changed, second);
    const again = change.user(user.user_id);
    await change.enterCode(page, await change.latestCode(second));
    expect((await outcome()).code).toBe('email_change_completed');
    // The history keeps both changes, the newest first (changedRecord: the first moved to c2); the notice record is now the second's.
    expectChanged(change.user(user.user_id), again, second);
    expect(
      (change.user(user.user_id).app_metadata.email_change_history as Record<string, { change_id: string }>).c2
        ?.change_id,
    ).toBe((changed.app_metadata.email_change_history as Record<string, { change_id: string }>).c1?.change_id);
    expect(await sentTo(mark)).toEqual([
      [[second], TEMPLATE.SENDGRID_TEMPLATE_CODE_EN],
      [[first], TEMPLATE.SENDGRID_TEMPLATE_NOTICE_OLD_EN],
    ]);
  }),
);
