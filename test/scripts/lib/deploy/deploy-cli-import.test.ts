// The real deploy CLI (a0deploy import) through importWithDeployCli against the local tenant,
// then the same import in this process (importInProcess, what npm run deploy uses): both
// succeed, the in-process one leaves the deployed configuration exactly as the CLI left it, and
// no endpoint deploy-cli called was missing from the local tenant.
//
// The CLI child runs with one thing swapped: Auth0#validate, which would compile deploy-cli's
// whole 8 MB schema twice (10-40 s of CPU), is the project's slim validate, installed by a
// preload (test/helpers/deploy-cli-slim-validate-preload.ts) with the same function and sha256
// guard npm run deploy uses. The first test checks that the CLI's two validate calls went to the
// slim one; another, that a refused guard stops the child before its first request, saying why
// (not a quiet fall back to the whole schema). The chain of proof:
//   - test/scripts/lib/validate/deploy-cli-schema.test.ts proves the slim validate equal to the
//     whole schema (same verdicts, errors and defaults; the suite's one whole-schema compile);
//   - this file proves the CLI's command path (its config file, --no-env, setupContext, the
//     YAML context, processChanges), that every endpoint it calls exists in the local tenant,
//     and that the in-process import leaves the tenant exactly as the CLI did.
// The wrong-secret CLI import below runs deploy-cli untouched (it fails at the token request,
// before any validate), and npm run bench imports with the untouched CLI as its reference.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../../../../scripts/lib/user-error';
import { importWithDeployCli } from '../../../../scripts/lib/deploy/deploy-cli-import';
import { importInProcess } from '../../../../scripts/lib/deploy/deploy-cli-in-process';
import { loadEnvironmentConfig } from '../../../../scripts/lib/environment-config';
import { buildMappings } from '../../../../scripts/lib/mappings';
import {
  FORM_NAME,
  MANAGEMENT_API_VAULT_CONNECTION,
  RESEND_CODE_FLOW,
  SEND_CODE_FLOW,
  SENDGRID_VAULT_CONNECTION,
  VERIFY_CODE_FLOW,
} from '../../../../forms/names';
import type { TenantState } from '../../../../local-tenant';
import { DIST, ROOT } from '../../../helpers/paths';
import { useLocalTenant } from '../../../helpers/local-tenant';
import { SLIM_VALIDATE_CALLS, slimValidateNodeOptions } from '../../../helpers/deploy-cli-slim-validate';

// Each import is a few seconds of CPU (node and deploy-cli loading, the slim validate) plus
// deploy-cli's own fixed 2 s wait before it binds the triggers; on a loaded 2-core machine the
// first test took 15 s. The limit leaves room for a machine several times busier.
const IMPORT_TIMEOUT_MS = 120_000;
const tenant = useLocalTenant();

let bundleDir = '';
beforeAll(() => {
  // tenant.yaml refers to ./dist/...: a folder with a copy of it and the bundle this run built.
  bundleDir = mkdtempSync(join(tmpdir(), 'deploy-cli-import-'));
  copyFileSync(join(ROOT, 'tenant.yaml'), join(bundleDir, 'tenant.yaml'));
  symlinkSync(DIST, join(bundleDir, 'dist'));
});
afterAll(() => rmSync(bundleDir, { recursive: true, force: true }));

function deployInput() {
  const t = tenant();
  const config = loadEnvironmentConfig(ROOT, 'local');
  // Deploy keywords from this tenant; any other deploy keyword keeps its placeholder.
  const mappings = buildMappings(
    config,
    {
      AUTH0_DOMAIN: t.domain,
      EMAIL_CHANGE_FORM_ID: 'ap_importtestplaceholder0000',
      MANAGEMENT_API_VAULT_SETUP: {
        type: 'OAUTH_CLIENT_CREDENTIALS',
        client_id: t.env.AUTH0_CLIENT_ID,
        client_secret: t.env.AUTH0_CLIENT_SECRET,
        token_endpoint: `https://${t.domain}/oauth/token`,
      },
      SENDGRID_VAULT_SETUP: { type: 'BEARER', token: t.env.SENDGRID_API_KEY },
      SENDGRID_API_URL: t.env.SENDGRID_BASE_URL,
    },
    { placeholders: true },
  );
  return {
    tenantFile: join(bundleDir, 'tenant.yaml'),
    domain: t.domain,
    clientId: t.env.AUTH0_CLIENT_ID,
    clientSecret: t.env.AUTH0_CLIENT_SECRET,
    mappings,
    env: { NODE_EXTRA_CA_CERTS: t.env.NODE_EXTRA_CA_CERTS },
  };
}

/** The deployed configuration, without what changes on every write (times, version numbers). */
function deployedConfig(state: TenantState): unknown {
  const volatile = new Set(['created_at', 'updated_at', 'refreshed_at', 'builtAt']);
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !volatile.has(k))
        .map(([k, v]) => [k, strip(v)]),
    );
  };
  return strip({
    clients: state.clients,
    clientGrants: state.clientGrants,
    vaultConnections: state.vaultConnections,
    flows: state.flows,
    forms: state.forms,
    triggerBindings: state.triggerBindings,
    actions: state.actions.map((a) => ({
      action: a.action,
      secretValues: a.secretValues,
      deployed: a.versions
        .filter((v) => v.deployed)
        .map((v) => ({ code: v.code, secrets: a.versionSecretValues[v.id] })),
    })),
  });
}

test(
  'a0deploy import of tenant.yaml succeeds; the same import in process leaves the deployed config as it was',
  async () => {
    const t = tenant();
    t.stats.reset();
    const input = deployInput();
    const first = await importWithDeployCli({
      ...input,
      env: { ...input.env, NODE_OPTIONS: slimValidateNodeOptions() },
    });
    expect(first.output).toContain('Import Successful');
    // The CLI's own Auth0 class had the slim validate: both of its calls (loadAssetsFromLocal, deploy) went to it.
    expect(first.output).toContain(`${SLIM_VALIDATE_CALLS} 2\n`);
    // Every endpoint deploy-cli called exists here: none was answered 404 and skipped.
    expect(t.stats.snapshot().unknown).toEqual({});

    const state = t.state.snapshot();
    const vault = Object.fromEntries(state.vaultConnections.map((c) => [c.connection.name, c]));
    expect(Object.keys(vault).sort()).toEqual([MANAGEMENT_API_VAULT_CONNECTION, SENDGRID_VAULT_CONNECTION].sort());
    expect(vault[SENDGRID_VAULT_CONNECTION]?.setup).toEqual({ type: 'BEARER', token: t.env.SENDGRID_API_KEY });
    // deploy-cli swapped names for ids: each flow points at a vault connection id, the form at flow ids.
    const vaultIds = state.vaultConnections.map((c) => c.connection.id);
    const sendCode = state.flows.find((f) => f.name === SEND_CODE_FLOW);
    expect(JSON.stringify(sendCode)).toContain(`"connection_id":"${vault[SENDGRID_VAULT_CONNECTION]?.connection.id}"`);
    expect(JSON.stringify(state.flows)).not.toContain(`"connection_id":"${SENDGRID_VAULT_CONNECTION}"`);
    expect(vaultIds.length).toBe(2);
    const form = state.forms.find((f) => f.name === FORM_NAME);
    const flowIds = state.flows.map((f) => f.id);
    expect(state.flows.map((f) => f.name).sort()).toEqual([SEND_CODE_FLOW, RESEND_CODE_FLOW, VERIFY_CODE_FLOW].sort());
    for (const id of JSON.stringify(form).match(/"flow_id":"[^"]+"/g) ?? [])
      expect(flowIds).toContain(id.slice('"flow_id":"'.length, -1));
    const action = state.actions.find((a) => a.action.name === 'email-change');
    expect(action?.versions.filter((v) => v.deployed)).toHaveLength(1);
    expect(action?.secretValues.EMAIL_CHANGE_FORM_ID).toBe('ap_importtestplaceholder0000');
    expect(state.triggerBindings['post-login']?.map((b) => b.action.name)).toEqual(['email-change']);

    const second = await importInProcess(deployInput());
    expect(second.output).toContain('Updated [forms]');
    expect(deployedConfig(t.state.snapshot())).toEqual(deployedConfig(state));
    for (const output of [first.output, second.output]) {
      expect(output).not.toContain(t.env.AUTH0_CLIENT_SECRET);
      expect(output).not.toContain(t.env.SENDGRID_API_KEY);
    }
  },
  IMPORT_TIMEOUT_MS,
);

test(
  "when the guard refuses deploy-cli's validate, the CLI child stops at once, before any request, and says why",
  async () => {
    // As after a deploy-cli upgrade: another Auth0#validate text, in place before the preload runs.
    // The child's own TMPDIR gives tsx an empty cache, so esbuild's worker thread compiles the
    // preload, as on a clean clone (when the preload also ran, and threw, in that worker, the
    // child hung: the preload now runs on the main thread only).
    const dir = mkdtempSync(join(tmpdir(), 'deploy-cli-refusal-'));
    try {
      const otherValidate = join(dir, 'other-validate.cjs');
      const tools = JSON.stringify(require.resolve('auth0-deploy-cli/lib/tools'));
      writeFileSync(
        otherValidate,
        `require(${tools}).default.Auth0.prototype.validate = async function validate() {};\n`,
      );
      mkdirSync(join(dir, 'tmp'));
      const t = tenant();
      t.stats.reset();
      const input = deployInput();
      const error = await importWithDeployCli({
        ...input,
        env: {
          ...input.env,
          TMPDIR: join(dir, 'tmp'),
          NODE_OPTIONS: `--require ${JSON.stringify(otherValidate)} ${slimValidateNodeOptions()}`,
        },
      }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).message).toContain('the slim validate was NOT installed');
      expect((error as UserError).message).not.toContain(SLIM_VALIDATE_CALLS);
      expect(t.stats.snapshot()).toMatchObject({ reads: 0, writes: 0, tokens: 0 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
  IMPORT_TIMEOUT_MS,
);

test(
  'a refused import throws a UserError with deploy-cli message, secrets masked',
  async () => {
    // deploy-cli's first act is the token request (docs/platform-facts.md §5): a wrong secret fails fast.
    const input = { ...deployInput(), clientSecret: 'wrong-secret-value-123456' };
    const error = await importWithDeployCli(input).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UserError);
    const message = (error as UserError).message;
    expect(message).toContain(`deploy-cli could not import ${input.tenantFile} into ${input.domain}`);
    expect(message).toContain('Unauthorized');
    expect(message).not.toContain('wrong-secret-value-123456');
  },
  IMPORT_TIMEOUT_MS,
);

test('a refused import in process throws a UserError with deploy-cli message, secrets masked', async () => {
  const input = { ...deployInput(), clientSecret: 'wrong-secret-value-123456' };
  const error = await importInProcess(input).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  const message = (error as UserError).message;
  expect(message).toContain(`deploy-cli could not import ${input.tenantFile} into ${input.domain}`);
  expect(message).toMatch(/Unauthorized|401/);
  expect(message).not.toContain('wrong-secret-value-123456');
});
