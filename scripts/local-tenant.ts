// Usage: npm run local-tenant [-- --reset] [-- --reset-user <email>]
//
// Starts the local tenant (the offline Auth0 and SendGrid stand-in) in the foreground, keeps
// its state in .local-tenant/, writes .local-tenant/env for other tools, prints its URLs, and
// stops cleanly on Ctrl-C (SIGINT) or SIGTERM.
//   --reset   start from a clean state (users, deployed config and outbox are dropped)
//   --reset-user <email>   give that user their email-change budget back (failed tries in the
//             demo count against it for 24 h); when a local tenant already runs on these ports,
//             resets it there and exits
// Ports: LOCAL_TENANT_HTTPS_PORT (default 4443) and LOCAL_TENANT_HTTP_PORT (default 4480); 0 picks
// a free one. LOCAL_TENANT_DIR: where the state lives (default .local-tenant).
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { runCli } from './lib/cli';
import { localTenantPlace } from './lib/local-tenant-ports';
import { resetUserBudget, runningTenantUrl } from './lib/reset-user';
import { PortInUseError, startProjectTenant } from './lib/start-local-tenant';

runCli(async () => {
  const { values } = parseArgs({
    options: { reset: { type: 'boolean', default: false }, 'reset-user': { type: 'string' } },
  });
  const resetUser = values['reset-user'];
  const root = join(__dirname, '..');
  const { stateDir } = localTenantPlace(root);
  let tenant;
  try {
    tenant = await startProjectTenant(root, { reset: values.reset, likelyHolder: 'another local tenant?' });
  } catch (error) {
    const running = runningTenantUrl(stateDir);
    if (error instanceof PortInUseError && resetUser !== undefined && running !== undefined) {
      console.log(`A local tenant already runs (${running}): ${await resetUserBudget(running, resetUser)}`);
      return;
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
  if (resetUser !== undefined) console.log(await resetUserBudget(tenant.httpUrl, resetUser));
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
