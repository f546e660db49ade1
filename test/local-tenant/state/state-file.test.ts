// The state file: killed mid-write, a restart finds it whole (the old or the new state); a
// restart keeps config, users and outbox; --reset starts clean; a damaged file is an error that
// says what to do, never silently replaced.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ManagementClient } from 'auth0';
import { startLocalTenant } from '../../../local-tenant';
import { readStateFile, STATE_FILE, StateFileError } from '../../../local-tenant/state/store';
import { localSenderEmail } from '../../../scripts/lib/environment-config';
import { ROOT } from '../../helpers/paths';
import { testTenantOptions } from '../../helpers/local-tenant';
import { sendgridClient } from '../../helpers/sendgrid-client';
import { useTempDir } from '../../helpers/temp-dir';

const tempDir = useTempDir('state-file');
const KILLS = 3;

/** Starts the writer child and resolves once it has written `generations` states. */
function startWriter(stateDir: string, generations: number) {
  // One process (tsx as a loader, not its CLI, which would run the script in a grandchild that
  // SIGKILL would miss).
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'state-writer-child.ts'), stateDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let lastWritten = 0;
  let pending = '';
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      // Only whole lines count: a generation is printed after its write completed.
      const lines = (pending + chunk.toString()).split('\n');
      pending = lines.pop() ?? '';
      if (lines.length > 0) lastWritten = Number(lines.at(-1));
      if (lastWritten >= generations) resolve();
    });
    child.on('exit', () => reject(new Error(`writer exited early: ${stderr}`)));
  });
  // 'close': the process is gone and all it printed has been read.
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  return { child, ready, exited, lastWritten: () => lastWritten };
}

test('killed while writing a large state, the file is whole: the last written generation or the next', async () => {
  const stateDir = tempDir();
  // A seeded random delay, so that a failure replays.
  let seed = 20261121;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let round = 0; round < KILLS; round++) {
    const writer = startWriter(stateDir, 3);
    await writer.ready;
    await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 150)));
    writer.child.kill('SIGKILL');
    await writer.exited.catch(() => undefined);
    const state = readStateFile(join(stateDir, STATE_FILE));
    const generation = Number(state.tenantSettings.generation);
    expect([writer.lastWritten(), writer.lastWritten() + 1]).toContain(generation);
    expect(state.users).toHaveLength(3000);
  }
  // The next start cleans the temporary file a kill may leave.
  const tenant = await startLocalTenant(testTenantOptions({ stateDir }));
  await tenant.stop();
  expect(readdirSync(stateDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
}, 60_000);

test('a restart keeps users, deployed config, outbox and credentials, even on another port; --reset starts clean', async () => {
  const options = testTenantOptions({ stateDir: tempDir() });
  const first = await startLocalTenant(options);
  const management = new ManagementClient({
    domain: first.domain,
    clientId: first.env.AUTH0_CLIENT_ID,
    clientSecret: first.env.AUTH0_CLIENT_SECRET,
    maxRetries: 0,
  });
  await management.users.create({
    connection: 'Username-Password-Authentication',
    email: 'kept@example.test',
    password: 'pw-123456',
  });
  await management.clients.create({ name: 'kept app' });
  await sendgridClient(first.env).request({
    method: 'POST',
    url: '/v3/mail/send',
    body: {
      from: { email: localSenderEmail(ROOT) },
      personalizations: [{ to: [{ email: 'kept@example.test' }] }],
      subject: 'kept',
      content: [{ type: 'text/plain', value: 'v' }],
    },
  });
  const env = first.env;
  await first.stop();

  const second = await startLocalTenant(options);
  try {
    expect(second.env.AUTH0_CLIENT_SECRET).toBe(env.AUTH0_CLIENT_SECRET);
    expect(second.env.SENDGRID_API_KEY).toBe(env.SENDGRID_API_KEY);
    const again = new ManagementClient({
      domain: second.domain,
      clientId: second.env.AUTH0_CLIENT_ID,
      clientSecret: second.env.AUTH0_CLIENT_SECRET,
      maxRetries: 0,
    });
    expect((await again.users.listUsersByEmail({ email: 'kept@example.test' })).map((u) => u.email)).toEqual([
      'kept@example.test',
    ]);
    expect((await again.clients.list()).data.map((c) => c.name)).toContain('kept app');
    expect(second.state.outbox.map((m) => m.subject)).toEqual(['kept']);
  } finally {
    await second.stop();
  }

  const reset = await startLocalTenant({ ...options, reset: true });
  try {
    expect(reset.state.users).toEqual([]);
    expect(reset.state.outbox).toEqual([]);
    expect(reset.state.clients.map((c) => c.name)).not.toContain('kept app');
    expect(reset.env.AUTH0_CLIENT_SECRET).not.toBe(env.AUTH0_CLIENT_SECRET);
  } finally {
    await reset.stop();
  }
});

test('a damaged state file stops the start with what to do, and is left as it was', async () => {
  const options = testTenantOptions({ stateDir: tempDir() });
  writeFileSync(join(options.stateDir, STATE_FILE), '{"format": 1, "users": [');
  const error = await startLocalTenant(options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StateFileError);
  expect((error as Error).message).toContain('is not valid JSON');
  expect((error as Error).message).toContain('--reset');
  expect(existsSync(join(options.stateDir, STATE_FILE))).toBe(true);
});
