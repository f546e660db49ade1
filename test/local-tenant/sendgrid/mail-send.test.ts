// The SendGrid stand-in through the real @sendgrid/client: keys, validation messages, dynamic
// templates rendered into the outbox.
import { useLocalTenant } from '../../helpers/local-tenant';
import { sendgridClient } from '../../helpers/sendgrid-client';
import { localSenderEmail } from '../../../scripts/lib/environment-config';
import { ROOT } from '../../helpers/paths';
import { MAX_PERSONALIZATIONS_PER_REQUEST } from '../../../local-tenant/sendgrid/mail-send';
import { fakeSendgridKey } from '../../helpers/fake-sendgrid-key';

const tenant = useLocalTenant();

const sendgrid = (apiKey?: string) => sendgridClient(tenant().env, apiKey);

interface SendgridFailure {
  code: number;
  response: { body: { errors: { message: string; field: string | null; help: string | null }[] } };
}

async function failure(promise: Promise<unknown>): Promise<SendgridFailure> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeDefined();
  return error as SendgridFailure;
}

async function outbox(): Promise<
  { to: { email: string }[]; subject: string; html?: string; text?: string; template_id?: string }[]
> {
  const response = await fetch(tenant().env.OUTBOX_URL);
  expect(response.status).toBe(200);
  return (await response.json()) as never;
}

const from = () => ({ email: localSenderEmail(ROOT), name: 'Local tenant' });

async function codeTemplate(name: string): Promise<string> {
  const client = sendgrid();
  const [, template] = await client.request({
    method: 'POST',
    url: '/v3/templates',
    body: { name, generation: 'dynamic' },
  });
  await client.request({
    method: 'POST',
    url: `/v3/templates/${template.id}/versions`,
    body: {
      name: 'v1',
      subject: 'Your code: {{code}}',
      html_content: '<p>Hello {{name}}, your code is <b>{{code}}</b>.</p>',
      plain_content: 'Hello {{name}}, your code is {{code}}.',
    },
  });
  return template.id as string;
}

test('a bad key: 401 with SendGrid message, nothing sent', async () => {
  const before = (await outbox()).length;
  const error = await failure(
    sendgrid(fakeSendgridKey('wrong')).request({
      method: 'POST',
      url: '/v3/mail/send',
      body: {
        from: from(),
        personalizations: [{ to: [{ email: 'x@example.test' }] }],
        subject: 'hi',
        content: [{ type: 'text/plain', value: 'hi' }],
      },
    }),
  );
  expect(error.code).toBe(401);
  expect(error.response.body).toEqual({
    errors: [{ message: 'The provided authorization grant is invalid, expired, or revoked', field: null, help: null }],
  });
  expect(await outbox()).toHaveLength(before);
});

test('a send with a dynamic template: 202 and the message in the outbox JSON, rendered and escaped', async () => {
  const templateId = await codeTemplate('code email');
  const [response, body] = await sendgrid().request({
    method: 'POST',
    url: '/v3/mail/send',
    body: {
      from: from(),
      template_id: templateId,
      personalizations: [
        { to: [{ email: 'new@example.test' }], dynamic_template_data: { code: '012345', name: 'Ann <script>' } },
      ],
    },
  });
  expect(response.statusCode).toBe(202);
  expect(body).toBe('');
  const last = (await outbox()).at(-1);
  expect(last).toMatchObject({
    to: [{ email: 'new@example.test' }],
    subject: 'Your code: 012345',
    html: '<p>Hello Ann &lt;script&gt;, your code is <b>012345</b>.</p>',
    text: 'Hello Ann &lt;script&gt;, your code is 012345.',
    template_id: templateId,
  });
});

test('the template id is derived from the name, so a fresh tenant gets the same ids', async () => {
  const id = await codeTemplate('notice to the old address');
  expect(id).toMatch(/^d-[0-9a-f]{32}$/);
  const { dynamicTemplateId } = await import('../../../local-tenant/sendgrid/templates');
  expect(id).toBe(dynamicTemplateId('notice to the old address'));
});

test('an unverified sender: 403 on field "from"', async () => {
  const error = await failure(
    sendgrid().request({
      method: 'POST',
      url: '/v3/mail/send',
      body: {
        from: { email: 'someone@elsewhere.test' },
        personalizations: [{ to: [{ email: 'x@example.test' }] }],
        subject: 'hi',
        content: [{ type: 'text/plain', value: 'hi' }],
      },
    }),
  );
  expect(error.code).toBe(403);
  expect(error.response.body.errors).toEqual([
    expect.objectContaining({
      field: 'from',
      message: expect.stringContaining('does not match a verified Sender Identity'),
    }),
  ]);
});

type Mail = Record<string, unknown>;
const to = [{ email: 'x@example.test' }];
const text = [{ type: 'text/plain', value: 'v' }];
const cases: {
  name: string;
  body: (sender: { email: string; name: string }) => Mail;
  field: string;
  message: string;
}[] = [
  {
    name: 'no from',
    body: () => ({ personalizations: [{ to }], subject: 's', content: text }),
    field: 'from',
    message: 'The from object must be provided for every email send.',
  },
  {
    name: 'no personalizations',
    body: (f) => ({ from: f, subject: 's', content: text }),
    field: 'personalizations',
    message: 'You must have at least one personalization.',
  },
  {
    name: 'a personalization without to',
    body: (f) => ({ from: f, personalizations: [{}], subject: 's', content: text }),
    field: 'personalizations.0.to',
    message: 'The to parameter is required for all personalization objects.',
  },
  {
    name: 'an invalid recipient',
    body: (f) => ({ from: f, personalizations: [{ to: [{ email: 'not-an-address' }] }], subject: 's', content: text }),
    field: 'personalizations.0.to.0.email',
    message: 'Does not contain a valid address.',
  },
  {
    name: 'no subject and no template',
    body: (f) => ({ from: f, personalizations: [{ to }], content: text }),
    field: 'subject',
    message: 'The subject is required.',
  },
  {
    name: 'no content and no template',
    body: (f) => ({ from: f, personalizations: [{ to }], subject: 's' }),
    field: 'content',
    message: 'The content param is required unless you are using a transactional template',
  },
  {
    name: 'an unknown template',
    body: (f) => ({ from: f, personalizations: [{ to }], template_id: 'd-00000000000000000000000000000000' }),
    field: 'template_id',
    message: 'The Template ID must be a valid template id for your account.',
  },
  {
    name: 'CR/LF in the subject',
    body: (f) => ({ from: f, personalizations: [{ to }], subject: 'hi\r\nBcc: victim@example.test', content: text }),
    field: 'subject',
    message: 'cannot contain CRLF characters',
  },
  {
    name: 'CR/LF in a recipient name',
    body: (f) => ({
      from: f,
      personalizations: [{ to: [{ email: 'x@example.test', name: 'X\nBcc: y@example.test' }] }],
      subject: 's',
      content: text,
    }),
    field: 'personalizations.0.to.0.name',
    message: 'cannot contain CRLF characters',
  },
  {
    name: 'CR/LF in the sender name',
    body: (f) => ({ from: { email: f.email, name: 'A\rB' }, personalizations: [{ to }], subject: 's', content: text }),
    field: 'from.name',
    message: 'cannot contain CRLF characters',
  },
  {
    name: '11 categories',
    body: (f) => ({
      from: f,
      personalizations: [{ to }],
      subject: 's',
      content: text,
      categories: Array.from({ length: 11 }, (_, i) => `c${i}`),
    }),
    field: 'categories',
    message: 'There is a limit of 10 categories for each email that is sent. You provided 11 categories.',
  },
];

test.each(cases)('$name: 400 on field $field with SendGrid message, nothing sent', async ({ body, field, message }) => {
  const before = (await outbox()).length;
  const error = await failure(sendgrid().request({ method: 'POST', url: '/v3/mail/send', body: body(from()) }));
  expect(error.code).toBe(400);
  expect(error.response.body.errors).toContainEqual(
    expect.objectContaining({ field, message: expect.stringContaining(message) }),
  );
  expect(await outbox()).toHaveLength(before);
});

test('sandbox mode: 200, validated, nothing in the outbox', async () => {
  const before = (await outbox()).length;
  const [response] = await sendgrid().request({
    method: 'POST',
    url: '/v3/mail/send',
    body: {
      from: from(),
      personalizations: [{ to: [{ email: 'x@example.test' }] }],
      subject: 's',
      content: [{ type: 'text/plain', value: 'v' }],
      mail_settings: { sandbox_mode: { enable: true } },
    },
  });
  expect(response.statusCode).toBe(200);
  expect(await outbox()).toHaveLength(before);
});

test('one message per personalization, plain content kept as sent', async () => {
  const before = (await outbox()).length;
  await sendgrid().request({
    method: 'POST',
    url: '/v3/mail/send',
    body: {
      from: from(),
      personalizations: [
        { to: [{ email: 'one@example.test' }] },
        { to: [{ email: 'two@example.test' }], subject: 'for two' },
      ],
      subject: 'for all',
      content: [{ type: 'text/plain', value: 'plain body' }],
    },
  });
  const added = (await outbox()).slice(before);
  expect(added.map((m) => [m.to[0]?.email, m.subject, m.text])).toEqual([
    ['one@example.test', 'for all', 'plain body'],
    ['two@example.test', 'for two', 'plain body'],
  ]);
});

test(`more than ${MAX_PERSONALIZATIONS_PER_REQUEST} personalizations: 400 with SendGrid message`, async () => {
  const personalizations = Array.from({ length: MAX_PERSONALIZATIONS_PER_REQUEST + 1 }, (_, i) => ({
    to: [{ email: `p${i}@example.test` }],
  }));
  const error = await failure(
    sendgrid().request({
      method: 'POST',
      url: '/v3/mail/send',
      body: { from: from(), personalizations, subject: 's', content: text },
    }),
  );
  expect(error.code).toBe(400);
  expect(error.response.body.errors[0]?.message).toContain(
    `limited to ${MAX_PERSONALIZATIONS_PER_REQUEST} personalizations per API request. You have provided ${MAX_PERSONALIZATIONS_PER_REQUEST + 1}`,
  );
});
