// Usage: npm start [-- --reset] [-- --reset-user <email>]
//
// Tries the bundle on this machine, offline: builds it, starts the local tenant in the foreground
// (state in .local-tenant/, kept between runs), pushes the email templates to its SendGrid
// stand-in, deploys the bundle into it (npm run templates:push and npm run deploy, as child
// processes), seeds the demo app and its users, and prints the demo app's URL, the outbox and the
// demo users' credentials. A second npm start reuses the state: the deploy then writes nothing.
// Stops cleanly on Ctrl-C (SIGINT) or SIGTERM.
//   --reset   start from a clean state (users, deployed config and outbox are dropped)
//   --reset-user <email>   give that user their email-change budget back once the tenant is up
//             (failed tries in the demo count against it for 24 h)
// Ports: LOCAL_TENANT_HTTPS_PORT (default 4443) and LOCAL_TENANT_HTTP_PORT (default 4480); 0 picks
// a free one. LOCAL_TENANT_DIR: where the state lives (default .local-tenant).
// Works whatever NODE_EXTRA_CA_CERTS holds in this shell: the tenant trusts its own certificate
// for its own calls, and hands it to the children in their environment.
//
// The children are pointed at the local tenant explicitly (AUTH0_DOMAIN, SENDGRID_API_KEY, ...
// of .local-tenant/env in their environment): an AUTH0_DOMAIN in this shell or in .env must
// never turn a try-out into a deploy to a real tenant.
import { type ChildProcess, spawn } from 'node:child_process';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import type { LocalTenant } from '../local-tenant';
import { localTenantTargetEnv } from './lib/deploy/deploy-target';
import { DEMO_MFA_USER_EMAIL, DEMO_SOCIAL_USER_EMAIL } from '../local-tenant/login/demo-seed';
import { totpUri } from '../local-tenant/login/totp';
import { runCli } from './lib/cli';
import { localTenantPlace } from './lib/local-tenant-ports';
import { resetUserBudget } from './lib/reset-user';
import { startProjectTenant } from './lib/start-local-tenant';
import { UserError } from './lib/user-error';

const ROOT = join(__dirname, '..');

class Children {
  private readonly running = new Set<ChildProcess>();
  private stopping = false;

  /** Runs an npm script to its end, its output shown as it comes; fails with the step named. */
  run(step: string, script: string, env: Record<string, string>): Promise<void> {
    if (this.stopping) return Promise.reject(new UserError(`${step}: not started, npm start is stopping.`));
    // npm sets npm_execpath for the scripts it runs; without it (node --import tsx scripts/start.ts), npm from PATH.
    const npm = process.env.npm_execpath;
    const [command, args] = npm
      ? [process.execPath, [npm, 'run', '--silent', script]]
      : ['npm', ['run', '--silent', script]];
    return new Promise((resolve, reject) => {
      const child = spawn(command, args, {
        cwd: ROOT,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      this.running.add(child);
      child.once('error', (error) => {
        this.running.delete(child);
        reject(new UserError(`${step}: could not run npm run ${script}: ${error.message}`));
      });
      child.once('exit', (code, signal) => {
        this.running.delete(child);
        if (code === 0) resolve();
        else
          reject(
            new UserError(
              `${step} failed (npm run ${script} ${signal ? `stopped by ${signal}` : `exited with ${code}`}); the messages above say why.`,
            ),
          );
      });
    });
  }

  /** Stops the children this script started, by their own process ids. */
  stop(): void {
    this.stopping = true;
    for (const child of this.running) child.kill('SIGTERM');
  }
}

function summary(tenant: LocalTenant, stateDir: string): string {
  const state = tenant.state.snapshot();
  const mfaUser = state.users.find((u) => u.user_id === state.demo?.mfaUserId);
  const shown = (path: string): string => relative(process.cwd(), path) || path;
  const lines = [
    '',
    'Ready. Open the demo app, sign in, and press "Change email":',
    `  Demo app                  ${tenant.env.DEMO_APP_URL}`,
    `  Outbox (the codes)        ${tenant.httpUrl}/outbox`,
    `  Demo user                 ${tenant.env.DEMO_USER_EMAIL}  password ${tenant.env.DEMO_USER_PASSWORD}`,
  ];
  if (mfaUser?.totp_secret && state.demo) {
    lines.push(
      `  User with MFA (TOTP)      ${mfaUser.email}  password ${state.demo.mfaUserPassword}`,
      `    add it to an authenticator app: ${totpUri(mfaUser.totp_secret, mfaUser.email)}`,
    );
  }
  lines.push(
    `  Google user (stand-in)    ${DEMO_SOCIAL_USER_EMAIL}: "Continue with Google" on the login page`,
    '',
    `  Management API, SendGrid  ${tenant.httpsUrl}   (AUTH0_DOMAIN=${tenant.domain})`,
    `  Environment for tools     ${shown(tenant.envFile)}   (set -a; . ${shown(tenant.envFile)}; set +a)`,
    `  State                     ${shown(stateDir)}/ (kept: npm start again reuses it; --reset starts clean)`,
    'These credentials belong to this local tenant only. Stop with Ctrl-C.',
  );
  if (DEMO_MFA_USER_EMAIL !== mfaUser?.email && mfaUser)
    lines.push(`(The MFA user's address is now ${mfaUser.email}.)`);
  return lines.join('\n');
}

runCli(async () => {
  const { values } = parseArgs({
    options: { reset: { type: 'boolean', default: false }, 'reset-user': { type: 'string' } },
  });
  const { stateDir } = localTenantPlace(ROOT);
  const children = new Children();

  console.log('npm start: 1/4 build');
  await children.run('build', 'build', {});

  console.log(`npm start: 2/4 start the local tenant${values.reset ? ' (clean)' : ''}`);
  const tenant = await startProjectTenant(ROOT, {
    reset: values.reset,
    likelyHolder: 'another local tenant, or npm start already running?',
  });

  let interrupted = false;
  const stopped = new Promise<void>((resolve) => {
    const stop = (signal: string): void => {
      if (interrupted) return;
      interrupted = true;
      console.log(`${signal}: stopping the local tenant`);
      children.stop();
      tenant.stop().then(resolve, (error: unknown) => {
        console.error(error);
        process.exitCode = 1;
        resolve();
      });
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });

  try {
    console.log('npm start: 3/4 push the email templates to the local SendGrid');
    await children.run('templates:push', 'templates:push', localTenantTargetEnv(tenant.env));
    console.log('npm start: 4/4 deploy the bundle to the local tenant');
    await children.run('deploy', 'deploy', localTenantTargetEnv(tenant.env));
  } catch (error) {
    if (interrupted) return stopped;
    await tenant.stop();
    throw error;
  }
  const resetUser = values['reset-user'];
  // A wrong address must not stop a tenant that is up and deployed: say so, and keep running.
  if (resetUser !== undefined)
    console.log(await resetUserBudget(tenant.httpUrl, resetUser).catch((error: Error) => error.message));
  console.log(summary(tenant, stateDir));
  await stopped;
});
