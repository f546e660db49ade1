// SENDGRID/SEND_EMAIL through the real @sendgrid/client against the local SendGrid stand-in.
import { SENDGRID_VAULT_CONNECTION } from '../../../forms/names';
import { sendEmail } from '../../../local-tenant/forms-runtime/sendgrid-send-email';
import { ActionFailure } from '../../../local-tenant/forms-runtime/action-failure';
import { useLocalTenant } from '../../helpers/local-tenant';

const tenant = useLocalTenant();
const body = { from: { email: 'no-reply@local-tenant.test' }, personalizations: [{ to: [{ email: 'someone@example.com' }] }], subject: 'Hi', content: [{ type: 'text/plain', value: 'Hello' }] };
const target = (apiKey = tenant().env.SENDGRID_API_KEY as string) => ({ baseUrl: tenant().env.SENDGRID_BASE_URL as string, apiKey, timeoutSeconds: 5 });

test('a message SendGrid accepts reaches the outbox, and the output is its status', async () => {
  expect(SENDGRID_VAULT_CONNECTION).toBe('email-change-sendgrid');
  expect(await sendEmail(target(), body)).toEqual({ status: 202 });
  expect(tenant().state.outbox.at(-1)).toMatchObject({ to: [{ email: 'someone@example.com' }], subject: 'Hi', text: 'Hello' });
});

test('a refusal fails with SendGrid status and messages, never the key', async () => {
  const wrongKey = 'SG.wrong-key-for-this-test';
  const error = await sendEmail(target(wrongKey), body).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ActionFailure);
  expect((error as ActionFailure).status).toBe(401);
  expect((error as Error).message).toMatch(/^SENDGRID\/SEND_EMAIL: SendGrid answered 401: /);
  expect((error as Error).message).not.toContain(wrongKey);
});

test('an unreachable SendGrid fails the action and says so', async () => {
  await expect(sendEmail({ baseUrl: 'http://127.0.0.1:9', apiKey: 'SG.x', timeoutSeconds: 5 }, body)).rejects.toThrow(/SendGrid could not be reached/);
});
