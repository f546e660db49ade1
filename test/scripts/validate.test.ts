import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ENTRIES } from '../../bench/lib/project-copy';
import { validateBundle, ValidationError } from '../../scripts/lib/validate/validate-bundle';
import { DIST, ROOT, scriptArgs } from '../helpers/paths';
import { useTempDir } from '../helpers/temp-dir';

const tempDir = useTempDir('validate');

/** A copy of tenant.yaml, config/ and the built dist/ to break in one way. */
function copyOfBundle(): string {
  const root = tempDir();
  for (const entry of ['tenant.yaml', 'config']) cpSync(join(ROOT, entry), join(root, entry), { recursive: true });
  cpSync(DIST, join(root, 'dist'), { recursive: true });
  return root;
}

/** A copy of the project's sources, to run its npm scripts without touching the real dist/. */
function copyOfProject(): string {
  const root = tempDir();
  for (const entry of PROJECT_ENTRIES) {
    cpSync(join(ROOT, entry), join(root, entry), { recursive: true });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
  return root;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each test edits the fields it needs
function editJson(path: string, edit: (value: any) => void): void {
  const value = JSON.parse(readFileSync(path, 'utf8'));
  edit(value);
  writeFileSync(path, JSON.stringify(value, null, 2));
}

async function problemsOf(root: string): Promise<string[]> {
  const error = await validateBundle(root, 'local', { skipDeployCliSchema: true }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).problems;
}

describe('npm run validate', () => {
  test('npm run build && npm run validate pass, with deploy-cli schema validation, and print what was checked', () => {
    const root = copyOfProject();
    const run = (script: string, ...args: string[]) =>
      spawnSync(process.execPath, scriptArgs(script, ...args), { cwd: root, encoding: 'utf8' });
    const build = run('scripts/build.ts');
    expect(build.status).toBe(0);
    expect(build.stdout).toContain('built dist/actions/email-change/code.js');
    // The dev config as a team has it once templates:push ran and a real sender is set.
    editJson(join(root, 'config/dev.json'), (config) => {
      for (const key of Object.keys(config.keywords))
        if (key.startsWith('SENDGRID_TEMPLATE_'))
          config.keywords[key] = `d-${key.length.toString(16).padStart(32, 'a')}`;
      config.keywords.SENDGRID_FROM.email = 'no-reply@dev.acme.test';
      config.keywords.SUPPORT_URL = 'https://dev.acme.test/support';
    });
    const result = run('scripts/validate.ts', '--env', 'dev');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('checked dist/actions/email-change/code.js');
    expect(result.stdout).toContain('checked dist/forms/email-change.json');
    expect(result.stdout).toContain('tenant.yaml is valid for environment "dev"');
  }, 60_000);

  test('a real environment with placeholder template ids, the example sender and support link is refused, each named', async () => {
    const root = copyOfBundle();
    const error = (await validateBundle(root, 'staging', { skipDeployCliSchema: true }).catch(
      (e: unknown) => e,
    )) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.problems).toContain(
      "config/staging.json: SENDGRID_TEMPLATE_CODE_EN is the placeholder d-00000000000000000000000000000001. Run npm run templates:push -- --env staging with that SendGrid account's key, then commit config/staging.json.",
    );
    expect(error.problems.filter((p) => p.includes('is the placeholder'))).toHaveLength(6);
    expect(error.problems).toContain(
      'config/staging.json: SENDGRID_FROM.email is the example sender no-reply@staging.example.com. Use a sender verified in SendGrid (Settings > Sender Authentication).',
    );
    expect(error.problems.some((p) => p.startsWith('config/staging.json: SUPPORT_URL is the example'))).toBe(true);
    // The local tenant's config keeps its placeholders.
    await expect(validateBundle(root, 'local', { skipDeployCliSchema: true })).resolves.toBeDefined();
  });

  test('a form flow_id that names no flow: names the file and the key', async () => {
    const root = copyOfBundle();
    editJson(join(root, 'dist/forms/email-change.json'), (form) => {
      form.nodes.find((n: { type: string }) => n.type === 'FLOW').config.flow_id = 'no-such-flow';
    });
    expect(await problemsOf(root)).toEqual([
      expect.stringMatching(
        /^\.\/dist\/forms\/email-change\.json: nodes\[\d+\]\.config\.flow_id is "no-such-flow", which names no flow in tenant\.yaml/,
      ),
    ]);
  });

  test('a flow connection_id that names no vault connection: names the file and the key', async () => {
    const root = copyOfBundle();
    editJson(join(root, 'dist/flows/email-change-send-code.json'), (flow) => {
      flow.actions.find((a: { params: { connection_id?: string } }) => a.params.connection_id).params.connection_id =
        'nowhere';
    });
    expect(await problemsOf(root)).toEqual([
      expect.stringMatching(
        /^\.\/dist\/flows\/email-change-send-code\.json: actions\[\d+\]\.params\.connection_id is "nowhere", which names no vault connection/,
      ),
    ]);
  });

  test('an undocumented construct in a built flow: names the file, the JSON path and the construct', async () => {
    const root = copyOfBundle();
    editJson(join(root, 'dist/flows/email-change-send-code.json'), (flow) => {
      flow.actions.push(
        {
          id: 'nested',
          type: 'FLOW',
          action: 'STORE_VARS',
          params: { vars: { a: '{{functions.toLowerCase(functions.toString(vars.x))}}' } },
        },
        { id: 'trim', type: 'FLOW', action: 'STORE_VARS', params: { vars: { b: '{{functions.trim(vars.x)}}' } } },
        {
          id: 'gte',
          type: 'FLOW',
          action: 'BOOLEAN_CONDITION',
          params: { if: { operator: 'AND', operands: [{ operator: 'GTE', operands: ['{{vars.x}}', '5'] }] }, then: [] },
        },
        {
          id: 'five',
          type: 'FLOW',
          action: 'BOOLEAN_CONDITION',
          params: { if: { operator: 'AND', operands: [{ operator: 'EQ', operands: ['{{vars.x}}', 5] }] }, then: [] },
        },
      );
    });
    const problems = await problemsOf(root);
    const last = (
      JSON.parse(readFileSync(join(root, 'dist/flows/email-change-send-code.json'), 'utf8')).actions as unknown[]
    ).length;
    const at = (offset: number) => `dist/flows/email-change-send-code.json: $.actions[${last - 4 + offset}]`;
    expect(problems).toEqual([
      `${at(0)}.params.vars.a: functions.toString() nested in another helper's arguments in {{functions.toLowerCase(functions.toString(vars.x))}} is undocumented: no Auth0 source shows a helper call inside another: store the inner result in vars first`,
      expect.stringMatching(
        new RegExp(
          `^${at(1).replace(/[$[\].]/g, '\\$&')}\\.params\\.vars\\.b: functions\\.trim\\(\\) is undocumented: not among the helpers Auth0 documents`,
        ),
      ),
      expect.stringMatching(
        new RegExp(
          `^${at(2).replace(/[$[\].]/g, '\\$&')}\\.params\\.if\\.operands\\[0\\]: operator "GTE" is undocumented`,
        ),
      ),
      expect.stringMatching(
        new RegExp(
          `^${at(3).replace(/[$[\].]/g, '\\$&')}\\.params\\.if\\.operands\\[0\\]\\.operands\\[1\\]: the literal 5 is undocumented`,
        ),
      ),
    ]);
  });

  test('a missing body file: names tenant.yaml, the key and what to run', async () => {
    const root = copyOfBundle();
    rmSync(join(root, 'dist/flows/email-change-send-code.json'));
    expect(await problemsOf(root)).toEqual([
      'tenant.yaml: flows[0].body refers to ./dist/flows/email-change-send-code.json, which does not exist. Run npm run build first, or fix the path.',
    ]);
  });

  test('a keyword with no value in the environment: names where it is used and where to add it', async () => {
    const root = copyOfBundle();
    editJson(join(root, 'config/local.json'), (config) => {
      delete config.keywords.MAX_CHANGES_PER_DAY;
    });
    expect(await problemsOf(root)).toEqual([
      expect.stringMatching(
        /^tenant\.yaml:\d+: ##MAX_CHANGES_PER_DAY## has no value in config\/local\.json\. Add keywords\.MAX_CHANGES_PER_DAY there/,
      ),
    ]);
  });

  test('a malformed keyword value: names the file and the key', async () => {
    const root = copyOfBundle();
    editJson(join(root, 'config/local.json'), (config) => {
      config.keywords.MAX_AUTH_AGE_SECONDS = 'five minutes';
    });
    expect(await problemsOf(root)).toEqual([
      'config/local.json: keywords.MAX_AUTH_AGE_SECONDS must be a positive whole number written as a string, e.g. "300".',
    ]);
  });

  test('an unknown top-level key in tenant.yaml: names it and how to fix it', async () => {
    const root = copyOfBundle();
    appendFileSync(join(root, 'tenant.yaml'), '\nflowVaultConnection: []\n');
    expect(await problemsOf(root)).toEqual([
      expect.stringMatching(/^tenant\.yaml: top-level key "flowVaultConnection" is not one deploy-cli 8\.44 knows/),
    ]);
  });

  test('an environment with no config file: says which exist', async () => {
    await expect(validateBundle(copyOfBundle(), 'qa', { skipDeployCliSchema: true })).rejects.toThrow(
      /config\/qa\.json does not exist\. Known environments: dev, local, prod, staging/,
    );
  });

  test("deploy-cli's own schema refuses what it would refuse on import", async () => {
    const root = copyOfBundle();
    const tenant = readFileSync(join(root, 'tenant.yaml'), 'utf8').replace('runtime: node22', 'runtime: [node22]');
    writeFileSync(join(root, 'tenant.yaml'), tenant);
    await expect(validateBundle(root, 'local')).rejects.toThrow(
      /deploy-cli 8\.44 refuses it: Schema validation failed/,
    );
  }, 60_000);
});
