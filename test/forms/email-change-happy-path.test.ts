// The email-change journey from the first page to the resumed login, as a user lives it: the
// BUILT form and flows, run by the local Forms runtime against the local tenant.
import { useEmailChangeJourneys } from '../helpers/email-change-journeys';

const scenario = useEmailChangeJourneys();

test('happy path: the code goes to the new address, the email changes, the old address is told, the login resumes', async () => {
  const user = await scenario.createUser('ana.{n}@example.com');
  const journey = await scenario.start(user);
  expect(scenario.pageText(journey)).toContain(`Your current address is ${user.email}.`);
  expect(scenario.pageText(journey)).toContain('New email address');

  await journey.submit({ fields: { new_email_en: 'Ana.New@Example.COM' } });
  expect(scenario.pageText(journey)).toContain('We sent a 6-digit code to ana.new@example.com.');
  const [codeEmail] = scenario.outboxTo('ana.new@example.com');
  expect(codeEmail?.dynamic_template_data).toEqual({
    code: expect.stringMatching(/^[0-9]{6}$/),
    email: 'ana.new@example.com',
    expires_in_minutes: 5,
  });
  expect(scenario.user(user.user_id).email).toBe(user.email);

  const result = await journey.submit({ fields: { code_en: scenario.latestCode('ana.new@example.com') } });
  expect(result).toMatchObject({
    ended: true,
    vars: { email_change_outcome: 'completed', pending_email: 'ana.new@example.com', old_address_notice: 'sent' },
  });
  const after = scenario.user(user.user_id);
  expect(after.email).toBe('ana.new@example.com');
  expect(after.email_verified).toBe(true);
  const history = after.app_metadata.email_change_history as Record<string, Record<string, string>>;
  expect(history.c1).toEqual({
    kind: 'change',
    change_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
    journey_id: expect.any(String),
    previous_email: user.email,
    new_email: 'ana.new@example.com',
    changed_at: expect.any(String),
    old_address_notice: 'pending',
    reverted_at: '',
    restored_email: '',
    from_email: '',
    by: '',
  });
  expect(after.app_metadata.email_change_notice).toEqual({
    change_id: history.c1?.change_id,
    status: 'sent',
    at: history.c1?.changed_at,
  });
  const [notice] = scenario.outboxTo(user.email);
  expect(notice?.dynamic_template_data).toEqual({
    new_email: 'ana.new@example.com',
    changed_at: history.c1?.changed_at,
    change_id: history.c1?.change_id,
    support_url: 'https://local-tenant.test/support',
  });
});
