// What `npm run deploy` and `npm run plan` share: reading the target from the environment (or
// the local tenant), trusting the local tenant's certificate, and wiring deploy-cli in (in
// process, deploy-to-target.ts).
import type { DeployResult } from './deploy-bundle';
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
  // The auth0 SDK and the deploy's modules take about half a second to load: only now, the target
  // checked, in the process that deploys.
  const { deployToTarget } = await import('./deploy-to-target');
  return { result: await deployToTarget(root, target, reporter, options), reporter };
}
