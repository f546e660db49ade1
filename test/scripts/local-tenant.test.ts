// npm run local-tenant, run as a person runs it: in the foreground, printing its URLs and the
// env file, which any tool can read; SIGTERM stops it cleanly.
import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { ENV_KEYS } from '../../local-tenant/env-file';
import { ROOT, scriptArgs } from '../helpers/paths';
import { useTempDir } from '../helpers/temp-dir';

const tempDir = useTempDir('local-tenant-script');

function start(env: Record<string, string>, args: string[] = []) {
  const child = spawn(process.execPath, scriptArgs(join(ROOT, 'scripts', 'local-tenant.ts'), ...args), {
    cwd: ROOT,
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const started = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      stdout += d;
      if (stdout.includes('Stop with Ctrl-C.')) resolve(stdout);
    });
    child.on('exit', (code) => reject(new Error(`exited with ${code}: ${stderr}`)));
  });
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  return { child, started, exited };
}

test('starts in the foreground, prints its URLs, writes the env file (0600), stops on SIGTERM', async () => {
  const dir = tempDir();
  const run = start({ LOCAL_TENANT_DIR: dir, LOCAL_TENANT_HTTPS_PORT: '0', LOCAL_TENANT_HTTP_PORT: '0' }, ['--reset']);
  const printed = await run.started;
  const envFile = join(dir, 'env');
  expect(statSync(envFile).mode & 0o777).toBe(0o600);
  const env = parseEnv(readFileSync(envFile, 'utf8')) as Record<string, string>;
  // docs/design.md "Names shared between the parts": the demo client and user are seeded on first start.
  const demoKeys = ['DEMO_APP_URL', 'DEMO_CLIENT_ID', 'DEMO_REDIRECT_URI', 'DEMO_USER_EMAIL', 'DEMO_USER_PASSWORD'];
  expect(Object.keys(env).sort()).toEqual([...ENV_KEYS, ...demoKeys].sort());
  expect(printed).toContain(`AUTH0_DOMAIN=${env.AUTH0_DOMAIN}`);
  expect(printed).toContain(env.OUTBOX_URL as string);
  expect(printed).toContain('started clean');
  // The env file is all another tool needs: the outbox answers at OUTBOX_URL.
  expect(await (await fetch(env.OUTBOX_URL as string)).json()).toEqual([]);
  run.child.kill('SIGTERM');
  const result = await run.exited;
  expect(result.code).toBe(0);
  expect(result.stdout).toContain('SIGTERM: stopping the local tenant');
}, 30_000);

test('a bad port is refused with what to set', async () => {
  const run = start({ LOCAL_TENANT_DIR: tempDir(), LOCAL_TENANT_HTTPS_PORT: 'http' });
  run.started.catch(() => undefined);
  const result = await run.exited;
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('LOCAL_TENANT_HTTPS_PORT must be a port number from 1 to 65535');
});
