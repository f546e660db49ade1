// The BUILT flows when SendGrid or the Management API fail, or the world changes under them.
import type { Journey } from '../../local-tenant/forms-runtime';
import type { StoredUser } from '../../local-tenant';
import { useEmailChangeJourneys } from '../helpers/email-change-journeys';

const scenario = useEmailChangeJourneys();

async function atCodeStep(name: string) {
  const user = await scenario.createUser(`${name}.{n}@example.com`);
  const journey = await scenario.start(user);
  const newEmail = `${name}.new.${user.user_id.slice(-6)}@example.com`.toLowerCase();
  await journey.submit({ fields: { new_email_en: newEmail } });
  return { user, journey, newEmail, code: scenario.latestCode(newEmail) };
}

/** The action met `status`: as an output {status, success: false} (httpErrorStatus=output), or as a failure allowed (=fails). */
function refusal(journey: Journey, actionId: string, status: number): boolean {
  const record = journey.state.executions.find((e) => e.action_id === actionId);
  const output = record?.output as { status?: number; success?: boolean } | undefined;
  return (
    (output?.status === status && output.success === false) ||
    (record?.outcome === 'failure-allowed' && (record.error ?? '').includes(`answered ${status}`))
  );
}

describe.each([401, 403, 429, 500])('SendGrid answers %i to the code email', (status) => {
  test('a clear message, the user stays on the step, nothing is sent or written; trying again works', async () => {
    const user = await scenario.createUser(`sg${status}.{n}@example.com`);
    const journey = await scenario.start(user);
    const newEmail = `sg${status}.new.${user.user_id.slice(-6)}@example.com`.toLowerCase();
    scenario.tenant().faults.failNext('sendgrid.send', { status });
    const result = await journey.submit({ fields: { new_email_en: newEmail } });
    const sendFailed = 'We could not send the email just now, and nothing was changed. Wait a minute, then try again.';
    expect(result).toMatchObject({ ended: false, step: 'step_new_email_en', errors: { form: sendFailed } });
    expect(scenario.pageText(journey)).toContain(sendFailed);
    expect(journey.render({ postUrl: '/x' })).toContain(`value="${newEmail}"`);
    expect(journey.vars.pending_email).toBe('');
    expect(scenario.outboxTo(newEmail)).toEqual([]);
    expect(scenario.profile(user.user_id)).toEqual(scenario.profile(user));
    // SendGrid's refusal shows as HTTP/SEND_REQUEST's documented output, or as a failed action, as the reading says.
    expect(refusal(journey, 'send_code', status)).toBe(true);

    await journey.submit({ fields: { new_email_en: newEmail } });
    expect(scenario.pageText(journey)).toContain('We sent a 6-digit code to');
    expect((await journey.submit({ fields: { code_en: scenario.latestCode(newEmail) } })).ended).toBe(true);
    expect(scenario.user(user.user_id).email).toBe(newEmail);
  });
});

describe.each([429, 500])('the Management API answers %i to the update', (status) => {
  test('a clear message, nothing changed, no notice; the same code works once it recovers', async () => {
    const { user, journey, newEmail, code } = await atCodeStep(`mgmt${status}`);
    scenario.tenant().faults.failNext('management.users.update', { status });
    const result = await journey.submit({ fields: { code_en: code } });
    expect(result).toMatchObject({ ended: false, step: 'step_code_en' });
    expect(scenario.pageText(journey)).toContain(
      'We could not change your email address just now, and nothing was changed. Wait a minute, then enter the code again.',
    );
    expect(scenario.profile(user.user_id)).toEqual(scenario.profile(user));
    expect(scenario.outboxTo(user.email)).toEqual([]);
    expect(journey.vars.email_change_outcome).toBe('');

    expect((await journey.submit({ fields: { code_en: code } })).ended).toBe(true);
    expect(scenario.user(user.user_id).email).toBe(newEmail);
  });
});

test('the address taken by another account between the code and the update: a clear message, nothing changed', async () => {
  const { user, journey, newEmail, code } = await atCodeStep('race');
  const other = await scenario.createUser(newEmail);
  await journey.submit({ fields: { code_en: code } });
  expect(scenario.pageText(journey)).toContain(
    'Another account started using this address a moment ago, so your email was not changed. Start again with a different address.',
  );
  expect(scenario.profile(user.user_id)).toEqual(scenario.profile(user));
  expect(scenario.user(other.user_id)).toEqual(other);
  expect(scenario.outboxTo(user.email)).toEqual([]);
});

test('the notice to the old address failing: the change is done and the failure is recorded in vars and in the history', async () => {
  const { user, journey, newEmail, code } = await atCodeStep('notice');
  scenario.tenant().faults.failNext('sendgrid.send', { status: 500 });
  const result = await journey.submit({ fields: { code_en: code } });
  expect(result).toMatchObject({
    ended: true,
    vars: { email_change_outcome: 'completed', old_address_notice: 'failed' },
  });
  expect(scenario.user(user.user_id).email).toBe(newEmail);
  expect(scenario.outboxTo(user.email)).toEqual([]);
  expect(refusal(journey, 'notify_old_address', 500)).toBe(true);
  // The failure is recorded next to the change in the user's history, for support and npm run history.
  const metadata = scenario.user(user.user_id).app_metadata as Record<
    string,
    { change_id?: string; status?: string; c1?: { change_id?: string; old_address_notice?: string } }
  >;
  expect(metadata.email_change_notice).toMatchObject({
    status: 'failed',
    change_id: metadata.email_change_history?.c1?.change_id,
  });
});

test('one Management API token serves many changes, across journeys, until shortly before it expires', async () => {
  const runtime = scenario.runtime();
  const users: StoredUser[] = [];
  for (let i = 0; i < 4; i += 1) users.push(await scenario.createUser('token.{n}@example.com'));
  const change = async (index: number) => {
    const journey = await scenario.start(users[index] as StoredUser, { runtime });
    await journey.submit({ fields: { new_email_en: `token.new.${index}@example.com` } });
    return journey.submit({ fields: { code_en: scenario.latestCode(`token.new.${index}@example.com`) } });
  };
  const tokenRequests = () => scenario.tenant().stats.snapshot().tokens;

  scenario.tenant().stats.reset();
  expect((await change(0)).ended).toBe(true);
  expect((await change(1)).ended).toBe(true);
  expect(tokenRequests()).toBe(1);

  // The local tenant's tokens live 86,400 s; the runtime replaces one 60 s before it expires.
  scenario.clock.advance(86_400 - 120);
  expect((await change(2)).ended).toBe(true);
  expect(tokenRequests()).toBe(1);
  scenario.clock.advance(90);
  expect((await change(3)).ended).toBe(true);
  expect(tokenRequests()).toBe(2);
});
