// Usage: npm run revert -- --env <name> --change-id <id> [--user <user_id>] [--dry-run] [--lock-days N]
//                          [--ticket-file <path>] [--by <name>]
//
// For support, after the owner of an old address reports a change they did not make (the notice
// to the old address carries the change id). Finds the user by change id (user search; --user
// <user_id> when search finds nothing), restores the change's previous address, verified, records
// the revert in app_metadata.email_change_history, locks email changes for --lock-days (default 7;
// the Action denies with email_change_locked), creates a password-reset ticket for the restored
// address, and revokes the user's refresh tokens and sessions where the plan allows (Enterprise).
// Refuses, changing nothing, when another account holds the previous address now. A second revert
// of the same change changes nothing. --dry-run shows what it would do and writes nothing.
// The tenant: AUTH0_DOMAIN, AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET (environment or .env) with --env,
// or the local tenant (.local-tenant/env). On a real tenant the ticket URL, a credential, goes to
// --ticket-file (mode 600), never to the output. See docs/recovery.md.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { REVERT_LOCK_DAYS } from '../actions/email-change/history';
import { runCli } from './lib/cli';
import { deployEnvironment } from './lib/deploy/deploy-target';
import { readLocalTenantEnv } from './lib/env-file';
import { rerunTrusting } from './lib/deploy/trust-local-tenant';
import { resolveRecoveryTarget } from './lib/recovery/recovery-target';
import { CHANGE_ID_FORMAT, checkTicketFile } from './lib/recovery/revert-checks';
import { UserError } from './lib/user-error';

const USAGE =
  'Usage: npm run revert -- --env <name> --change-id <id> [--user <user_id>] [--dry-run] [--lock-days N] [--ticket-file <path>] [--by <name>]';
const MAX_LOCK_DAYS = 365;

runCli(async () => {
  const root = join(__dirname, '..');
  const { values } = (() => {
    try {
      return parseArgs({
        options: {
          env: { type: 'string' },
          'change-id': { type: 'string' },
          user: { type: 'string' },
          'dry-run': { type: 'boolean', default: false },
          'lock-days': { type: 'string' },
          'ticket-file': { type: 'string' },
          by: { type: 'string' },
        },
      });
    } catch (error) {
      throw new UserError(`${(error as Error).message}\n${USAGE}`);
    }
  })();
  const changeId = values['change-id']?.trim();
  if (!changeId)
    throw new UserError(`--change-id is missing: the change id from the notice the old address received.\n${USAGE}`);
  if (!CHANGE_ID_FORMAT.test(changeId)) {
    throw new UserError(
      `--change-id ${JSON.stringify(changeId)} is not a change id: it is a UUID such as 0b6c8f3e-5d1a-4c2b-9e7f-1a2b3c4d5e6f, as the notice shows it. Nothing was read or changed.`,
    );
  }
  const rawLockDays = values['lock-days'] ?? String(REVERT_LOCK_DAYS);
  if (!/^[1-9][0-9]{0,2}$/.test(rawLockDays) || Number(rawLockDays) > MAX_LOCK_DAYS) {
    throw new UserError(
      `--lock-days must be a whole number of days from 1 to ${MAX_LOCK_DAYS}, e.g. ${REVERT_LOCK_DAYS}; nothing was read or changed.`,
    );
  }
  const userId = values.user?.trim();
  if (userId !== undefined && (userId === '' || userId.includes('@'))) {
    throw new UserError(
      '--user takes the user id (e.g. auth0|64f...), not an email: find the id with npm run history -- --user <email>. Nothing was read or changed.',
    );
  }
  const target = resolveRecoveryTarget(deployEnvironment(root), {
    envName: values.env,
    localTenantEnv: readLocalTenantEnv(root),
    command: 'npm run revert',
  });
  const options = {
    changeId: changeId.toLowerCase(),
    userId,
    dryRun: values['dry-run'] ?? false,
    lockDays: Number(rawLockDays),
    by: values.by?.trim() || 'npm run revert',
    ticketFile: values['ticket-file'],
    nowMs: Date.now(),
  };
  checkTicketFile(target, options);
  if (rerunTrusting(target.caCertPath)) return;
  // The auth0 SDK takes about half a second to load: only now, the arguments checked, in the process that calls.
  const [{ recoveryClient }, { runRevert }] = await Promise.all([
    import('./lib/recovery/recovery-api'),
    import('./lib/recovery/revert-command'),
  ]);
  console.error(
    `Revert on environment "${target.envName}" at ${target.domain}${target.kind === 'local-tenant' ? ' (the local tenant)' : ''}${options.dryRun ? ', dry run' : ''}`,
  );
  process.exitCode = await runRevert(recoveryClient(target), target, options, (line) => console.log(line));
});
