// Usage: npm run history -- --env <name> --user <email or user_id> [--json]
//
// Prints a user's email changes and reverts (app_metadata.email_change_history), newest first, one
// line each: time, kind, change id, from -> to, and for a change whether the old address was told;
// then whether email changes are locked. --json prints the same as a JSON array (one object per
// account) for tools.
// Reads only. The tenant: as npm run revert (AUTH0_DOMAIN etc. with --env, or the local tenant).
// An email finds every account with that address (users-by-email, asked in lower case).
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runCli } from './lib/cli';
import { deployEnvironment } from './lib/deploy/deploy-target';
import { readLocalTenantEnv } from './lib/env-file';
import { rerunTrusting } from './lib/deploy/trust-local-tenant';
import { formatHistory, historyReport } from './lib/recovery/format-history';
import { resolveRecoveryTarget } from './lib/recovery/recovery-target';
import { UserError } from './lib/user-error';

const USAGE = 'Usage: npm run history -- --env <name> --user <email or user_id> [--json]';

runCli(async () => {
  const root = join(__dirname, '..');
  const { values } = (() => {
    try {
      return parseArgs({
        options: { env: { type: 'string' }, user: { type: 'string' }, json: { type: 'boolean', default: false } },
      });
    } catch (error) {
      throw new UserError(`${(error as Error).message}\n${USAGE}`);
    }
  })();
  const who = values.user?.trim();
  if (!who) throw new UserError(`--user is missing: the user's email or user id.\n${USAGE}`);
  const target = resolveRecoveryTarget(deployEnvironment(root), {
    envName: values.env,
    localTenantEnv: readLocalTenantEnv(root),
    command: 'npm run history',
  });
  if (rerunTrusting(target.caCertPath)) return;
  // The auth0 SDK takes about half a second to load: only now, the arguments checked, in the process that calls.
  const { accountsWithEmail, inSupportTerms, recoveryClient, userById } = await import('./lib/recovery/recovery-api');
  const client = recoveryClient(target);
  const users = await (
    who.includes('@') ? accountsWithEmail(client, who) : userById(client, who).then((u) => [u])
  ).catch((error: unknown) => {
    throw inSupportTerms(error, target.domain);
  });
  if (users.length === 0) {
    throw new UserError(
      `No account has the address ${who.toLowerCase()} now. After a takeover the account has the attacker's address: ` +
        'use the change id from the notice (npm run revert -- --change-id <id> --dry-run shows the account), or the user id.',
    );
  }
  const reports = users.map((u) => historyReport(u, Date.now()));
  console.log(values.json ? JSON.stringify(reports, null, 2) : reports.map(formatHistory).join('\n\n'));
});
