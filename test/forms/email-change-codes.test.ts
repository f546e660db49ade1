// The code step of the BUILT flows: wrong, expired, too many, leading zeros, used once.
import { JourneyRequestError } from '../../local-tenant/forms-runtime';
import { useEmailChangeJourneys } from '../helpers/email-change-journeys';

const scenario = useEmailChangeJourneys();

async function atCodeStep(name: string, options: Parameters<typeof scenario.start>[1] = {}) {
  const user = await scenario.createUser(`${name}.{n}@example.com`);
  const journey = await scenario.start(user, options);
  const newEmail = `${name}.new.${user.user_id.slice(-6)}@example.com`.toLowerCase();
  await journey.submit({ fields: { new_email_en: newEmail } });
  return { user, journey, newEmail, code: scenario.latestCode(newEmail) };
}

const wrongCodeFor = (code: string): string => (code === '111111' ? '222222' : '111111');

test('a wrong code: says so and how many tries are left, changes nothing; the right code still works', async () => {
  const { user, journey, newEmail, code } = await atCodeStep('wrong');
  const result = await journey.submit({ fields: { code_en: wrongCodeFor(code) } });
  expect(result).toMatchObject({ ended: false, step: 'step_code_en' });
  // The flow ended normally (no FLOW/ERROR_MESSAGE): the count and the notice survive under every reading.
  expect(scenario.pageText(journey)).toContain(
    'That code is not right. Check the latest email and try again: 4 attempts left.',
  );
  expect(journey.vars.wrong_codes).toBe('x');
  expect(scenario.profile(user.user_id)).toEqual(scenario.profile(user));
  // The journey's state (persisted by the local tenant) never holds the code it sent.
  expect(JSON.stringify(journey.state)).not.toContain(code);

  expect((await journey.submit({ fields: { code_en: code } })).ended).toBe(true);
  expect(scenario.user(user.user_id).email).toBe(newEmail);
});

test('a code that is not 6 characters is refused by the field before any flow runs', async () => {
  const { user, journey, code } = await atCodeStep('short');
  await journey.submit({ fields: { code_en: '12345' } });
  expect(scenario.pageText(journey)).toContain('Enter exactly 6 characters.');
  await journey.submit({ fields: { code_en: '1234567' } });
  expect(scenario.pageText(journey)).toContain('Enter exactly 6 characters.');
  // Not counted as wrong codes: the first real attempt still has 4 left after it.
  await journey.submit({ fields: { code_en: wrongCodeFor(code) } });
  expect(scenario.pageText(journey)).toContain('4 attempts left.');
  expect(scenario.profile(user.user_id)).toEqual(scenario.profile(user));
});

test('an expired code (5 minutes later): says so, changes nothing, is not counted; the journey, as old as its sign-in, sends no new code', async () => {
  const { user, journey, newEmail, code } = await atCodeStep('expired');
  scenario.clock.advance(5 * 60);
  await journey.submit({ fields: { code_en: code } });
  expect(scenario.pageText(journey)).toContain(
    'This code has expired: codes are valid for 5 minutes. Ask for a new code and enter it.',
  );
  expect(journey.vars.wrong_codes).toBe('');
  expect(scenario.profile(user.user_id)).toEqual(scenario.profile(user));

  // The sign-in that opened the journey is now older than MAX_AUTH_AGE_SECONDS: a code it could
  // no longer use is never sent, and the user is told to start again.
  const sent = scenario.outboxTo(newEmail).length;
  await journey.submit({ action: 'resend' });
  expect(scenario.pageText(journey)).toContain('This email change was started too long ago, so nothing was changed.');
  expect(scenario.outboxTo(newEmail)).toHaveLength(sent);
  expect(scenario.user(user.user_id).email).toBe(user.email);
});

test('a code entered 1 second before it expires still works', async () => {
  const { user, journey, newEmail, code } = await atCodeStep('intime');
  scenario.clock.advance(5 * 60 - 1);
  expect((await journey.submit({ fields: { code_en: code } })).ended).toBe(true);
  expect(scenario.user(user.user_id).email).toBe(newEmail);
});

test('after 5 wrong codes only the way back remains: no field, no new code, the right code no longer counts', async () => {
  const { user, journey, newEmail, code } = await atCodeStep('locked');
  const wrong = wrongCodeFor(code);
  const pages: string[] = [];
  for (let i = 0; i < 5; i += 1) {
    await journey.submit({ fields: { code_en: wrong } });
    pages.push(scenario.pageText(journey));
  }
  for (const [i, left] of ['4 attempts', '3 attempts', '2 attempts', '1 attempt'].entries()) {
    expect(pages[i]).toContain(`That code is not right. Check the latest email and try again: ${left} left.`);
  }
  expect(pages[4]).toContain('This change has stopped');
  expect(pages[4]).toContain('That code is not right, and that was the last attempt.');
  expect(journey.state.node).toBe('step_locked_en');
  const html = journey.render({ postUrl: '/x' });
  expect(html).not.toContain('name="code_en"');
  expect(html).not.toContain('value="resend"');
  expect(html).toContain('Back to the app');
  // A crafted post of the right code or a resend changes nothing: the step has neither.
  await expect(journey.submit({ action: 'resend' })).rejects.toThrow();
  const sent = scenario.outboxTo(newEmail).length;
  // The step leads only to the ending: a crafted post with the right code ends the journey unchanged.
  expect(await journey.submit({ fields: { code_en: code } })).toMatchObject({
    ended: true,
    vars: { email_change_outcome: '' },
  });
  expect(scenario.profile(user.user_id)).toEqual(scenario.profile(user));
  expect(scenario.outboxTo(newEmail)).toHaveLength(sent);
});

test('a code with leading zeros is sent and accepted as typed', async () => {
  const zeros = [0, 0, 0, 4, 2, 7];
  const runtime = scenario.runtime({ randomDigit: () => zeros.shift() ?? 9 });
  const { user, journey, newEmail, code } = await atCodeStep('zeros', { runtime });
  expect(code).toBe('000427');
  expect((await journey.submit({ fields: { code_en: '000427' } })).ended).toBe(true);
  expect(scenario.user(user.user_id).email).toBe(newEmail);
});

test('a code is used once: the ended journey takes nothing more, and another journey cannot use it', async () => {
  const { user, journey, newEmail, code } = await atCodeStep('once');
  const runtime = scenario.runtime();
  const before = journey.state;
  await journey.submit({ fields: { code_en: code } });
  await expect(journey.submit({ fields: { code_en: code } })).rejects.toThrow(JourneyRequestError);

  // A second POST of the same page, queued before the first ended, finds the change done.
  const replay = runtime.resumeJourney(
    { ...before, vars: { ...before.vars, email_change_outcome: 'completed' } },
    { ...scenario.deployment(), vaultConnections: scenario.vaultConnections() },
  );
  await replay.submit({ fields: { code_en: code } });
  expect(scenario.pageText(replay)).toContain(
    'Your email address has already been changed. Continue by signing in again from the app.',
  );

  // The same user in a new journey (a new journey_id): the code is bound to the old one.
  const changed = scenario.user(user.user_id);
  const again = await scenario.start(changed);
  await again.submit({ fields: { new_email_en: 'other.once@example.com' } });
  await again.submit({ fields: { code_en: code } });
  expect(scenario.pageText(again)).toContain('That code is not right.');
  expect(scenario.user(user.user_id).email).toBe(newEmail);
});
