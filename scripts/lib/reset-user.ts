// --reset-user <email> of npm start and npm run local-tenant: gives a user of the local tenant
// their whole email-change budget back (demo-app/change-budget.ts), through the
// tenant's own test control, so that it works the same on a tenant this command just started and
// on one already running in another terminal.
import { join } from 'node:path';
import { describeNetworkError } from '../../local-tenant/shared/network-error';
import { RESET_BUDGET_PATH } from '../../demo-app/budget-control-surface';
import { ENV_FILE } from '../../local-tenant/env-file';
import { readEnvFile } from './env-file';
import { UserError } from './user-error';

/** Clears the budget on the tenant at `httpUrl` (its LOCAL_TENANT_URL); answers the line to print. */
export async function resetUserBudget(httpUrl: string, email: string): Promise<string> {
  const url = `${httpUrl}${RESET_BUDGET_PATH}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email }),
    });
  } catch (error) {
    throw new UserError(`--reset-user: ${describeNetworkError(error, url)}`);
  }
  const body = (await response.json().catch(() => ({}))) as {
    message?: string;
    email?: string;
    cleared_codes?: number;
  };
  if (response.status === 404)
    throw new UserError(
      `--reset-user: ${body.message ?? `no user ${email}`} Use the address the user signs in with now (npm start prints the demo users).`,
    );
  if (!response.ok)
    throw new UserError(
      `--reset-user: the local tenant answered ${response.status}: ${body.message ?? 'no reason given'}`,
    );
  const cleared = body.cleared_codes ?? 0;
  return `Email-change budget of ${body.email ?? email} reset (${cleared} code${cleared === 1 ? '' : 's'} sent today cleared): it can start ${cleared === 0 ? 'changes' : 'a change'} again.`;
}

/** The LOCAL_TENANT_URL of the tenant running on this state folder, if its env file says one. */
export function runningTenantUrl(stateDir: string): string | undefined {
  return readEnvFile(join(stateDir, ENV_FILE))?.LOCAL_TENANT_URL;
}
