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
import { startLocalTenant } from '../local-tenant';
import { runCli } from './lib/cli';
import { localSenderEmail } from './lib/environment-config';
import { localTenantPlace, portInUse } from './lib/local-tenant-ports';
import { resetUserBudget, runningTenantUrl } from './lib/reset-user';
import { DEMO_APP_SURFACES } from '../demo-app/demo-app-surfaces';

runCli(async () => {
  const { values } = parseArgs({
    options: { reset: { type: 'boolean', default: false }, 'reset-user': { type: 'string' } },
  });
  const resetUser = values['reset-user'];
  const root = join(__dirname, '..');
  const { httpsPort, httpPort, stateDir } = localTenantPlace(root);
  let tenant;
  try {
    // docs/design.md: the demo client and user are seeded on first start, and DEMO_* written to the env file.
    // One line per flow execution and per email as they happen (local-tenant/state/terminal-lines.ts).
    tenant = await startLocalTenant({
      stateDir,
      reset: values.reset,
      httpsPort,
      httpPort,
      demo: true,
      apps: DEMO_APP_SURFACES,
      verifiedSenders: [localSenderEmail(root)],
      log: (line) => console.log(line),
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      const running = runningTenantUrl(stateDir);
      if (resetUser !== undefined && running !== undefined) {
        console.log(`A local tenant already runs (${running}): ${await resetUserBudget(running, resetUser)}`);
        return;
      }
      throw portInUse(httpsPort, httpPort, 'another local tenant?');
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
