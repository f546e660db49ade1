// The layer rule (eslint-rules/layers.js) on imports planted with ESLint's lintText: each file
// path is only a name given to the text, so nothing is written into the tree, and the result does
// not depend on the rest of the tree being clean.
import { ESLint } from 'eslint';
import { join } from 'node:path';
import { ROOT } from '../helpers/paths';

// jest cannot run ESLint's dynamic import() of eslint.config.js, so the test hands ESLint the
// same config module; npm run lint loads it from the file.
const config = require(join(ROOT, 'eslint.config.js')) as ESLint.Options['overrideConfig'];
const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig: config });

/** The layer rule's messages for `code` as if it were the file at `filePath`. */
async function layerMessages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'local/layers').map((m) => m.message);
}

test.each([
  {
    case: 'a local-tenant service imports scripts/',
    filePath: 'local-tenant/sendgrid/render.ts',
    code: "export { registerSendGridHelpers } from '../../scripts/lib/templates/sendgrid-helpers';\n",
    names: ['local-tenant/sendgrid/ (one simulated service)', 'which is in scripts/', "models Auth0's documentation"],
  },
  {
    case: 'a local-tenant service imports the Action (actions/)',
    filePath: 'local-tenant/login/x.ts',
    code: "import { SUPPORTED_LOCALES } from '../../actions/email-change/contract';\nexport const locales = SUPPORTED_LOCALES;\n",
    names: ['local-tenant/login/', 'which is in actions/', 'put the platform fact in platform/'],
  },
  {
    case: "the local tenant's composition root imports the Action (actions/)",
    filePath: 'local-tenant/index.ts',
    code: "export * from '../actions/email-change/contract';\n",
    names: ["local-tenant/ (the local tenant's composition root)", 'which is in actions/'],
  },
  {
    case: 'bench/ imports test/',
    filePath: 'bench/x.ts',
    code: "import { copyProject } from '../test/helpers/project-copy';\nexport const copy = copyProject;\n",
    names: ['bench/ (the benchmarks)', 'which is in test/', 'move the shared code out of test/'],
  },
  {
    case: 'scripts/ imports test/',
    filePath: 'scripts/lib/x.ts',
    code: "import { ROOT } from '../../test/helpers/paths';\nexport const root = ROOT;\n",
    names: ['scripts/ (the CLIs)', 'which is in test/'],
  },
  {
    case: 'a script other than scripts/bench.ts imports bench/',
    filePath: 'scripts/deploy.ts',
    code: "export { runBenchmarks } from '../bench/run-benchmarks';\n",
    names: ['scripts/', 'which is in bench/', 'bench/ only from scripts/bench.ts'],
  },
  {
    case: "a service imports another service's file",
    filePath: 'local-tenant/tokens/x.ts',
    code: "import { grant } from '../login/authorization-code-grant';\nexport const g = grant;\n",
    names: [
      'local-tenant/tokens/ (one simulated service)',
      'local-tenant/login/ (another service)',
      'go through local-tenant/shared/ or the store',
    ],
  },
  {
    case: "a service imports another service's folder (its index.ts)",
    filePath: 'local-tenant/tokens/x.ts',
    code: "export * from '../login';\n",
    names: ['local-tenant/tokens/', 'local-tenant/login/ (another service)'],
  },
  {
    case: 'a service imports the composition root beyond the service contract (surface.ts)',
    filePath: 'local-tenant/tokens/x.ts',
    code: "export { startLocalTenant } from '../index';\n",
    names: ['local-tenant/tokens/', 'local-tenant/ (the composition root)'],
  },
  {
    case: 'the login service imports a file of a service it declares, not its index.ts',
    filePath: 'local-tenant/login/x.ts',
    code: "export { Journey } from '../forms-runtime/journey';\n",
    names: ['local-tenant/login/', 'local-tenant/forms-runtime/ (another service)', 'declared in SERVICE_USES'],
  },
  {
    case: 'a service imports the index.ts of a service SERVICE_USES does not declare for it',
    filePath: 'local-tenant/management-api/x.ts',
    code: "export { createFormsRuntime } from '../forms-runtime';\n",
    names: ['local-tenant/management-api/', 'local-tenant/forms-runtime/ (another service)'],
  },
  {
    case: 'a service loads another service with require()',
    filePath: 'local-tenant/outbox/x.ts',
    code: "export const login = require('../login/login-state');\n",
    names: ['local-tenant/outbox/', 'local-tenant/login/ (another service)'],
  },
  {
    case: 'a service loads scripts/ with import()',
    filePath: 'local-tenant/state/x.ts',
    code: "export const config = () => import('../../scripts/lib/environment-config');\n",
    names: ['local-tenant/state/', 'which is in scripts/'],
  },
  {
    case: 'local-tenant/shared/ imports a service',
    filePath: 'local-tenant/shared/x.ts',
    code: "export { newUserId } from '../management-api/users';\n",
    names: [
      "local-tenant/shared/ (the local tenant's shared plumbing)",
      'local-tenant/management-api/',
      'shared/ serves every service',
    ],
  },
  {
    case: 'platform/ imports the local tenant',
    filePath: 'platform/x.ts',
    code: "export { parseExpression } from '../local-tenant/forms-runtime/template-language/expression-parser';\n",
    names: [
      'platform/ (facts about Auth0, deploy-cli and SendGrid)',
      'which is in local-tenant/forms-runtime/',
      'platform/ only',
    ],
  },
  {
    case: 'the Action imports a node: builtin',
    filePath: 'actions/email-change/x.ts',
    code: "export { randomInt } from 'node:crypto';\n",
    names: [
      'actions/ (the Post-Login Action, bundled alone by esbuild)',
      "'node:crypto'",
      'no node: builtins, no npm packages',
    ],
  },
  {
    case: 'the demo app imports the Action beyond its published contract',
    filePath: 'demo-app/x.ts',
    code: "export { startJourney } from '../actions/email-change/start-journey';\n",
    names: [
      'demo-app/ (the demo app, which signs in like any app)',
      'which is in actions/',
      'actions/email-change/contract.ts',
    ],
  },
  {
    case: 'forms/ imports scripts/',
    filePath: 'forms/x.ts',
    code: "export { loadTenantFile } from '../scripts/lib/tenant-file';\n",
    names: ['forms/ (the form and flows as TypeScript)', 'which is in scripts/'],
  },
])('lint fails when $case, naming the layers and what to do instead', async ({ filePath, code, names }) => {
  const messages = await layerMessages(filePath, code);
  expect(messages).toHaveLength(1);
  for (const name of names) expect(messages[0]).toContain(name);
});

test.each([
  {
    case: 'a local-tenant service imports local-tenant/shared/, the store and platform/',
    filePath: 'local-tenant/tokens/x.ts',
    code: [
      "import { route } from '../shared/http-router';",
      "import type { TenantState } from '../state/store';",
      "import { ACCESS_TOKEN_TTL_SECONDS } from '../../platform/limits';",
      "import { signIn } from './sign-in';",
      "import { SignJWT } from 'jose';",
      'export const used = [route, ACCESS_TOKEN_TTL_SECONDS, signIn, SignJWT] as unknown as TenantState;',
    ].join('\n'),
  },
  {
    case: 'a service imports the service contract (local-tenant/surface.ts)',
    filePath: 'local-tenant/tokens/x.ts',
    code: "export type { Surface, TenantContext } from '../surface';\n",
  },
  {
    case: 'the login service imports the index.ts of the runtimes SERVICE_USES declares for it',
    filePath: 'local-tenant/login/x.ts',
    code: "export { createFormsRuntime } from '../forms-runtime';\nexport { loadAction } from '../actions-runtime';\nexport { recordFlowExecution } from '../flow-executions';\n",
  },
  {
    case: 'the composition root imports every service',
    filePath: 'local-tenant/surfaces.ts',
    code: "export { loginSurface } from './login/login-surface';\nexport { tokensSurface } from './tokens/tokens-surface';\n",
  },
  {
    case: 'the demo app imports the published contract and local-tenant/shared/',
    filePath: 'demo-app/x.ts',
    code: "export { SUPPORTED_LOCALES } from '../actions/email-change/contract.ts';\nexport { escapeHtml } from '../local-tenant/shared/html';\n",
  },
  {
    case: 'scripts/bench.ts imports bench/',
    filePath: 'scripts/bench.ts',
    code: "export { runBenchmarks } from '../bench/run-benchmarks';\n",
  },
  {
    case: 'the Action imports platform/ and itself',
    filePath: 'actions/email-change/x.ts',
    code: "export { MAX_CODE_ATTEMPTS } from '../../platform/limits';\nexport { startJourney } from './start-journey';\n",
  },
  {
    case: 'a test imports scripts/, bench/ and the local tenant',
    filePath: 'test/x.test.ts',
    code: "export { a } from '../scripts/lib/a';\nexport { b } from '../bench/lib/b';\nexport { c } from '../local-tenant/login/c';\n",
  },
])('lint passes when $case', async ({ filePath, code }) => {
  expect(await layerMessages(filePath, code)).toEqual([]);
});
