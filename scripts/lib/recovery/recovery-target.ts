// Which tenant `npm run revert` and `npm run history` act on, and with which credentials: the
// tenant in AUTH0_DOMAIN (AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET, from the environment or .env), or,
// with no AUTH0_DOMAIN, the local tenant (.local-tenant/env). As deploy does (deploy-target.ts),
// --env must agree with the target, so that support never acts on the wrong tenant. SendGrid is
// not needed: these commands only call the Management API.
import { checkVariables, DEPLOY_VARIABLES } from '../deploy/deploy-target';
import { LOCAL_TENANT_ENV_FILE } from '../env-file';
import { UserError } from '../user-error';

export interface RecoveryTarget {
  readonly kind: 'tenant' | 'local-tenant';
  readonly envName: string;
  readonly domain: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The local tenant's certificate, to trust from process start. */
  readonly caCertPath: string | undefined;
}

const NEEDED = ['AUTH0_DOMAIN', 'AUTH0_CLIENT_ID', 'AUTH0_CLIENT_SECRET'];

export function resolveRecoveryTarget(
  env: Readonly<Record<string, string | undefined>>,
  options: { envName?: string; localTenantEnv: Readonly<Record<string, string>> | undefined; command: string },
): RecoveryTarget {
  const useLocal = !env.AUTH0_DOMAIN;
  const askedEnv = options.envName ?? env.DEPLOY_ENV;
  if (useLocal && askedEnv !== undefined && askedEnv !== 'local') {
    throw new UserError(
      `--env ${askedEnv} is a real tenant, and AUTH0_DOMAIN is not set; nothing was read or changed. Set AUTH0_DOMAIN, AUTH0_CLIENT_ID and ` +
        'AUTH0_CLIENT_SECRET for that tenant (see .env.example), or use --env local for the local tenant.',
    );
  }
  if (!useLocal && askedEnv === undefined) {
    throw new UserError(
      `AUTH0_DOMAIN is ${env.AUTH0_DOMAIN}: name its environment with --env <name> (dev, staging, prod), so that ${options.command} cannot act on a tenant by mistake; nothing was read or changed.`,
    );
  }
  if (!useLocal && askedEnv === 'local' && !/^(localhost|127\.0\.0\.1)(:\d+)?$/.test(env.AUTH0_DOMAIN as string)) {
    throw new UserError(
      `--env local is the local tenant, and AUTH0_DOMAIN is ${env.AUTH0_DOMAIN}; nothing was read or changed. Name that tenant's environment ` +
        '(--env dev, staging or prod), or unset AUTH0_DOMAIN to use the local tenant.',
    );
  }
  if (useLocal && !options.localTenantEnv) {
    throw new UserError(
      'AUTH0_DOMAIN is not set and no local tenant is running. Either start one (npm run local-tenant, or npm start) ' +
        `so that ${LOCAL_TENANT_ENV_FILE} exists, or set AUTH0_DOMAIN, AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET and pass --env <name>.`,
    );
  }
  const source: Readonly<Record<string, string | undefined>> = useLocal ? (options.localTenantEnv ?? {}) : env;
  const { problems, values } = checkVariables(
    source,
    DEPLOY_VARIABLES.filter((v) => NEEDED.includes(v.name)),
  );
  if (problems.length > 0) {
    const where = useLocal ? ` (read from ${LOCAL_TENANT_ENV_FILE})` : '';
    throw new UserError(
      `Cannot run ${options.command}: fix these variables${where} first; nothing was read or changed.\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
  return {
    // --env local with AUTH0_DOMAIN set names the local tenant explicitly (checked above: localhost).
    kind: useLocal || askedEnv === 'local' ? 'local-tenant' : 'tenant',
    envName: askedEnv ?? 'local',
    domain: values.AUTH0_DOMAIN as string,
    clientId: values.AUTH0_CLIENT_ID as string,
    clientSecret: values.AUTH0_CLIENT_SECRET as string,
    caCertPath: source.NODE_EXTRA_CA_CERTS,
  };
}
