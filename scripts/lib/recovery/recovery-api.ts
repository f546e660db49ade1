// The Management API calls of npm run revert and npm run history, through the `auth0` SDK (v7):
// the thin I/O layer around the pure decisions (plan-revert.ts, format-history.ts).
import { ManagementClient, ManagementError } from 'auth0';
import { HISTORY_KEY, HISTORY_SLOTS } from '../../../actions/email-change/history';
import { UserError } from '../user-error';
import type { AddressHolder, RecoveryUser } from './plan-revert';
import type { RecoveryTarget } from './recovery-target';

// The scopes these commands use (docs "Management API scopes" and each endpoint's page).
export const RECOVERY_SCOPES = [
  'read:users',
  'update:users',
  'update:users_app_metadata',
  'create:user_tickets',
  'delete:refresh_tokens',
  'delete:sessions',
];

export function recoveryClient(target: RecoveryTarget): ManagementClient {
  return new ManagementClient({ domain: target.domain, clientId: target.clientId, clientSecret: target.clientSecret });
}

function recoveryUser(user: {
  user_id?: string;
  email?: string;
  identities?: unknown;
  app_metadata?: unknown;
}): RecoveryUser {
  return {
    user_id: user.user_id as string,
    ...(user.email !== undefined ? { email: user.email } : {}),
    identities: Array.isArray(user.identities) ? (user.identities as RecoveryUser['identities']) : [],
    app_metadata: user.app_metadata,
  };
}

/**
 * The users whose history holds `changeId`, each once. The history is stored in slots c1..c10
 * (actions/email-change/history.ts), so the search asks each slot by its exact path,
 * app_metadata.email_change_history.c1.change_id:"<id>" and so on (docs manage-users/user-search/
 * user-search-query-syntax.mdx: metadata fields are searched by their path), and gathers every
 * slot's answer: a change id found in two slots of one user (the change and its revert) is one
 * user, found in two users is two, which the revert then refuses to choose between. Search is
 * eventually consistent (docs/platform-facts.md §4), hence --user when it finds nothing. The id is a
 * UUID (revert-checks.ts CHANGE_ID_FORMAT, checked before): nothing in it can change the query.
 */
export async function usersWithChange(client: ManagementClient, changeId: string): Promise<RecoveryUser[]> {
  const found = new Map<string, RecoveryUser>();
  for (const slot of HISTORY_SLOTS) {
    const page = await client.users.list({
      q: `app_metadata.${HISTORY_KEY}.${slot}.change_id:"${changeId}"`,
      search_engine: 'v3',
    });
    for (const user of page.data.map(recoveryUser)) if (!found.has(user.user_id)) found.set(user.user_id, user);
  }
  return [...found.values()];
}

/** The user by id (immediately consistent), or a UserError saying there is none. */
export async function userById(client: ManagementClient, userId: string): Promise<RecoveryUser> {
  try {
    return recoveryUser(await client.users.get(userId));
  } catch (error) {
    if (error instanceof ManagementError && error.statusCode === 404) {
      throw new UserError(
        `There is no user ${userId} on this tenant; nothing was changed. Check the id (Dashboard > User Management > Users).`,
      );
    }
    throw error;
  }
}

/** Every account users-by-email lists for `email`, asked in lower case (docs/platform-facts.md §4: case-sensitive). */
export async function accountsWithEmail(
  client: ManagementClient,
  email: string,
): Promise<(RecoveryUser & AddressHolder)[]> {
  const users = await client.users.listUsersByEmail({ email: email.toLowerCase() });
  return users.map((u) => {
    const user = recoveryUser(u);
    const connection = user.identities?.[0]?.connection;
    return { ...user, ...(connection !== undefined ? { connection } : {}) };
  });
}

export interface Revocation {
  readonly done: string[];
  /** What could not be revoked, each with why. */
  readonly notDone: string[];
  /** Whether a refusal other than the plan's (403/404) happened: the command then fails. */
  readonly failed: boolean;
}

/**
 * Revokes the user's refresh tokens and sessions. Both endpoints are Enterprise only (docs
 * secure/tokens/manage-refresh-tokens-with-auth0-management-api.mdx,
 * manage-users/sessions/manage-user-sessions-with-auth0-management-api.mdx): 403 or 404 there is
 * the plan, said as such; any other refusal is reported and fails the command.
 */
export async function revokeAccess(client: ManagementClient, userId: string): Promise<Revocation> {
  const result: Revocation = { done: [], notDone: [], failed: false };
  const steps: [string, () => Promise<unknown>][] = [
    ['refresh tokens', () => client.users.refreshToken.delete(userId)],
    ['sessions', () => client.users.sessions.delete(userId)],
  ];
  let failed = false;
  for (const [what, call] of steps) {
    try {
      await call();
      result.done.push(what);
    } catch (error) {
      if (!(error instanceof ManagementError)) throw error;
      const message = managementMessage(error);
      if (error.statusCode === 403 || error.statusCode === 404) {
        result.notDone.push(
          `${what} (${error.statusCode} ${message}: the endpoint is for Enterprise plans, or the client lacks delete:${what === 'sessions' ? 'sessions' : 'refresh_tokens'})`,
        );
      } else {
        failed = true;
        result.notDone.push(`${what} (${error.statusCode ?? 'error'} ${message})`);
      }
    }
  }
  return { ...result, failed };
}

export function managementMessage(error: ManagementError): string {
  const body = error.body as { message?: unknown } | undefined;
  return (typeof body?.message === 'string' ? body.message : error.message).replace(/\.$/, '');
}

/** A Management API refusal as a UserError in support's terms (describeManagementError); any other error as it is. */
export function inSupportTerms(error: unknown, domain: string): unknown {
  return error instanceof ManagementError ? new UserError(describeManagementError(error, domain)) : error;
}

/** A Management API refusal in support's terms: who answered what, and what to check. */
export function describeManagementError(error: ManagementError, domain: string): string {
  const hint =
    error.statusCode === 401
      ? ' Check AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET.'
      : error.statusCode === 403
        ? ` The application lacks a scope: grant it ${RECOVERY_SCOPES.join(', ')} in Dashboard > Applications > APIs > Auth0 Management API.`
        : error.statusCode === 429
          ? ' The tenant is rate limiting: wait a minute and run the command again.'
          : '';
  return `The Management API of ${domain} answered ${error.statusCode ?? 'with an error'}: ${managementMessage(error)}.${hint}`;
}
