// The deploy (or plan) of npm run deploy and npm run plan once run-deploy-command.ts has the
// target and trusts it: deploy-bundle.ts with deploy-cli's import in this process, and a
// Management API refusal in the user's terms.
import { ManagementError } from 'auth0';
import { UserError } from '../user-error';
import { importInProcess } from './deploy-cli-in-process';
import { deployBundle, type DeployResult } from './deploy-bundle';
import type { DeployTarget } from './deploy-target';
import type { Reporter } from './reporter';

export async function deployToTarget(
  root: string,
  target: DeployTarget,
  reporter: Reporter,
  options: { readonly ownsPostLogin: boolean; readonly planOnly: boolean },
): Promise<DeployResult> {
  return deployBundle({
    root,
    target,
    reporter,
    ownsPostLogin: options.ownsPostLogin,
    planOnly: options.planOnly,
    importer: async ({ tenantFile, mappings, includedOnly }) => {
      // In this process (it trusts the local tenant's certificate already, rerunTrusting in
      // run-deploy-command.ts): deploy-cli is loaded once for the up to three imports of a first deploy.
      await importInProcess({
        tenantFile,
        domain: target.domain,
        clientId: target.clientId,
        clientSecret: target.clientSecret,
        mappings,
        extraConfig: { AUTH0_INCLUDED_ONLY: includedOnly },
      });
    },
  }).catch((error: unknown) => {
    throw error instanceof ManagementError
      ? new UserError(reporter.mask(describeManagementError(error, target.domain)))
      : error;
  });
}

/** A Management API refusal in the user's terms: who answered what, and what to check. */
function describeManagementError(error: ManagementError, domain: string): string {
  const body = error.body as { message?: unknown } | undefined;
  const message = typeof body?.message === 'string' ? body.message : error.message;
  const hint =
    error.statusCode === 401
      ? ' Check AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET.'
      : error.statusCode === 403
        ? ' The deploy application lacks a scope: grant it in Dashboard > Applications > APIs > Auth0 Management API.'
        : error.statusCode === 429
          ? ' The tenant is rate limiting: wait a minute and run the command again.'
          : '';
  return `The Management API of ${domain} answered ${error.statusCode ?? 'with an error'}: ${message.replace(/\.$/, '')}.${hint}`;
}
