// The real deploy CLI (a0deploy import) through importWithDeployCli against the local tenant,
// then the same import in this process (importInProcess, what npm run deploy uses): both
// succeed, the in-process one leaves the deployed configuration exactly as the CLI left it, and
// no endpoint deploy-cli called was missing from the local tenant. (The CLI compiles its whole
// schema twice per import, 10-40 s of CPU: this is the suite's only successful CLI import.)
import { mkdtempSync, rmSync, symlinkSync, copyFileSync } from 'node:fs';
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

// The real CLI's import (about 25 s of CPU on an idle 2-core machine) waits on a child process:
// on a loaded machine it took over 120 s, so the test allows what a first deploy elsewhere does.
const IMPORT_TIMEOUT_MS = 300_000;
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
    const first = await importWithDeployCli(deployInput());
    expect(first.output).toContain('Import Successful');
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
