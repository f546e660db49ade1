// What `npm run deploy` and `npm run plan` share: reading the target from the environment (or
// the local tenant), trusting the local tenant's certificate, and wiring deploy-cli in (in process).
import { ManagementError } from 'auth0';
import { UserError } from '../user-error';
import { importInProcess } from './deploy-cli-in-process';
import { deployBundle, type DeployResult } from './deploy-bundle';
import { readLocalTenantEnv } from '../env-file';
import { deployEnvironment, resolveDeployTarget, secretValues } from './deploy-target';
import { createReporter, type Reporter } from './reporter';
import { rerunTrusting } from './trust-local-tenant';

export interface DeployCommandOptions {
  readonly envName?: string;
  readonly ownsPostLogin: boolean;
  readonly planOnly: boolean;
}

/** Returns undefined when the command re-ran itself to trust the local tenant. */
export async function runDeployCommand(
  root: string,
  options: DeployCommandOptions,
): Promise<{ result: DeployResult; reporter: Reporter } | undefined> {
  const env = deployEnvironment(root);
  const target = resolveDeployTarget(env, {
    envName: options.envName,
    localTenantEnv: readLocalTenantEnv(root),
  });
  if (rerunTrusting(target.childEnv.NODE_EXTRA_CA_CERTS)) return undefined;
  const reporter = createReporter(secretValues(target));
  reporter.note(
    `${options.planOnly ? 'Planning' : 'Deploying'} environment "${target.envName}" to ${target.domain}${target.kind === 'local-tenant' ? ' (the local tenant)' : ''}`,
  );
  const result = await deployBundle({
    root,
    target,
    reporter,
    ownsPostLogin: options.ownsPostLogin,
    planOnly: options.planOnly,
    importer: async ({ tenantFile, mappings, includedOnly }) => {
      // In this process (it trusts the local tenant's certificate already, rerunTrusting above):
      // deploy-cli is loaded once for the up to three imports of a first deploy.
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
  return { result, reporter };
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
