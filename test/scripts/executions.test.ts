// npm run executions (tsx scripts/executions.ts, as a child process) against local tenants with
// the bundle deployed, after journeys driven over HTTP: what an operator reads (one line per
// execution, the failing action and its cause), what a tool reads (--json), and the comparison
// of outputs with what the flows rely on, under each reading of singleTemplateValue.
import { spawn } from 'node:child_process';
import { dirname } from 'node:path';
import { DEFAULT_READINGS, type LocalTenant } from '../../local-tenant';
import { SEND_CODE_FLOW } from '../../forms/names';
import { localTenantTargetEnv } from '../../scripts/lib/deploy/deploy-target';
import { useDeployedLocalTenant } from '../helpers/deployed-local-tenant';
import { startEmailChange } from '../helpers/email-change-over-http';
import { createApp, createUser, management } from '../helpers/login-apps';
import { ROOT, TSX } from '../helpers/paths';

const typed = useDeployedLocalTenant({ readings: { ...DEFAULT_READINGS, singleTemplateValue: 'typed' } });
const strings = useDeployedLocalTenant({ readings: { ...DEFAULT_READINGS, singleTemplateValue: 'string' } });

function executions(env: Record<string, string>, args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // Asynchronous: the tenant answering it runs in this process.
    const child = spawn(process.execPath, [TSX, 'scripts/executions.ts', ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** The tenant as npm run executions finds it by default: its env file (LOCAL_TENANT_DIR), no AUTH0_* in the shell. */
const byDefault = (tenant: LocalTenant) => ({ LOCAL_TENANT_DIR: dirname(tenant.envFile) });

/**
 * The bundle's STORE_VARS values are all text, so neither reading shows in them: as a tenant
 * owner would, the test adds one action that stores a number ({{functions.length(...)}}) at the
 * end of the send-code flow.
 */
async function addTypedProbe(tenant: LocalTenant): Promise<void> {
  const client = management(tenant);
  const id = tenant.state.flows.find((f) => f.name === SEND_CODE_FLOW)?.id as string;
  const flow = await client.flows.get(id);
  const probe = { id: 'probe_sends_count', type: 'FLOW', action: 'STORE_VARS', params: { vars: { sends_count: '{{functions.length(vars.code_sends)}}' } } };
  await client.flows.update(id, { actions: [...(flow.actions ?? []), probe] as never });
}

/** A change to the end, a send SendGrid refuses, and a wrong code, by three users. */
async function threeJourneys(tenant: LocalTenant) {
  const app = await createApp(tenant);
  const done = await createUser(tenant, 'cli-done');
  const change = await startEmailChange(tenant, app, done);
  await change.sendCode(`moved.${done.email}`);
  await change.enterCode(change.codeSentTo(`moved.${done.email}`));

  const refused = await createUser(tenant, 'cli-refused');
  const refusedChange = await startEmailChange(tenant, app, refused);
  tenant.faults.failNext('sendgrid.send', { status: 500 });
  await refusedChange.sendCode(`refused.${refused.email}`);

  const wrong = await createUser(tenant, 'cli-wrong');
  const wrongChange = await startEmailChange(tenant, app, wrong);
  await wrongChange.sendCode(`wrong.${wrong.email}`);
  const code = wrongChange.codeSentTo(`wrong.${wrong.email}`);
  await wrongChange.enterCode(code.replace(/.$/, (d) => String((Number(d) + 1) % 10)));
  return { done, refused, wrong, code };
}

type Json = { executions: { flow: string; status: string; user?: { email?: string }; failure?: { actionId?: string; cause: string }; message?: string }[]; readings: { action: string; verdict: string }[] };
const verdictOf = (json: Json, action: string) => json.readings.find((r) => r.action === action)?.verdict;

describe('under the reading singleTemplateValue=typed', () => {
  let users: Awaited<ReturnType<typeof threeJourneys>>;
  beforeAll(async () => {
    await addTypedProbe(typed());
    users = await threeJourneys(typed());
  });

  test('one line per execution: time, flow, user, status, and the failing action and its cause', async () => {
    const run = await executions(byDefault(typed()), ['--since', '1h']);
    expect(run).toMatchObject({ status: 0, stderr: '' });
    const lines = run.stdout.split('\n');
    const of = (email: string) => lines.filter((l) => l.includes(`  ${email}  `));
    expect(of(users.done.email)).toEqual([
      expect.stringMatching(/^ {2}\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ {2}send-code {4}\S+ {2}completed$/),
      expect.stringMatching(/ {2}verify-code {2}\S+ {2}completed$/),
    ]);
    expect(of(users.refused.email)).toEqual([expect.stringMatching(/send-code .* failed {2}at send_code: SENDGRID\/SEND_EMAIL: SendGrid answered 500/)]);
    expect(of(users.wrong.email)).toEqual([expect.stringMatching(/send-code .* completed$/), expect.stringMatching(/verify-code .* completed {2}showed ".+"$/)]);
    expect(run.stdout).not.toContain(users.code);
    expect(run.stdout).toContain('What the flows rely on');
  }, 60_000);

  test('--json for tools, --user and --flow narrow it; the comparison: what these outputs show matches, masked ones are not shown', async () => {
    const run = await executions(localTenantTargetEnv(typed().env as Record<string, string>), ['--json', '--user', users.wrong.email.toUpperCase(), '--flow', 'verify-code']);
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout) as Json;
    expect(json.executions).toEqual([expect.objectContaining({ flow: 'verify-code', status: 'completed', user: expect.objectContaining({ email: users.wrong.email }), message: expect.any(String) })]);
    expect(verdictOf(json, 'OTP/VERIFY_CODE')).toBe('matches');
    expect(verdictOf(json, 'AUTH0/UPDATE_USER')).toBe('not shown');

    const all = JSON.parse((await executions(byDefault(typed()), ['--json'])).stdout) as Json;
    expect(Object.fromEntries(all.readings.map((r) => [r.action, r.verdict]))).toEqual({
      'OTP/GENERATE_CODE': 'matches',
      'OTP/VERIFY_CODE': 'matches',
      'EMAIL/VERIFY_EMAIL': 'matches',
      'SENDGRID/SEND_EMAIL': 'matches',
      'AUTH0/UPDATE_USER': 'not shown',
      'AUTH0/SEND_REQUEST': 'not shown',
      'HTTP/SEND_REQUEST': 'not shown',
      'FLOW/STORE_VARS': 'matches',
    });
  }, 60_000);

  test('bad input says what to do', async () => {
    const run = await executions(byDefault(typed()), ['--since', 'yesterday']);
    expect(run).toMatchObject({ status: 1, stdout: '' });
    expect(run.stderr.trim()).toBe('--since takes a duration such as 30m, 1h or 7d, got "yesterday".');
    const flow = await executions(byDefault(typed()), ['--flow', 'send']);
    expect(flow.stderr.trim()).toBe('--flow takes send-code or verify-code, got "send".');
  }, 60_000);
});

describe('under the reading singleTemplateValue=string', () => {
  beforeAll(async () => {
    await addTypedProbe(strings());
    const user = await createUser(strings(), 'cli-strings');
    await (await startEmailChange(strings(), await createApp(strings()), user)).sendCode(`strings.${user.email}`);
  });

  test('the comparison reports that a value that is one {{...}} did not keep its type', async () => {
    const run = await executions(byDefault(strings()), []);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/FLOW\/STORE_VARS +differs: vars\.sends_count = \{\{functions\.length\(vars\.code_sends\)\}\} was stored as the text "1"/);
    expect(run.stdout).toMatch(/OTP\/GENERATE_CODE +matches/);
  }, 60_000);
});
