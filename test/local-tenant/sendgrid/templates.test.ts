// SendGrid dynamic templates through the real @sendgrid/client: ids derived from names (a
// documented deviation), versions and activation, Handlebars checked on save, the account's
// 300-version limit.
import { dynamicTemplateId, MAX_TEMPLATE_VERSIONS_PER_ACCOUNT } from '../../../local-tenant/sendgrid/templates';
import { localSenderEmail } from '../../../scripts/lib/environment-config';
import { ROOT } from '../../helpers/paths';
import { useLocalTenant } from '../../helpers/local-tenant';
import { sendgridClient } from '../../helpers/sendgrid-client';

const tenant = useLocalTenant();
const sendgrid = () => sendgridClient(tenant().env);

interface Failure {
  code: number;
  response: { body: { errors: { message: string; field: string | null }[] } };
}
const failure = (promise: Promise<unknown>): Promise<Failure> =>
  promise.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (e: unknown) => e as Failure,
  );

async function createTemplate(name: string): Promise<string> {
  const [response, body] = await sendgrid().request({
    method: 'POST',
    url: '/v3/templates',
    body: { name, generation: 'dynamic' },
  });
  expect(response.statusCode).toBe(201);
  return body.id as string;
}

async function createVersion(templateId: string, name: string, extra: Record<string, unknown> = {}) {
  const [, body] = await sendgrid().request({
    method: 'POST',
    url: `/v3/templates/${templateId}/versions`,
    body: { name, subject: `subject ${name}`, html_content: `<p>${name}</p>`, ...extra },
  });
  return body as { id: string; active: number; plain_content: string };
}

test('the same name always gives the same id; a second template of that name is refused', async () => {
  const id = await createTemplate('same name');
  expect(id).toBe(dynamicTemplateId('same name'));
  const error = await failure(
    sendgrid().request({ method: 'POST', url: '/v3/templates', body: { name: 'same name', generation: 'dynamic' } }),
  );
  expect(error.code).toBe(400);
  expect(error.response.body.errors[0]?.message).toContain('names must be unique');
});

test('the first version is active; activating another switches; a send renders the active one', async () => {
  const id = await createTemplate('versions');
  const first = await createVersion(id, 'one');
  const second = await createVersion(id, 'two');
  expect([first.active, second.active]).toEqual([1, 0]);
  // generate_plain_content (the default) makes the text from the HTML.
  expect(first.plain_content).toBe('one');
  await sendgrid().request({ method: 'POST', url: `/v3/templates/${id}/versions/${second.id}/activate` });
  const [, template] = await sendgrid().request({ method: 'GET', url: `/v3/templates/${id}` });
  expect((template.versions as { name: string; active: number }[]).map((v) => [v.name, v.active])).toEqual([
    ['one', 0],
    ['two', 1],
  ]);
  const [, edited] = await sendgrid().request({
    method: 'PATCH',
    url: `/v3/templates/${id}/versions/${second.id}`,
    body: { subject: 'edited {{x}}' },
  });
  expect(edited.subject).toBe('edited {{x}}');
  await sendgrid().request({
    method: 'POST',
    url: '/v3/mail/send',
    body: {
      from: { email: localSenderEmail(ROOT) },
      template_id: id,
      personalizations: [{ to: [{ email: 'r@example.test' }], dynamic_template_data: { x: 5 } }],
    },
  });
  expect(tenant().state.outbox.at(-1)).toMatchObject({
    subject: 'edited 5',
    html: '<p>two</p>',
    template_version_id: second.id,
  });
});

test('Handlebars that does not compile is refused on save', async () => {
  const id = await createTemplate('broken');
  const error = await failure(createVersion(id, 'bad', { html_content: '<p>{{#if x}}unclosed</p>' }));
  expect(error.code).toBe(400);
  expect(error.response.body.errors[0]).toMatchObject({
    field: 'html_content',
    message: expect.stringContaining('not a valid Handlebars template'),
  });
});

test('the list needs page_size, shows legacy templates unless generations says otherwise, and pages', async () => {
  const missing = await failure(sendgrid().request({ method: 'GET', url: '/v3/templates' }));
  expect(missing.code).toBe(400);
  expect(missing.response.body.errors[0]?.field).toBe('page_size');
  const [, legacy] = await sendgrid().request({ method: 'GET', url: '/v3/templates', qs: { page_size: 10 } });
  expect(legacy.result).toEqual([]);
  const names: string[] = [];
  let next: string | undefined = `/v3/templates?generations=dynamic&page_size=2`;
  while (next) {
    const url = new URL(next, tenant().httpsUrl);
    const [, page] = await sendgrid().request({
      method: 'GET',
      url: url.pathname,
      qs: Object.fromEntries(url.searchParams),
    });
    names.push(...(page.result as { name: string }[]).map((t) => t.name));
    next = page._metadata.next;
  }
  expect(names.sort()).toEqual(
    tenant()
      .state.sendgridTemplates.map((t) => t.name)
      .sort(),
  );
});

test(`an account holds at most ${MAX_TEMPLATE_VERSIONS_PER_ACCOUNT} versions across templates (docs/platform-facts.md §6)`, async () => {
  const id = await createTemplate('many versions');
  const existing = tenant().state.sendgridTemplates.reduce((n, t) => n + t.versions.length, 0);
  for (let i = existing; i < MAX_TEMPLATE_VERSIONS_PER_ACCOUNT; i++) await createVersion(id, `v${i}`);
  const error = await failure(createVersion(id, 'one too many'));
  expect(error.code).toBe(400);
  expect(error.response.body.errors[0]?.message).toContain(
    `at most ${MAX_TEMPLATE_VERSIONS_PER_ACCOUNT} template versions`,
  );
  // Deleting the template frees its versions.
  const [deleted] = await sendgrid().request({ method: 'DELETE', url: `/v3/templates/${id}` });
  expect(deleted.statusCode).toBe(204);
  expect((await createVersion(await createTemplate('after the limit'), 'v1')).active).toBe(1);
}, 60_000);

test('a wrong key on the template API: 401 with SendGrid message', async () => {
  const error = await failure(
    sendgridClient(tenant().env, 'SG.not-the-key').request({
      method: 'GET',
      url: '/v3/templates',
      qs: { page_size: 1 },
    }),
  );
  expect(error.code).toBe(401);
  expect(error.response.body.errors[0]?.message).toBe(
    'The provided authorization grant is invalid, expired, or revoked',
  );
});

test("SendGrid's helpers render (formatDate, equals); a helper SendGrid lacks is refused on save, naming it", async () => {
  const id = await createTemplate('helpers');
  await createVersion(id, 'v1', {
    subject: 'Changed on {{formatDate changed_at "YYYY-MM-DD"}}',
    html_content: '<p>{{#equals locale "en"}}Hello{{else}}Hola{{/equals}}</p>',
  });
  await sendgrid().request({
    method: 'POST',
    url: '/v3/mail/send',
    body: {
      from: { email: localSenderEmail(ROOT) },
      template_id: id,
      personalizations: [
        {
          to: [{ email: 'h@example.test' }],
          dynamic_template_data: { changed_at: '2026-11-21T10:00:00Z', locale: 'es' },
        },
      ],
    },
  });
  expect(tenant().state.outbox.at(-1)).toMatchObject({ subject: 'Changed on 2026-11-21', html: '<p>Hola</p>' });
  const lookup = await createTemplate('unsupported helper');
  const error = await failure(createVersion(lookup, 'v1', { html_content: '<p>{{lookup a b}}</p>' }));
  expect(error.code).toBe(400);
  expect(error.response.body.errors[0]).toMatchObject({
    field: 'html_content',
    message: expect.stringContaining('unknown helper lookup'),
  });
});
