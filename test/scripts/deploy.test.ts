// npm run deploy and npm run plan, run as a user runs them (child processes on a copy of the
// project), against the local tenant: the tenant's request counters show what they wrote.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ManagementClient } from 'auth0';
import { localTenantTargetEnv } from '../../scripts/lib/deploy/deploy-target';
import { scriptArgs } from '../helpers/paths';
import { useLocalTenant } from '../helpers/local-tenant';
import { copyProject } from '../../bench/lib/project-copy';

const DEPLOY_TIMEOUT_MS = 240_000;

const tenant = useLocalTenant();
let project: ReturnType<typeof copyProject>;
beforeAll(() => {
  project = copyProject('deploy-test');
});
afterAll(() => project.remove());

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(
  script: 'deploy' | 'plan',
  args: string[] = [],
  env: Record<string, string | undefined> = tenantEnv(),
): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, scriptArgs(`scripts/${script}.ts`, ...args), {
      cwd: project.dir,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } as NodeJS.ProcessEnv,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

function tenantEnv(): Record<string, string> {
  return localTenantTargetEnv(tenant().env);
}

function management(): ManagementClient {
  const env = tenant().env;
  return new ManagementClient({
    domain: env.AUTH0_DOMAIN,
    clientId: env.AUTH0_CLIENT_ID,
    clientSecret: env.AUTH0_CLIENT_SECRET,
    maxRetries: 0,
  });
}

function expectNoSecret(output: Run): void {
  const text = output.stdout + output.stderr;
  for (const secret of [tenant().env.AUTH0_CLIENT_SECRET, tenant().env.SENDGRID_API_KEY])
    expect(text).not.toContain(secret);
  const vaultClient = tenant().state.clients.find((c) => c.name === 'email-change-vault');
  if (typeof vaultClient?.client_secret === 'string') expect(text).not.toContain(vaultClient.client_secret);
}

async function postLoginActionNames(): Promise<string[]> {
  const names: string[] = [];
  for await (const binding of await management().actions.triggers.bindings.list('post-login')) {
    names.push(String((binding as { action?: { name?: string } }).action?.name));
  }
  return names;
}

describe('npm run deploy and npm run plan against the local tenant', () => {
  test('missing variables fail before any request, each named with where it comes from', async () => {
    const before = tenant().stats.snapshot();
    const result = await run('deploy', [], {
      DEPLOY_ENV: 'local',
      AUTH0_DOMAIN: tenant().env.AUTH0_DOMAIN,
      AUTH0_CLIENT_ID: 'abc',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Cannot deploy: fix these variables first; nothing was sent.');
    expect(result.stderr).toContain('AUTH0_CLIENT_ID must be an Auth0 client id');
    expect(result.stderr).toContain(
      "AUTH0_CLIENT_SECRET is not set: the client secret of the tenant's deploy application",
    );
    expect(result.stderr).toContain('SENDGRID_API_KEY is not set: a SendGrid API key with Mail Send access');
    const after = tenant().stats.snapshot();
    expect(after).toEqual(before);
  });

  test(
    "a first deploy keeps another Action's binding in its place; then plan finds nothing to change and a second deploy writes nothing",
    async () => {
      const client = management();
      const other = await client.actions.create({
        name: 'risk-check',
        code: 'exports.onExecutePostLogin = async () => {};',
        supported_triggers: [{ id: 'post-login', version: 'v3' }],
      });
      await client.actions.deploy(String(other.id));
      await client.actions.triggers.bindings.updateMany('post-login', {
        bindings: [{ ref: { type: 'action_name', value: 'risk-check' }, display_name: 'risk-check' }],
      });

      const first = await run('deploy');
      expect(first.stderr).toMatch(/✓ build \(\d+\.\d s\)/);
      expect(first.status).toBe(0);
      expectNoSecret(first);
      expect(await postLoginActionNames()).toEqual(['risk-check', 'email-change']);
      const form = tenant().state.forms.find((f) => f.name === 'email-change');
      const action = tenant().state.actions.find((a) => a.action.name === 'email-change');
      expect(form?.id).toEqual(expect.any(String));
      // The Action renders the form by the id the deploy looked up (deploy-cli cannot, #1051).
      expect(action?.secretValues.EMAIL_CHANGE_FORM_ID).toBe(form?.id);

      const plan = await run('plan', ['--exit-code']);
      expectNoSecret(plan);
      expect(plan.stdout).toContain('Plan: 0 to create, 0 to change');
      expect(plan.status).toBe(0);

      tenant().stats.reset();
      const second = await run('deploy');
      expect(second.status).toBe(0);
      expect(second.stdout).toContain('Deploy: nothing to change, nothing written.');
      expect(tenant().stats.snapshot().writes).toBe(0);
      expectNoSecret(second);
    },
    DEPLOY_TIMEOUT_MS,
  );

  test(
    'a change to the flows that send codes: plan shows only those, deploy updates them, and the form still points at them',
    async () => {
      const configPath = join(project.dir, 'config', 'local.json');
      const config = JSON.parse(readFileSync(configPath, 'utf8'));
      config.keywords.SENDGRID_TEMPLATE_CODE_EN = `d-${'e'.repeat(32)}`;
      writeFileSync(configPath, JSON.stringify(config, null, 2));

      const plan = await run('plan', ['--exit-code']);
      expect(plan.status).toBe(2);
      const changed = plan.stdout.split('\n').filter((line) => /^(create|change) /.test(line));
      expect(changed.sort()).toEqual([
        'change    flows/email-change-resend-code',
        'change    flows/email-change-send-code',
      ]);
      expect(plan.stdout).toContain(`-> "d-${'e'.repeat(32)}"`);

      const flowId = tenant().state.flows.find((f) => f.name === 'email-change-send-code')?.id;
      const deploy = await run('deploy');
      expect(deploy.status).toBe(0);
      const flow = tenant().state.flows.find((f) => f.name === 'email-change-send-code');
      expect(flow?.id).toBe(flowId);
      expect(JSON.stringify(flow?.actions)).toContain(`d-${'e'.repeat(32)}`);
      const form = tenant().state.forms.find((f) => f.name === 'email-change');
      expect(JSON.stringify(form?.nodes)).toContain(String(flowId));

      const after = await run('plan', ['--exit-code']);
      expect(after.status).toBe(0);
    },
    DEPLOY_TIMEOUT_MS,
  );
});
