// Usage: npm run local-tenant [-- --reset]
//
// Starts the local tenant (the offline Auth0 and SendGrid stand-in) in the foreground, keeps
// its state in .local-tenant/, writes .local-tenant/env for other tools, prints its URLs, and
// stops cleanly on Ctrl-C (SIGINT) or SIGTERM.
//   --reset   start from a clean state (users, deployed config and outbox are dropped)
// Ports: LOCAL_TENANT_HTTPS_PORT (default 4443) and LOCAL_TENANT_HTTP_PORT (default 4480); 0 picks
// a free one. LOCAL_TENANT_DIR: where the state lives (default .local-tenant).
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startLocalTenant } from '../local-tenant';
import { runCli } from './lib/cli';
import { UserError } from './lib/user-error';

export const DEFAULT_HTTPS_PORT = 4443;
export const DEFAULT_HTTP_PORT = 4480;

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new UserError(`${name} must be a port number from 1 to 65535 (or 0 for any free port), got "${raw}".`);
  }
  return value;
}

runCli(async () => {
  const { values } = parseArgs({ options: { reset: { type: 'boolean', default: false } } });
  const root = join(__dirname, '..');
  const stateDir = process.env.LOCAL_TENANT_DIR ? resolve(process.env.LOCAL_TENANT_DIR) : join(root, '.local-tenant');
  const httpsPort = port('LOCAL_TENANT_HTTPS_PORT', DEFAULT_HTTPS_PORT);
  const httpPort = port('LOCAL_TENANT_HTTP_PORT', DEFAULT_HTTP_PORT);
  let tenant;
  try {
    // design.md: the demo client and user are seeded on first start, and DEMO_* written to the env file.
    tenant = await startLocalTenant({ stateDir, reset: values.reset, httpsPort, httpPort, demo: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new UserError(
        `Port ${httpsPort} or ${httpPort} is in use (another local tenant?). Stop it, or choose others with LOCAL_TENANT_HTTPS_PORT and LOCAL_TENANT_HTTP_PORT.`,
      );
    }
    throw error;
  }
  const shown = (path: string): string => relative(process.cwd(), path) || path;
  console.log(`Local tenant running${values.reset ? ' (started clean)' : ''}, on loopback only:
  Management API and SendGrid  ${tenant.httpsUrl}   (AUTH0_DOMAIN=${tenant.domain})
  Outbox                       ${tenant.httpUrl}/outbox
  Outbox as JSON               ${tenant.env.OUTBOX_URL}
  Environment for other tools  ${shown(tenant.envFile)}   (set -a; . ${shown(tenant.envFile)}; set +a)
  State                        ${shown(stateDir)}/
Stop with Ctrl-C.`);
  const running = tenant;
  await new Promise<void>((resolve) => {
    const stop = (signal: string): void => {
      console.log(`${signal}: stopping the local tenant`);
      running.stop().then(resolve, (error: unknown) => {
        console.error(error);
        process.exitCode = 1;
        resolve();
      });
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
});
