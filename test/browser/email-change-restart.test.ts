// Restart safety (issue 9, docs/security.md): the local tenant runs as its own process
// (npm run local-tenant's script, on a copy of this run's deployed state), a person gets as far as
// the code email in chromium, and the process is killed outright (SIGKILL: no chance to tidy up).
// Restarted on the same state folder: the state file is whole, the email unchanged, the login that
// was under way is gone (logins live in memory), and a new change goes through.
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { ManagementClient } from 'auth0';
import type { Page } from 'playwright-core';
import type { OutboxMessage, TenantState } from '../../local-tenant';
import { STATE_FILE } from '../../local-tenant/state/store';
import { useBrowser } from '../helpers/browser';
import { startDeployedLocalTenant } from '../helpers/deployed-local-tenant';
import { DEFAULT_DATABASE_CONNECTION } from '../../local-tenant/state/seed';
import { codeIn, sendsToday } from '../helpers/email-change-browser';
import { checkTestCertificateTrusted, TEST_CERTIFICATE_DIR } from '../helpers/local-tenant';
import { PASSWORD } from '../helpers/login-apps';
import { ROOT, scriptArgs } from '../helpers/paths';
import { useSecurityReport } from '../helpers/security-report';

const browser = useBrowser();
const report = useSecurityReport('Restart safety');

/** Starting the tenant's script takes tsx a few seconds of compiling on a busy machine. */
const START_TIMEOUT_MS = 60_000;

let stateDir = '';
let ports = { https: '', http: '' };
let running:
  { child: ChildProcess; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> } | undefined;
/** The env file of the running process. */
let current: Record<string, string> | undefined;

/** npm run local-tenant's script (node --import tsx: one process, so a kill kills the tenant itself) on the state folder. */
async function startTenantProcess(): Promise<Record<string, string>> {
  const child = spawn(process.execPath, scriptArgs(join(ROOT, 'scripts', 'local-tenant.ts')), {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      LOCAL_TENANT_DIR: stateDir,
      LOCAL_TENANT_HTTPS_PORT: ports.https,
      LOCAL_TENANT_HTTP_PORT: ports.http,
      // The flows call the tenant's own HTTPS API: trust its certificate from the start.
      NODE_EXTRA_CA_CERTS: join(stateDir, 'certificate', 'cert.pem'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  running = { child, exited };
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk) => {
      output += chunk;
      if (output.includes('Stop with Ctrl-C.')) resolve();
    });
    child.stderr?.on('data', (chunk) => (output += chunk));
    void exited.then(({ code, signal }) =>
      reject(new Error(`the local tenant exited (${code ?? signal}) before it was ready:\n${output}`)),
    );
  });
  current = parseEnv(readFileSync(join(stateDir, 'env'), 'utf8')) as Record<string, string>;
  return current;
}

/** Kills the process outright, as a crash or `kill -9` would, and waits for it to be gone. */
async function killTenantProcess(): Promise<void> {
  running?.child.kill('SIGKILL');
  expect(await running?.exited).toEqual({ code: null, signal: 'SIGKILL' });
  current = undefined;
}

const readStateFile = (): TenantState => JSON.parse(readFileSync(join(stateDir, STATE_FILE), 'utf8')) as TenantState;

beforeAll(async () => {
  checkTestCertificateTrusted();
  // A tenant from this run's deployed snapshot, stopped at once: its state folder is what the process starts from.
  const started = await startDeployedLocalTenant();
  stateDir = started.stateDir;
  ports = { https: started.tenant.domain.split(':')[1] as string, http: new URL(started.tenant.httpUrl).port };
  await started.tenant.stop();
  // The process keeps its certificate in <state>/certificate: the shared test one, which jest trusts too.
  cpSync(TEST_CERTIFICATE_DIR, join(stateDir, 'certificate'), { recursive: true });
}, 300_000);

afterAll(async () => {
  if (running && running.child.exitCode === null && running.child.signalCode === null) {
    running.child.kill('SIGTERM');
    await running.exited;
  }
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
});

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
}

/** The demo app's change up to the new-address step: sign in to the app, "Change email", the password again. */
async function demoChangeToNewAddressStep(
  page: Page,
  env: Record<string, string>,
  email: string,
  password: string,
): Promise<void> {
  await page.goto(env.DEMO_APP_URL as string);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await signIn(page, email, password);
  await page.getByRole('button', { name: 'Change email' }).click();
  await signIn(page, email, password);
  await page.getByLabel('New email address').waitFor();
}

async function demoChangeToCodeStep(
  page: Page,
  env: Record<string, string>,
  email: string,
  password: string,
  newAddress: string,
): Promise<void> {
  await demoChangeToNewAddressStep(page, env, email, password);
  await page.getByLabel('New email address').fill(newAddress);
  await page.getByRole('button', { name: 'Send code' }).click();
  await page.getByRole('heading', { name: 'Check your email' }).waitFor();
}

/** The demo app's page after the form: the outcome code it shows. */
async function demoOutcome(page: Page): Promise<string | null> {
  const outcome = page.locator('#outcome');
  await outcome.waitFor();
  return outcome.getAttribute('data-code');
}

async function enterCode(page: Page, code: string): Promise<void> {
  await page.getByLabel('Code').fill(code);
  await page.getByRole('button', { name: 'Change my email' }).click();
  await page.waitForLoadState();
}

async function outbox(env: Record<string, string>): Promise<OutboxMessage[]> {
  return (await (await fetch(env.OUTBOX_URL as string)).json()) as OutboxMessage[];
}

/** A user as the Management API gives it, apart from today's code count and the updated_at its write moves ("nothing changed" compares these). */
type ApiUser = { updated_at?: unknown; app_metadata?: Record<string, unknown> } & Record<string, unknown>;
function profileOf(user: ApiUser): ApiUser {
  const { email_change_sends: _sends, ...appMetadata } = user.app_metadata ?? {};
  const { updated_at: _updated, ...rest } = user;
  return { ...rest, app_metadata: appMetadata };
}

const management = (env: Record<string, string>) =>
  new ManagementClient({
    domain: env.AUTH0_DOMAIN as string,
    clientId: env.AUTH0_CLIENT_ID as string,
    clientSecret: env.AUTH0_CLIENT_SECRET as string,
    maxRetries: 0,
  });

const latestCode = (messages: OutboxMessage[], address: string): string =>
  messages
    .filter((m) => m.to.some((t) => t.email === address))
    .map(codeIn)
    .filter((c) => c !== undefined)
    .at(-1) as string;

test(
  'killed (SIGKILL) after the code is sent, restarted on the same state: the state file is whole, the email unchanged, the old login gone, a new change completes',
  report.tracked(async () => {
    let env = current ?? (await startTenantProcess());
    const demoEmail = env.DEMO_USER_EMAIL as string;
    const password = env.DEMO_USER_PASSWORD as string;
    const demoUser = (await management(env).users.listUsersByEmail({ email: demoEmail }))[0];
    const userId = demoUser?.user_id as string;
    const page = await browser.newPage();
    const interrupted = `restart.interrupted@example.com`;
    await demoChangeToCodeStep(page, env, demoEmail, password, interrupted);
    const sentBeforeKill = await outbox(env);
    const code = latestCode(sentBeforeKill, interrupted);
    expect(code).toMatch(/^[0-9]{6}$/);
    const recordBeforeKill = await management(env).users.get(userId);
    expect(recordBeforeKill.email).toBe(demoEmail);
    const deployedBeforeKill = readStateFile();

    await killTenantProcess();

    // The file on disk, read as the next start will read it.
    const onDisk = readStateFile();
    expect(onDisk.outbox).toEqual(sentBeforeKill);
    expect(onDisk.users).toEqual(deployedBeforeKill.users);
    expect(onDisk.users.find((u) => u.user_id === userId)?.email).toBe(demoEmail);
    expect({
      actions: onDisk.actions,
      forms: onDisk.forms,
      flows: onDisk.flows,
      vault: onDisk.vaultConnections,
      triggers: onDisk.triggerBindings,
    }).toEqual({
      actions: deployedBeforeKill.actions,
      forms: deployedBeforeKill.forms,
      flows: deployedBeforeKill.flows,
      vault: deployedBeforeKill.vaultConnections,
      triggers: deployedBeforeKill.triggerBindings,
    });

    env = await startTenantProcess();
    expect(await management(env).users.get(userId)).toEqual(recordBeforeKill);
    expect(await outbox(env)).toEqual(sentBeforeKill);

    // The login under way lived in the killed process: its code page takes nothing.
    await enterCode(page, code);
    expect(await page.locator('body').innerText()).toContain(
      'This sign-in has expired or belongs to another browser. Go back to the app and start again.',
    );
    expect(await management(env).users.get(userId)).toEqual(recordBeforeKill);
    expect(await outbox(env)).toEqual(sentBeforeKill);

    // A new change, in a new browser context, goes through; the code from before the kill is no use in it.
    const again = await browser.newPage();
    const completed = 'restart.completed@example.com';
    await demoChangeToCodeStep(again, env, demoEmail, password, completed);
    const newCode = latestCode(await outbox(env), completed);
    expect(newCode).not.toBe(code);
    const beforeChange = await management(env).users.get(userId);
    await enterCode(again, code);
    await again.getByText('That code is not right. Check the latest email and try again: 4 attempts left.').waitFor();
    await again.getByRole('heading', { name: 'Check your email' }).waitFor();
    expect(await management(env).users.get(userId)).toEqual(beforeChange);
    await enterCode(again, newCode);
    expect(await demoOutcome(again)).toBe('email_change_completed');
    const after = await management(env).users.get(userId);
    expect(after).toMatchObject({
      email: completed,
      email_verified: true,
      app_metadata: {
        email_change_history: {
          c1: { kind: 'change', previous_email: demoEmail, new_email: completed, old_address_notice: 'pending' },
        },
        email_change_notice: { status: 'sent' },
      },
    });
    // Nothing else of the account changed.
    const { email_change_history: _history, email_change_notice: _notice, ...otherMetadata } = after.app_metadata ?? {};
    expect({
      ...after,
      email: beforeChange.email,
      updated_at: beforeChange.updated_at,
      app_metadata: otherMetadata,
    }).toEqual(beforeChange);
    expect(
      (await outbox(env))
        .slice(sentBeforeKill.length)
        .map((m) => [m.to.map((t) => t.email), codeIn(m) === undefined ? 'notice' : 'code']),
    ).toEqual([
      [[completed], 'code'],
      [[demoEmail], 'notice'],
    ]);
  }),
  START_TIMEOUT_MS * 2,
);

test(
  'killed while the flow waits on SendGrid for the code email, restarted: nothing half-written (the send counted, as the flow records it before sending; no email, the address unchanged), and a new change completes',
  report.tracked(async () => {
    let env = current ?? (await startTenantProcess());
    const created = await management(env).users.create({
      connection: DEFAULT_DATABASE_CONNECTION,
      email: 'restart.midflow@example.com',
      password: PASSWORD,
      email_verified: true,
    });
    const userId = created.user_id as string;
    const page = await browser.newPage();
    await demoChangeToNewAddressStep(page, env, created.email as string, PASSWORD);
    const before = await management(env).users.get(userId);
    const sentBefore = await outbox(env);

    // SendGrid holds the code email; the kill comes once the flow is waiting on it (the fault taken).
    const armed = await fetch(`${env.LOCAL_TENANT_URL}/__local/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'sendgrid.send', timeout: true }),
    });
    expect(armed.status).toBe(201);
    await page.getByLabel('New email address').fill('restart.midflow.new@example.com');
    const sending = page
      .getByRole('button', { name: 'Send code' })
      .click()
      .catch(() => undefined);
    while (((await (await fetch(`${env.LOCAL_TENANT_URL}/__local/faults`)).json()) as unknown[]).length > 0) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await killTenantProcess();
    await sending;

    // The flow counted the send (app_metadata.email_change_sends) before it asked SendGrid, and
    // nothing else: the count stays, as for any code asked for.
    const onDisk = readStateFile();
    expect(onDisk.outbox).toEqual(sentBefore);
    expect(onDisk.users.find((u) => u.user_id === userId)?.email).toBe('restart.midflow@example.com');

    env = await startTenantProcess();
    const restarted = await management(env).users.get(userId);
    expect(profileOf(restarted)).toEqual(profileOf(before));
    expect(restarted.app_metadata?.email_change_sends).toEqual(sendsToday(1));
    expect(await outbox(env)).toEqual(sentBefore);

    const again = await browser.newPage();
    await demoChangeToCodeStep(again, env, created.email as string, PASSWORD, 'restart.midflow.new@example.com');
    await enterCode(again, latestCode(await outbox(env), 'restart.midflow.new@example.com'));
    expect(await demoOutcome(again)).toBe('email_change_completed');
    expect(await management(env).users.get(userId)).toMatchObject({
      email: 'restart.midflow.new@example.com',
      email_verified: true,
      app_metadata: {
        email_change_sends: sendsToday(2),
        email_change_history: {
          c1: {
            kind: 'change',
            previous_email: 'restart.midflow@example.com',
            new_email: 'restart.midflow.new@example.com',
          },
        },
        email_change_notice: { status: 'sent' },
      },
    });
    expect(
      (await outbox(env))
        .slice(sentBefore.length)
        .map((m) => [m.to.map((t) => t.email), codeIn(m) === undefined ? 'notice' : 'code']),
    ).toEqual([
      [['restart.midflow.new@example.com'], 'code'],
      [['restart.midflow@example.com'], 'notice'],
    ]);
  }),
  START_TIMEOUT_MS * 2,
);
