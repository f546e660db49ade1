import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { BuildError, buildBundle } from '../../scripts/lib/build/build-bundle';
import { MAX_ACTION_CODE_BYTES } from '../../platform/actions-limits';
import { DIST, ROOT } from '../helpers/paths';
import { useTempDir } from '../helpers/temp-dir';

const tempDir = useTempDir('build');

function fixtureAction(name: string, source: string): string {
  const actionsDir = join(tempDir(), 'actions');
  mkdirSync(join(actionsDir, name), { recursive: true });
  writeFileSync(join(actionsDir, name, 'index.ts'), source);
  return actionsDir;
}

async function buildFixture(source: string, env: NodeJS.ProcessEnv = {}): Promise<BuildError> {
  const actionsDir = fixtureAction('email-change', source);
  const outDir = join(tempDir(), 'dist');
  const error = await buildBundle(ROOT, { outDir, actionsDir, env }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BuildError);
  // A refused build leaves nothing for deploy-cli to pick up.
  expect(existsSync(outDir)).toBe(false);
  return error as BuildError;
}

describe('npm run build', () => {
  test('writes the bundled Action as CommonJS and the form and flow bodies as JSON', () => {
    const code = readFileSync(join(DIST, 'actions/email-change/code.js'), 'utf8');
    const module = { exports: {} as Record<string, unknown> };
    runInNewContext(code, { module, exports: module.exports });
    expect(typeof module.exports.onExecutePostLogin).toBe('function');
    expect(typeof module.exports.onContinuePostLogin).toBe('function');
    expect(code).not.toMatch(/\bimport\s|\bexport\s*\{/);
    for (const file of [
      'forms/email-change.json',
      'flows/email-change-send-code.json',
      'flows/email-change-verify-code.json',
    ]) {
      expect(() => JSON.parse(readFileSync(join(DIST, file), 'utf8'))).not.toThrow();
    }
  });

  test('an Action that requires a Node builtin still builds to CommonJS that requires it', async () => {
    const actionsDir = fixtureAction(
      'email-change',
      `import { createHash } from 'node:crypto';\nexport const onExecutePostLogin = async () => createHash('sha256').update('x').digest('hex');`,
    );
    const outDir = join(tempDir(), 'dist');
    await buildBundle(ROOT, { outDir, actionsDir, env: {} });
    const code = readFileSync(join(outDir, 'actions/email-change/code.js'), 'utf8');
    expect(code).toMatch(/require\("node:crypto"\)/);
    expect(code).not.toMatch(/\bimport\s/);
  });

  test('refuses an Action bundle over the 100 kB limit, naming the file', async () => {
    const big = 'x'.repeat(MAX_ACTION_CODE_BYTES + 1);
    const error = await buildFixture(`export const onExecutePostLogin = async () => ${JSON.stringify(big)};`);
    expect(error.problems).toEqual([
      expect.stringMatching(/^dist\/actions\/email-change\/code\.js is \d+ bytes; Auth0 accepts at most 100000 bytes/),
    ]);
  });

  test('refuses a stray keyword pattern that deploy-cli would replace, naming the file and line', async () => {
    // Line 2: the bundle's first line is its "use strict" banner (bundle-actions.ts).
    const error = await buildFixture(`export const onExecutePostLogin = async () => "##PATH##";`);
    expect(error.problems).toEqual([
      expect.stringMatching(
        /^dist\/actions\/email-change\/code\.js:2 contains ##PATH##, which deploy-cli would replace/,
      ),
    ]);
  });

  test('refuses a stray @@ keyword too', async () => {
    const error = await buildFixture(`export const onExecutePostLogin = async () => "@@HOME@@";`);
    expect(error.problems[0]).toMatch(/contains @@HOME@@/);
  });

  test('refuses something that looks like a secret', async () => {
    const key = `SG.${'a'.repeat(22)}.${'b'.repeat(43)}`;
    const error = await buildFixture(`export const onExecutePostLogin = async () => ${JSON.stringify(key)};`);
    expect(error.problems).toEqual([expect.stringMatching(/code\.js contains what looks like a SendGrid API key/)]);
  });

  test('refuses the value of a secret environment variable found in dist/', async () => {
    const error = await buildFixture(`export const onExecutePostLogin = async () => "correct-horse-battery";`, {
      SENDGRID_API_KEY: 'correct-horse-battery',
    });
    expect(error.problems[0]).toMatch(/the value of a secret environment variable/);
    expect(error.message).not.toContain('correct-horse-battery');
  });

  test('refuses an npm import that tenant.yaml does not declare', async () => {
    const error = await buildFixture(
      `import { ManagementClient } from 'auth0';\nexport const onExecutePostLogin = async () => new ManagementClient({} as never);`,
    );
    expect(error.problems).toEqual([expect.stringMatching(/imports "auth0", which tenant\.yaml does not declare/)]);
  });
});
