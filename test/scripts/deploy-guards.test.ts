// deploy and plan as a person runs them: an environment other than local with no AUTH0_DOMAIN is
// refused before anything is sent (never deployed into the local tenant), and a tenant that
// cannot be reached is named with the cause in words and what to do.
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { ROOT, scriptArgs } from '../helpers/paths';
import { fakeSendgridKey } from '../helpers/fake-sendgrid-key';

function run(script: string, args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, scriptArgs(script, ...args), {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ...env },
  });
}

test.each([
  ['scripts/deploy.ts', 'prod'],
  ['scripts/plan.ts', 'staging'],
  ['scripts/deploy.ts', 'dev'],
])('%s --env %s without AUTH0_DOMAIN refuses, nothing sent', (script, envName) => {
  const result = run(script, ['--env', envName], {});
  expect(result.status).toBe(1);
  expect(result.stderr).toContain(
    `--env ${envName} deploys to a real tenant, and AUTH0_DOMAIN is not set; nothing was sent.`,
  );
  expect(result.stderr).not.toContain('✓ build');
});

test('plan against a tenant that is not running: connection refused, start the local tenant', async () => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  const result = run('scripts/plan.ts', ['--env', 'local'], {
    AUTH0_DOMAIN: `localhost:${port}`,
    AUTH0_CLIENT_ID: 'abcdefABCDEF1234',
    AUTH0_CLIENT_SECRET: 'x'.repeat(32),
    SENDGRID_API_KEY: fakeSendgridKey(),
  });
  expect(result.status).toBe(1);
  expect(result.stderr).toContain(
    `Network error: connection refused by localhost:${port}: nothing is listening there. The local tenant is not running: start it with npm start (or npm run local-tenant) and try again.`,
  );
  expect(result.stderr).not.toContain('fetch failed');
}, 60_000);
