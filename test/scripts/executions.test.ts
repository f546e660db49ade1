// npm run executions (node --import tsx scripts/executions.ts, as a child process) against local tenants with
// the bundle deployed, after journeys driven over HTTP: what an operator reads (one line per
// execution, the failing action and its cause, or the message the page showed), what a tool
// reads (--json), and the comparison of outputs with what the flows rely on, under the default
// readings and under the least favourable ones (every value that is one {{...}} a string, a
// non-2xx answer failing the action, vars rolled back at an error message).
import { spawn } from 'node:child_process';
import { dirname } from 'node:path';
import { FLOW_MESSAGES } from '../../forms/flow-messages';
import { DEFAULT_READINGS, LEAST_FAVOURABLE_READINGS, type LocalTenant } from '../../local-tenant';
import { localTenantTargetEnv } from '../../scripts/lib/deploy/deploy-target';
import { useDeployedLocalTenant } from '../helpers/deployed-local-tenant';
import { startEmailChange } from '../helpers/email-change-over-http';
import { createApp, createUser } from '../helpers/login-apps';
import { ROOT, scriptArgs } from '../helpers/paths';

const typed = useDeployedLocalTenant({ readings: { ...DEFAULT_READINGS, singleTemplateValue: 'typed' } });
const leastFavourable = useDeployedLocalTenant({ readings: LEAST_FAVOURABLE_READINGS });

function executions(
  env: Record<string, string>,
  args: string[],
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // Asynchronous: the tenant answering it runs in this process.
    const child = spawn(process.execPath, scriptArgs('scripts/executions.ts', ...args), {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** The tenant as npm run executions finds it by default: its env file (LOCAL_TENANT_DIR), no AUTH0_* in the shell. */
const byDefault = (tenant: LocalTenant) => ({ LOCAL_TENANT_DIR: dirname(tenant.envFile) });

/** A change to the end, a send SendGrid refuses, and two wrong codes, by three users. */
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
  const wrongCode = code.replace(/.$/, (d) => String((Number(d) + 1) % 10));
  await wrongChange.enterCode(wrongCode);
  await wrongChange.enterCode(wrongCode);
  return { done, refused, wrong, code };
}

type Json = {
  executions: {
    flow: string;
    status: string;
    user?: { email?: string };
    failure?: { actionId?: string; cause: string };
    message?: string;
  }[];
  readings: { name: string; action: string; verdict: string }[];
};
const verdictOf = (json: Json, name: string) => json.readings.find((r) => r.name === name)?.verdict;
const quoted = (text: string) => JSON.stringify(text).replace(/[.?()]/g, '\\$&');

describe('under the reading singleTemplateValue=typed', () => {
  let users: Awaited<ReturnType<typeof threeJourneys>>;
  beforeAll(async () => {
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
    // SendGrid refusing a send is an output the flow tests: it completes, with the message the page showed.
    expect(of(users.refused.email)).toEqual([
      expect.stringMatching(
        new RegExp(`send-code {4}\\S+ {2}completed {2}showed ${quoted(FLOW_MESSAGES.sendFailed.en)}$`),
      ),
    ]);
    // A wrong code ends the flow normally; the line shows the notice the code step showed again.
    expect(of(users.wrong.email)).toEqual([
      expect.stringMatching(/send-code .* completed$/),
      expect.stringMatching(/verify-code .* completed {2}showed "That code is not right\. .* 4 attempts left\."$/),
      expect.stringMatching(/verify-code .* completed {2}showed "That code is not right\. .* 3 attempts left\."$/),
    ]);
    expect(run.stdout).not.toContain(users.code);
    expect(run.stdout).toContain('What the flows rely on');
  }, 60_000);

  test('--json for tools, --user and --flow narrow it; the comparison: what these outputs show matches, masked ones are not shown', async () => {
    const run = await executions(localTenantTargetEnv(typed().env as Record<string, string>), [
      '--json',
      '--user',
      users.wrong.email.toUpperCase(),
      '--flow',
      'verify-code',
    ]);
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout) as Json;
    const wrongCode = expect.objectContaining({
      flow: 'verify-code',
      status: 'completed',
      user: expect.objectContaining({ email: users.wrong.email }),
      message: expect.stringContaining('That code is not right.'),
    });
    expect(json.executions).toEqual([wrongCode, wrongCode]);
    expect(verdictOf(json, 'OTP/VERIFY_CODE')).toBe('matches');
    expect(verdictOf(json, 'vars after a wrong code')).toBe('matches');
    // verify-code's Management API calls are masked, and no SendGrid send ran in these two.
    expect(verdictOf(json, 'HTTP/SEND_REQUEST')).toBe('not shown');
    expect(verdictOf(json, 'EMAIL/VERIFY_EMAIL')).toBe('not shown');

    const all = JSON.parse((await executions(byDefault(typed()), ['--json'])).stdout) as Json;
    expect(Object.fromEntries(all.readings.map((r) => [r.name, r.verdict]))).toEqual({
      'OTP/GENERATE_CODE': 'matches',
      'OTP/VERIFY_CODE': 'matches',
      'EMAIL/VERIFY_EMAIL': 'matches',
      'HTTP/SEND_REQUEST': 'matches',
      'HTTP/SEND_REQUEST non-2xx': 'matches',
      'FLOW/STORE_VARS': 'matches',
      'vars after a wrong code': 'matches',
    });
  }, 60_000);

  test('bad input says what to do', async () => {
    const run = await executions(byDefault(typed()), ['--since', 'yesterday']);
    expect(run).toMatchObject({ status: 1, stdout: '' });
    expect(run.stderr.trim()).toBe('--since takes a duration such as 30m, 1h or 7d, got "yesterday".');
    const flow = await executions(byDefault(typed()), ['--flow', 'send']);
    expect(flow.stderr.trim()).toBe('--flow takes send-code, resend-code or verify-code, got "send".');
  }, 60_000);
});

describe('under the least favourable readings (singleTemplateValue=string, httpErrorStatus=fails, varsBeforeErrorMessage=rolled-back, ...)', () => {
  let users: Awaited<ReturnType<typeof threeJourneys>>;
  /** What an operator reads by default (the last 24 h): the lines, then the comparison. */
  let run: Awaited<ReturnType<typeof executions>>;
  beforeAll(async () => {
    users = await threeJourneys(leastFavourable());
    run = await executions(byDefault(leastFavourable()), []);
  }, 60_000);

  test('the same lines: a refused send ends with the same message, though send_code failed (allow_failure)', () => {
    expect(run).toMatchObject({ status: 0, stderr: '' });
    const lines = run.stdout.split('\n');
    expect(lines.filter((l) => l.includes(`  ${users.refused.email}  `))).toEqual([
      expect.stringMatching(
        new RegExp(`send-code {4}\\S+ {2}completed {2}showed ${quoted(FLOW_MESSAGES.sendFailed.en)}$`),
      ),
    ]);
    expect(lines.filter((l) => l.includes(`  ${users.wrong.email}  `))).toHaveLength(3);
  });

  test("the comparison: a value that is one {{...}} did not keep its type (vars.owners, the bundle's own); everything the flows rely on matches", async () => {
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      /FLOW\/STORE_VARS +differs: vars\.owners = \{\{functions\.length\(actions\.find_owner\.body\)\}\} was stored as the text "0"/,
    );
    expect(run.stdout).toMatch(/OTP\/GENERATE_CODE +matches/);
    const json = JSON.parse((await executions(byDefault(leastFavourable()), ['--json'])).stdout) as Json;
    expect(Object.fromEntries(json.readings.map((r) => [r.name, r.verdict]))).toEqual({
      'OTP/GENERATE_CODE': 'matches',
      'OTP/VERIFY_CODE': 'matches',
      'EMAIL/VERIFY_EMAIL': 'matches',
      'HTTP/SEND_REQUEST': 'matches',
      // The refused send failed the action, and the flow went on.
      'HTTP/SEND_REQUEST non-2xx': 'matches',
      'FLOW/STORE_VARS':
        'differs: vars.owners = {{functions.length(actions.find_owner.body)}} was stored as the text "0"',
      // Even with vars rolled back at an error message: a wrong code ends the flow without one.
      'vars after a wrong code': 'matches',
    });
  }, 60_000);
});
