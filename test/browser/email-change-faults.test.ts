// The email change in a real browser when its dependencies fail (issue 9, README "Security
// tests"): faults armed through the local tenant's test controls over HTTP. In each the person
// reads a clear message, the user record is exactly as before (or exactly changed, when only the
// notice to the old address failed), the outbox holds nothing that should not be there, and
// trying again works.
import type { Fault, FaultKind, StoredUser } from '../../local-tenant';
import { loadEnvironmentConfig } from '../../scripts/lib/environment-config';
import { BROWSER_ACTION_TIMEOUT_MS, useBrowser } from '../helpers/browser';
import { useDeployedLocalTenant } from '../helpers/deployed-local-tenant';
import { addressFor, useEmailChangeInBrowser } from '../helpers/email-change-browser';
import { ROOT } from '../helpers/paths';
import { useSecurityReport } from '../helpers/security-report';

const tenant = useDeployedLocalTenant();
const browser = useBrowser();
const change = useEmailChangeInBrowser(tenant, browser);
const report = useSecurityReport('Faults');

jest.setTimeout(60_000);

const TEMPLATE = loadEnvironmentConfig(ROOT, 'local').keywords as Record<string, unknown>;
const COMPLETED = { error: 'access_denied', description: 'email_change_completed' };
const TRY_AGAIN = 'Something went wrong on our side. Please try again in a moment.';


/** The change as the flows make it: the new address, verified, an audit record; nothing else of the account. */
function changedRecord(before: StoredUser, newEmail: string) {
  return {
    ...before,
    email: newEmail,
    email_verified: true,
    updated_at: expect.any(String),
    app_metadata: {
      ...before.app_metadata,
      email_change_audit: { previous_email: before.email, changed_at: expect.any(String), change_id: expect.any(String) },
    },
  };
}

const sentTo = async (mark: number) => (await change.outboxSince(mark)).map((m) => [m.to.map((t) => t.email), m.template_id]);

const CODE_EMAIL_FAULTS: [string, FaultKind, Fault][] = [
  ['SendGrid answers 500 to the code email', 'sendgrid.send', { status: 500 }],
  ['SendGrid answers 429 to the code email', 'sendgrid.send', { status: 429 }],
  ['SendGrid never answers the code email (timeout)', 'sendgrid.send', { timeout: true }],
  ['the Management API answers 500 when the flow asks who owns the address', 'management.users.read', { status: 500 }],
];

describe.each(CODE_EMAIL_FAULTS)('%s:', (_name, kind, fault) => {
  test(
    'a clear message on the same step, nothing sent or written; sending again works',
    report.tracked(async () => {
      const user = await change.createUser('code-fault');
      const page = await change.newPage();
      // The flow waits for its request to time out (10 s in the Forms runtime) before it shows the message.
      if ('timeout' in fault) page.setDefaultTimeout(BROWSER_ACTION_TIMEOUT_MS + 15_000);
      await change.start(page, user);
      const before = change.user(user.user_id);
      const mark = (await change.outbox()).length;
      const address = addressFor(user, 'fault');

      await change.armFault(kind, fault);
      await change.sendCode(page, address);
      expect(await change.alert(page)).toBe(TRY_AGAIN);
      await page.getByRole('heading', { name: 'Change your email address' }).waitFor();
      expect(await page.getByLabel('New email address').inputValue()).toBe(address);
      expect(change.user(user.user_id)).toEqual(before);
      expect(await change.outboxSince(mark)).toEqual([]);

      await change.sendCode(page, address);
      await change.atCodeStep(page);
      await change.enterCode(page, await change.latestCode(address));
      expect(await change.outcome(page)).toEqual(COMPLETED);
      expect(change.user(user.user_id)).toEqual(changedRecord(before, address));
      expect(await sentTo(mark)).toEqual([
        [[address], TEMPLATE.SENDGRID_TEMPLATE_CODE_EN],
        [[user.email], TEMPLATE.SENDGRID_TEMPLATE_NOTICE_OLD_EN],
      ]);
    }),
  );
});

describe.each([429, 500])('the Management API answers %i to the update:', (status) => {
  test(
    'a clear message, the email unchanged and no notice; the same code works once it recovers',
    report.tracked(async () => {
      const { user, page, address, code, before, mark } = await change.codeSent(`update-${status}`, 'update');

      await change.armFault('management.users.update', { status });
      await change.enterCode(page, code);
      expect(await change.alert(page)).toBe('We could not change your email address just now, and nothing was changed. Wait a minute, then enter the code again.');
      expect(change.user(user.user_id)).toEqual(before);
      expect(await change.outboxSince(mark)).toEqual([]);

      await change.enterCode(page, code);
      expect(await change.outcome(page)).toEqual(COMPLETED);
      expect(change.user(user.user_id)).toEqual(changedRecord(before, address));
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
    expect(await outcome()).toEqual({ code: 'email_change_completed', text: expect.stringContaining('Your email address has changed.') });
    const changed = change.user(user.user_id);
    expect(changed).toEqual(changedRecord(before, first));
    expect(await change.outboxSince(mark)).toEqual([]);

    // The next change, from the new address, tells that address.
    const second = addressFor(user, 'second');
    await demoChangeToCodeStep(changed, second);
    const again = change.user(user.user_id);
    await change.enterCode(page, await change.latestCode(second));
    expect((await outcome()).code).toBe('email_change_completed');
    expect(change.user(user.user_id)).toEqual(changedRecord(again, second));
    expect(await sentTo(mark)).toEqual([
      [[second], TEMPLATE.SENDGRID_TEMPLATE_CODE_EN],
      [[first], TEMPLATE.SENDGRID_TEMPLATE_NOTICE_OLD_EN],
    ]);
  }),
);
