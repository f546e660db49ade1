// templates:push, pull and diff against the local tenant's SendGrid stand-in, through the real
// @sendgrid/client. Each test has a fresh tenant and a temporary copy of templates/ and
// config/, whose .local-tenant/env points at that tenant (the no-SENDGRID_API_KEY path).
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sendgridClient from '@sendgrid/client';
import { startLocalTenant, type LocalTenant } from '../../../../local-tenant';
import { LOCALES, TEMPLATES, sendgridTemplateName, templateKeyword } from '../../../../templates/catalog';
import { diffTemplates } from '../../../../scripts/lib/templates/diff-templates';
import { PulledTemplatesFailLint, pullTemplates } from '../../../../scripts/lib/templates/pull-templates';
import { pushTemplates } from '../../../../scripts/lib/templates/push-templates';
import { TemplateLintError } from '../../../../scripts/lib/templates/run-lint';
import { ROOT, scriptArgs } from '../../../helpers/paths';
import { checkTestCertificateTrusted, testTenantOptions } from '../../../helpers/local-tenant';
import { copyTemplatesProject, editFile } from '../../../helpers/templates-copy';
import { useTempDir } from '../../../helpers/temp-dir';
import { fakeSendgridKey } from '../../../helpers/fake-sendgrid-key';

const tempDir = useTempDir('templates-publish');
let tenant: LocalTenant;
let stateDir = '';

beforeEach(async () => {
  checkTestCertificateTrusted();
  const options = testTenantOptions();
  stateDir = options.stateDir;
  tenant = await startLocalTenant(options);
});
afterEach(async () => {
  await tenant.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

const ALL = TEMPLATES.flatMap((t) =>
  LOCALES.map((l) => ({ template: t, locale: l, name: sendgridTemplateName(t, l) })),
);

/** A project copy whose .local-tenant/env is the running tenant's. */
function project(): string {
  const root = copyTemplatesProject(tempDir());
  mkdirSync(join(root, '.local-tenant'));
  writeFileSync(join(root, '.local-tenant', 'env'), readFileSync(tenant.envFile));
  return root;
}

/** Runs a command function with no SENDGRID_API_KEY, collecting what it prints. */
function options(root: string, extra: { envName?: string; env?: NodeJS.ProcessEnv } = {}) {
  const lines: string[] = [];
  return {
    lines,
    options: {
      root,
      env: extra.env ?? {},
      ...(extra.envName ? { envName: extra.envName } : {}),
      log: (l: string) => lines.push(l),
    },
  };
}

const read = (root: string, path: string): string => readFileSync(join(root, path), 'utf8');
const templatesIn = () => tenant.state.sendgridTemplates;
const templateNamed = (name: string) => {
  const found = templatesIn().find((t) => t.name === name);
  if (!found) throw new Error(`no template ${name} in the local SendGrid`);
  return found;
};
const activeVersion = (name: string) => templateNamed(name).versions.find((v) => v.active === 1);

/** The real @sendgrid/client, as an admin's own script or SendGrid's editor would change things. */
function sendgridApi() {
  const { Client } = sendgridClient as unknown as { Client: new () => typeof sendgridClient };
  const client = new Client();
  client.setApiKey(tenant.env.SENDGRID_API_KEY);
  client.setDefaultRequest('baseUrl', tenant.env.SENDGRID_BASE_URL);
  return client;
}

async function editInSendgrid(name: string, changes: Record<string, string>): Promise<void> {
  const template = templateNamed(name);
  const version = activeVersion(name);
  await sendgridApi().request({
    method: 'PATCH',
    url: `/v3/templates/${template.id}/versions/${version?.id}`,
    body: changes,
  });
}

/** Runs an npm script's entry point as a child process (asynchronously: the tenant runs in this process). */
function runScript(
  script: string,
  root: string,
  ...args: string[]
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.SENDGRID_API_KEY;
  delete env.SENDGRID_BASE_URL;
  delete env.DEPLOY_ENV;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, scriptArgs(join(ROOT, 'scripts', script), '--root', root, ...args), {
      cwd: ROOT,
      env,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('npm run templates:push', () => {
  test('the first run creates every template with the files as its active version, and writes the ids to config/local.json', async () => {
    const root = project();
    // Ids the stand-in cannot produce, so that writing them is seen.
    const config = JSON.parse(read(root, 'config/local.json'));
    for (const { template, locale } of ALL)
      config.keywords[templateKeyword(template, locale)] = 'd-00000000000000000000000000000000';
    writeFileSync(join(root, 'config/local.json'), `${JSON.stringify(config, null, 2)}\n`);

    const run = options(root);
    const result = await pushTemplates(run.options);

    expect(run.lines[0]).toMatch(
      /^SendGrid: the local tenant's SendGrid stand-in at https:\/\/localhost:\d+ \(SENDGRID_API_KEY is not set, so \.local-tenant\/env is used\)$/,
    );
    expect(result.steps.map((s) => s.kind)).toEqual(ALL.map(() => 'create'));
    expect(templatesIn()).toHaveLength(ALL.length);
    for (const { template, locale, name } of ALL) {
      const stored = templateNamed(name);
      expect(stored.generation).toBe('dynamic');
      expect(stored.versions).toHaveLength(1);
      const version = activeVersion(name);
      const dir = `templates/${template.id}/${locale}`;
      expect(version).toMatchObject({
        subject: read(root, `${dir}/subject.hbs`).trim(),
        html_content: read(root, `${dir}/html.hbs`).trimEnd(),
        plain_content: read(root, `${dir}/text.hbs`).trimEnd(),
        generate_plain_content: false,
      });
      expect(JSON.parse(version?.test_data ?? '{}')).toEqual(
        JSON.parse(read(root, `templates/${template.id}/sample.json`)),
      );
      expect(run.lines).toContain(`created ${name} (${stored.id}) with its first version`);
    }
    // The ids deploy reads are SendGrid's; nothing else in the file changed. The stand-in's ids
    // are the ones the repository's config/local.json records.
    const written = JSON.parse(read(root, 'config/local.json'));
    expect(written).toEqual(JSON.parse(readFileSync(join(ROOT, 'config/local.json'), 'utf8')));
    for (const { template, locale, name } of ALL)
      expect(written.keywords[templateKeyword(template, locale)]).toBe(templateNamed(name).id);
    expect(run.lines[run.lines.length - 1]).toMatch(
      /^wrote SENDGRID_TEMPLATE_CODE_EN, .* to config\/local\.json \(deploy reads the template ids there\)$/,
    );
  });

  test('the second run edits the active version in place: same versions, new content, only what changed', async () => {
    const root = project();
    await pushTemplates(options(root).options);
    const versionsBefore = templatesIn().map((t) => ({ name: t.name, versions: t.versions.map((v) => v.id) }));
    const edited = activeVersion('email-change-code-es');
    await editInSendgrid('email-change-code-es', { name: 'Named in SendGrid' });

    editFile(root, 'templates/code/es/html.hbs', 'No se lo des a nadie', 'No lo compartas con nadie');
    const run = options(root);
    await pushTemplates(run.options);

    expect(templatesIn().map((t) => ({ name: t.name, versions: t.versions.map((v) => v.id) }))).toEqual(versionsBefore);
    expect(activeVersion('email-change-code-es')?.id).toBe(edited?.id);
    expect(activeVersion('email-change-code-es')?.html_content).toContain('No lo compartas con nadie');
    expect(activeVersion('email-change-code-es')?.name).toBe('Named in SendGrid');
    const id = templateNamed('email-change-code-es').id;
    expect(run.lines).toContain(
      `updated email-change-code-es (${id}): html, in version ${edited?.id} (the active version, edited in place)`,
    );
    expect(run.lines.filter((l) => l.startsWith('unchanged '))).toHaveLength(ALL.length - 1);
    expect(run.lines[run.lines.length - 1]).toBe('config/local.json already holds the ids of the 6 templates');
  });

  test('refuses to publish templates that fail lint: nothing reaches SendGrid', async () => {
    const root = project();
    editFile(root, 'templates/code/en/text.hbs', '{{{code}}}', '{{{pin}}}');
    await expect(pushTemplates(options(root).options)).rejects.toThrow(TemplateLintError);
    await expect(pushTemplates(options(root).options)).rejects.toThrow(
      /templates\/code\/en\/text\.hbs:\d+: \{\{pin\}\} is not a variable of "code"/,
    );
    expect(templatesIn()).toEqual([]);
  });

  test("the local tenant's ids belong in config/local.json only: --env dev is refused before anything is sent", async () => {
    const root = project();
    await expect(pushTemplates(options(root, { envName: 'dev' }).options)).rejects.toThrow(
      'SENDGRID_API_KEY is not set, so this targets the local tenant, whose template ids belong in config/local.json, not config/dev.json.',
    );
    expect(templatesIn()).toEqual([]);
    expect(read(root, 'config/dev.json')).toBe(readFileSync(join(ROOT, 'config/dev.json'), 'utf8'));
  });

  test('with a real key, the environment must be named: nothing is sent without it', async () => {
    const root = project();
    const run = options(root, {
      env: { SENDGRID_API_KEY: tenant.env.SENDGRID_API_KEY, SENDGRID_BASE_URL: tenant.env.SENDGRID_BASE_URL },
    });
    await expect(pushTemplates(run.options)).rejects.toThrow(
      'Say which environment these templates are for, so that its config/<env>.json receives their ids: npm run templates:push -- --env dev (or set DEPLOY_ENV). Nothing was changed.',
    );
    expect(templatesIn()).toEqual([]);
    const named = options(root, { env: { ...run.options.env, DEPLOY_ENV: 'local' } });
    await pushTemplates(named.options);
    expect(templatesIn()).toHaveLength(ALL.length);
  });

  test('a key SendGrid refuses: says so and what to check, without printing the key', async () => {
    const root = project();
    const key = fakeSendgridKey('wrong');
    const run = options(root, {
      envName: 'local',
      env: { SENDGRID_API_KEY: key, SENDGRID_BASE_URL: tenant.env.SENDGRID_BASE_URL },
    });
    const error = await pushTemplates(run.options).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toBe(
      'SendGrid answered 401 when asked to list the dynamic templates (GET /v3/templates): The provided authorization grant is invalid, expired, or revoked. ' +
        'Check SENDGRID_API_KEY (in the environment): it must be a valid API key of this SendGrid account.',
    );
    expect([error?.message, ...run.lines].join('\n')).not.toContain(key);
    expect(run.lines).toEqual([
      `SendGrid: SendGrid at ${tenant.env.SENDGRID_BASE_URL} (SENDGRID_API_KEY from the environment)`,
    ]);
  });

  test('a local tenant that is not running: says to start it', async () => {
    const root = project();
    const env = read(root, '.local-tenant/env').replace(
      /SENDGRID_BASE_URL='[^']*'/,
      "SENDGRID_BASE_URL='https://localhost:1'",
    );
    writeFileSync(join(root, '.local-tenant/env'), env);
    await expect(pushTemplates(options(root).options)).rejects.toThrow(
      /^Could not reach the local tenant's SendGrid stand-in at https:\/\/localhost:1 .* to list the dynamic templates: ECONNREFUSED\. Is the local tenant running\? Start it with `npm run local-tenant` in another terminal\.$/,
    );
  });
});

describe('npm run templates:pull', () => {
  test('after an edit made through the API, updates that file and no other', async () => {
    const root = project();
    await pushTemplates(options(root).options);
    const html = activeVersion('email-change-notice-old-es')?.html_content ?? '';
    await editInSendgrid('email-change-notice-old-es', {
      html_content: html.replace('Contactar con asistencia', 'Escribir a asistencia'),
      subject: 'Tu dirección de correo ha cambiado',
    });

    const run = options(root);
    const result = await pullTemplates(run.options);

    expect(result.written.map((w) => w.file)).toEqual([
      'templates/notice-old/es/subject.hbs',
      'templates/notice-old/es/html.hbs',
    ]);
    expect(read(root, 'templates/notice-old/es/subject.hbs')).toBe('Tu dirección de correo ha cambiado\n');
    expect(read(root, 'templates/notice-old/es/html.hbs')).toContain('>Escribir a asistencia</a>');
    expect(read(root, 'templates/notice-old/es/html.hbs')).not.toContain('Contactar con asistencia');
    expect(read(root, 'templates/notice-old/es/text.hbs')).toBe(
      readFileSync(join(ROOT, 'templates/notice-old/es/text.hbs'), 'utf8'),
    );
    expect(read(root, 'templates/notice-old/en/html.hbs')).toBe(
      readFileSync(join(ROOT, 'templates/notice-old/en/html.hbs'), 'utf8'),
    );
    expect(run.lines.slice(1)).toEqual([
      'updated templates/notice-old/es/subject.hbs from email-change-notice-old-es',
      'updated templates/notice-old/es/html.hbs from email-change-notice-old-es',
    ]);
  });

  test('SendGrid text that fails the checks is not written, unless --force', async () => {
    const root = project();
    await pushTemplates(options(root).options);
    const text = activeVersion('email-change-code-en')?.plain_content ?? '';
    await editInSendgrid('email-change-code-en', { plain_content: `${text}\nHello {{first_name}}` });
    const before = read(root, 'templates/code/en/text.hbs');

    const error = await pullTemplates(options(root).options).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PulledTemplatesFailLint);
    expect((error as PulledTemplatesFailLint).problems).toEqual([
      expect.stringMatching(/^templates\/code\/en\/text\.hbs:\d+: \{\{first_name\}\} is not a variable of "code"/),
    ]);
    expect(read(root, 'templates/code/en/text.hbs')).toBe(before);

    const forced = await pullTemplates({ ...options(root).options, force: true });
    expect(forced.problems).toHaveLength(1);
    expect(read(root, 'templates/code/en/text.hbs')).toContain('Hello {{first_name}}');
  });
});

describe('npm run templates:diff', () => {
  test('nothing differs after a push: exits 0', async () => {
    const root = project();
    await pushTemplates(options(root).options);
    const result = await runScript('templates-diff.ts', root);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(
      "no differences: the files and SendGrid's active versions match (6 templates), and config/local.json holds their ids.",
    );
  });

  test('reports drift per template, locale and part, exits 2, and writes nothing', async () => {
    const root = project();
    await pushTemplates(options(root).options);
    await editInSendgrid('email-change-address-in-use-en', { subject: 'This address is taken' });
    editFile(root, 'templates/code/es/text.hbs', 'nunca te lo pediremos', 'jamás te lo pediremos');
    const config = JSON.parse(read(root, 'config/local.json'));
    config.keywords.SENDGRID_TEMPLATE_NOTICE_OLD_EN = 'd-00000000000000000000000000000000';
    writeFileSync(join(root, 'config/local.json'), `${JSON.stringify(config, null, 2)}\n`);
    const filesBefore = [
      'templates/code/es/text.hbs',
      'templates/address-in-use/en/subject.hbs',
      'config/local.json',
    ].map((f) => read(root, f));
    const sendgridBefore = templatesIn();

    const result = await runScript('templates-diff.ts', root);

    expect(result.stderr).toBe('');
    expect(result.status).toBe(2);
    const codeId = templateNamed('email-change-code-es').id;
    const inUseId = templateNamed('email-change-address-in-use-en').id;
    expect(result.stdout).toContain(
      [
        `templates/code/es/text.hbs differs from the text of email-change-code-es (${codeId}, version ${activeVersion('email-change-code-es')?.id}):`,
        '          {{{code}}}',
        '      ',
        '    - El código es válido durante {{{expires_in_minutes}}} minutos. No se lo des a nadie: jamás te lo pediremos.',
        '    + El código es válido durante {{{expires_in_minutes}}} minutos. No se lo des a nadie: nunca te lo pediremos.',
        '      ',
        '      Si no has pedido cambiar tu dirección de correo, ignora este mensaje. Ninguna cuenta cambia si no se introduce el código.',
        `templates/address-in-use/en/subject.hbs`,
      ].join('\n'),
    );
    expect(result.stdout).toContain(
      [
        `templates/address-in-use/en/subject.hbs differs from the subject of email-change-address-in-use-en (${inUseId}, version ${activeVersion('email-change-address-in-use-en')?.id}):`,
        '    - Someone tried to use this email address',
        '    + This address is taken',
      ].join('\n'),
    );
    expect(result.stdout).toContain(
      `config/local.json: keywords.SENDGRID_TEMPLATE_NOTICE_OLD_EN is "d-00000000000000000000000000000000", but SendGrid's email-change-notice-old-en is ${templateNamed('email-change-notice-old-en').id}: npm run templates:push writes it.`,
    );
    expect(result.stdout).toContain('3 differences.');
    expect(
      ['templates/code/es/text.hbs', 'templates/address-in-use/en/subject.hbs', 'config/local.json'].map((f) =>
        read(root, f),
      ),
    ).toEqual(filesBefore);
    expect(templatesIn()).toEqual(sendgridBefore);
  });

  test('templates SendGrid does not have yet are drift too', async () => {
    const root = project();
    const run = options(root);
    const result = await diffTemplates(run.options);
    expect(result.differs).toBe(true);
    expect(run.lines).toContain('email-change-code-en is not in SendGrid: npm run templates:push creates it.');
    expect(run.lines[run.lines.length - 1]).toBe(
      "6 differences. npm run templates:push publishes the files; npm run templates:pull brings SendGrid's text into them.",
    );
  });
});
