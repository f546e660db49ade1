// npm run revert: finds the user by change id, decides (plan-revert.ts), and applies the decision
// with the Management API: one PATCH (address, verified, history, lock), a password-reset ticket
// for the restored address, then the revocations the plan allows. Every line goes through `out`.
import { closeSync, openSync, writeSync } from 'node:fs';
import { type ManagementClient, ManagementError } from 'auth0';
import { UserError } from '../user-error';
import { lookUpChange, planRevert, type RecoveryUser } from './plan-revert';
import {
  accountsWithEmail,
  describeManagementError,
  inSupportTerms,
  managementMessage,
  revokeAccess,
  userById,
  usersWithChange,
} from './recovery-api';
import type { RecoveryTarget } from './recovery-target';

export interface RevertOptions {
  readonly changeId: string;
  readonly userId: string | undefined;
  readonly dryRun: boolean;
  readonly lockDays: number;
  readonly by: string;
  /** Where a real tenant's ticket URL is written (it is a credential: never printed). */
  readonly ticketFile: string | undefined;
  readonly nowMs: number;
}

async function findUser(client: ManagementClient, options: RevertOptions): Promise<RecoveryUser> {
  if (options.userId !== undefined) return userById(client, options.userId);
  const users = await usersWithChange(client, options.changeId);
  if (users.length === 0) {
    throw new UserError(
      `No user has change ${options.changeId} (user search); nothing was changed. Check the id in the notice the old address received. ` +
        'Search is eventually consistent (a change of the last minutes may not be indexed yet): if you know the account, pass its user id with --user <user_id> ' +
        '(find it with npm run history -- --user <email>).',
    );
  }
  if (users.length > 1) {
    throw new UserError(
      `${users.length} users have change ${options.changeId} in their history (${users.map((u) => u.user_id).join(', ')}); nothing was changed. ` +
        'A change id is unique unless copied: look at each with npm run history, then pass the right one with --user <user_id>.',
    );
  }
  // Read again by id: search results can be stale (docs/platform-facts.md §4), the user by id is not.
  return userById(client, (users[0] as RecoveryUser).user_id);
}

function writeTicketFile(path: string, url: string): void {
  // 'wx': never overwrite; 0o600: readable by the person who ran the command only.
  const fd = openSync(path, 'wx', 0o600);
  try {
    writeSync(fd, `${url}\n`);
  } finally {
    closeSync(fd);
  }
}

/** Runs the revert; returns the exit code. Refusals throw a UserError (nothing changed). */
export async function runRevert(
  client: ManagementClient,
  target: RecoveryTarget,
  options: RevertOptions,
  out: (line: string) => void,
): Promise<number> {
  try {
    return await revert(client, target, options, out);
  } catch (error) {
    throw inSupportTerms(error, target.domain);
  }
}

async function revert(
  client: ManagementClient,
  target: RecoveryTarget,
  options: RevertOptions,
  out: (line: string) => void,
): Promise<number> {
  const user = await findUser(client, options);
  const lookup = lookUpChange(user, options.changeId);
  if (lookup.kind === 'already-reverted') {
    out(lookup.message);
    return 0;
  }
  if (lookup.kind === 'refused') throw new UserError(lookup.message);
  for (const problem of lookup.data.problems) out(`Warning: ${problem}.`);
  const holders = await accountsWithEmail(client, lookup.change.previous_email);
  const plan = planRevert(user, lookup, { nowMs: options.nowMs, lockDays: options.lockDays, by: options.by, holders });
  if (plan.kind === 'refused') throw new UserError(plan.message);

  if (options.dryRun) {
    for (const line of plan.lines) out(`Dry run: would ${line.charAt(0).toLowerCase()}${line.slice(1)}`);
    out(
      `Dry run: would create a password-reset ticket for ${plan.restoredEmail}, then revoke the user's refresh tokens and sessions where the plan allows.`,
    );
    out('Dry run: nothing was changed.');
    return 0;
  }

  try {
    await client.users.update(plan.userId, plan.patch);
  } catch (error) {
    // docs/platform-facts.md §4: a taken address answers 400 "The specified new email already exists".
    if (
      error instanceof ManagementError &&
      error.statusCode === 400 &&
      /already exists/i.test(managementMessage(error))
    ) {
      throw new UserError(
        `Cannot revert change ${options.changeId}: the tenant answered that ${plan.restoredEmail} already exists (another account took it since the check); nothing was changed. ` +
          'Find out with the reporter which account is theirs, block or delete the other one if it is not theirs, and run this command again.',
      );
    }
    throw error;
  }
  out(
    `Reverted change ${options.changeId} of ${plan.userId}: ${plan.fromEmail || '(none)'} -> ${plan.restoredEmail} (verified).`,
  );
  out(`Email changes locked until ${plan.lockedUntil} (${options.lockDays} days).`);

  let exitCode = 0;
  try {
    // docs api/management/v2/tickets/post-password-change.mdx (scope create:user_tickets).
    const { ticket } = await client.tickets.changePassword({ user_id: plan.userId });
    if (target.kind === 'local-tenant') {
      out(`Password-reset ticket for ${plan.restoredEmail}: ${ticket}`);
    } else {
      writeTicketFile(options.ticketFile as string, ticket);
      // docs authenticate/database-connections/password-change.mdx "Generate Password Reset tickets":
      // the API returns a URL; Auth0 sends no email for it, and whoever delivers it vouches for the user.
      out(
        `Password-reset ticket created for ${plan.restoredEmail} (valid 5 days); its URL is in ${options.ticketFile}. Auth0 does not email tickets: ` +
          'send it to that address yourself, and only after you have verified the reporter.',
      );
    }
  } catch (error) {
    if (!(error instanceof ManagementError)) throw error;
    exitCode = 1;
    out(
      `Could not create a password-reset ticket (${describeManagementError(error, target.domain)}) The revert itself is done; ` +
        `create a ticket with POST /api/v2/tickets/password-change {"user_id": "${plan.userId}"} or have the user use "Forgot password" with ${plan.restoredEmail}.`,
    );
  }

  const revocation = await revokeAccess(client, plan.userId);
  out(`Revoked: ${revocation.done.length > 0 ? revocation.done.join(', ') : 'nothing'}.`);
  out(
    revocation.notDone.length > 0
      ? `Could not revoke: ${revocation.notDone.join('; ')}. What was not revoked stays valid until it expires.`
      : 'Could not revoke: nothing, all revoked.',
  );
  return revocation.failed ? 1 : exitCode;
}
