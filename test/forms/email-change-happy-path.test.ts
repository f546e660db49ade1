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
  expect(scenario.pageText(journey)).toContain('We sent a 6-digit code to a***@example.com.');
  const [codeEmail] = scenario.outboxTo('ana.new@example.com');
  expect(codeEmail?.dynamic_template_data).toEqual({ code: expect.stringMatching(/^[0-9]{6}$/), email: 'ana.new@example.com', expires_in_minutes: 5 });
  expect(scenario.user(user.user_id).email).toBe(user.email);

  const result = await journey.submit({ fields: { code_en: scenario.latestCode('ana.new@example.com') } });
  expect(result).toMatchObject({ ended: true, vars: { email_change_outcome: 'completed', pending_email: 'ana.new@example.com', old_address_notice: 'sent' } });
  const after = scenario.user(user.user_id);
  expect(after.email).toBe('ana.new@example.com');
  expect(after.email_verified).toBe(true);
  expect(after.app_metadata.email_change_audit).toEqual({ previous_email: user.email, changed_at: expect.any(String), change_id: expect.any(String) });
  const [notice] = scenario.outboxTo(user.email);
  expect(notice?.dynamic_template_data).toEqual({
    masked_new_email: 'a***@example.com',
    changed_at: (after.app_metadata.email_change_audit as { changed_at: string }).changed_at,
    change_id: (after.app_metadata.email_change_audit as { change_id: string }).change_id,
    support_url: 'https://local-tenant.test/support',
  });
});
