// npm start, run as a newcomer runs it: `npm start` in a shell whose environment holds nothing of
// ours (no NODE_EXTRA_CA_CERTS, no AUTH0_*), then one whole email change through the demo app over
// HTTP: sign in, Change email, sign in again, the new address, the code read from the outbox, the
// code, and a sign-in with the new address. The local tenant must trust its own certificate for
// its own calls (the Forms runtime calls its Management API and SendGrid over HTTPS); jest trusts
// it for itself, so only a child with a clean environment shows whether the front door is open.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import type { OutboxMessage } from '../../local-tenant';
import { HttpBrowser } from '../helpers/http-browser';
import { ROOT } from '../helpers/paths';
import { useTempDir } from '../helpers/temp-dir';

const tempDir = useTempDir('npm-start');
const NEW_ADDRESS = 'started.new@example.com';

function npmStart(stateDir: string): {
  child: ChildProcess;
  ready: Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>;
} {
  // Only what a plain login shell has: no variable of jest's (NODE_EXTRA_CA_CERTS above all).
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    LOCAL_TENANT_DIR: stateDir,
    LOCAL_TENANT_HTTPS_PORT: '0',
    LOCAL_TENANT_HTTP_PORT: '0',
  };
  // Its own process group, signalled as a terminal's Ctrl-C would: npm does not pass SIGTERM on.
  const child = spawn('npm', ['start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const ready = new Promise<string>((resolve, reject) => {
    const onData = (d: Buffer): void => {
      output += d;
      if (output.includes('Stop with Ctrl-C.')) resolve(output);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code} before it was ready:\n${output}`)));
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal, output })),
  );
  return { child, ready, exited };
}

test('npm start in a clean shell completes an email change through the demo app, and stops on SIGTERM', async () => {
  const stateDir = tempDir();
  const run = npmStart(stateDir);
  try {
    await run.ready;
    const env = parseEnv(readFileSync(join(stateDir, 'env'), 'utf8')) as Record<string, string>;
    const user = { email: env.DEMO_USER_EMAIL as string, password: env.DEMO_USER_PASSWORD as string };
    const browser = new HttpBrowser(env.LOCAL_TENANT_URL as string, { followApps: true });

    let page = await browser.open(env.DEMO_APP_URL as string);
    page = await browser.submit(page, {}, '/demo/login');
    page = await browser.submit(page, { username: user.email, password: user.password });
    expect(page.text).toContain(`Your email address, from the ID token: ${user.email}`);

    page = await browser.submit(page, {}, '/demo/change-email');
    page = await browser.submit(page, { username: user.email, password: user.password });
    expect(page.text).toContain('Change your email address');
    page = await browser.submit(page, { new_email_en: NEW_ADDRESS, action: 'next' });
    // The step the front door used to fail at: the send-code flow calls the tenant's own APIs.
    expect(page.text).not.toContain('Something went wrong');
    expect(page.text).toContain('Check your email');

    const outbox = (await (await fetch(env.OUTBOX_URL as string)).json()) as OutboxMessage[];
    const code = (
      outbox.filter((m) => m.to.some((to) => to.email === NEW_ADDRESS)).at(-1)?.dynamic_template_data as
        { code?: string } | undefined
    )?.code;
    expect(code).toMatch(/^\d{6}$/);
    page = await browser.submit(page, { code_en: code as string, action: 'next' });
    expect(page.text).toContain('Your email address has changed.');
    // The old address is told, in the outbox too.
    const after = (await (await fetch(env.OUTBOX_URL as string)).json()) as OutboxMessage[];
    expect(after.some((m) => m.to.some((to) => to.email === user.email))).toBe(true);

    page = await browser.submit(page, {}, '/demo/login');
    page = await browser.submit(page, { username: NEW_ADDRESS, password: user.password });
    expect(page.text).toContain(`Your email address, from the ID token: ${NEW_ADDRESS}`);
  } finally {
    process.kill(-(run.child.pid as number), 'SIGTERM');
  }
  const result = await run.exited;
  // The tenant stops cleanly; npm, in the same group, ends by the signal or with 0.
  expect(result.output).toContain('SIGTERM: stopping the local tenant');
  expect(result.output).not.toMatch(/Error|failed/);
  expect(result.code === 0 || result.signal === 'SIGTERM').toBe(true);
}, 300_000);
