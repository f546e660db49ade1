// Where a deploy or plan goes, and with which credentials: from the environment (and a .env
// file), or, with no AUTH0_DOMAIN, from the local tenant's .local-tenant/env. Every variable is
// checked before any network call; a failure names each variable and where it comes from.
import { LOCAL_TENANT_ENV_FILE, readDotEnv } from '../env-file';
import { UserError } from '../user-error';

export interface DeployVariable {
  readonly name: string;
  /** Where a person finds the value: the line .env.example carries too. */
  readonly where: string;
  readonly secret: boolean;
  readonly check: (value: string) => string | undefined;
}

export const DEPLOY_VARIABLES: readonly DeployVariable[] = [
  {
    name: 'AUTH0_DOMAIN',
    where: "the tenant's domain, e.g. my-tenant.eu.auth0.com (Auth0 Dashboard > Settings)",
    secret: false,
    check: (v) =>
      /^[a-z0-9.-]+(:[0-9]{1,5})?$/i.test(v)
        ? undefined
        : 'must be a bare host name such as my-tenant.eu.auth0.com (no https://, no path)',
  },
  {
    name: 'AUTH0_CLIENT_ID',
    where: "the client id of the tenant's deploy application (Dashboard > Applications)",
    secret: false,
    check: (v) => (/^[A-Za-z0-9_-]{8,}$/.test(v) ? undefined : 'must be an Auth0 client id (letters, digits, - and _)'),
  },
  {
    name: 'AUTH0_CLIENT_SECRET',
    where: "the client secret of the tenant's deploy application (Dashboard > Applications)",
    secret: true,
    check: (v) => (v.length >= 16 ? undefined : 'looks truncated: a client secret is at least 16 characters'),
  },
  {
    name: 'SENDGRID_API_KEY',
    where: 'a SendGrid API key with Mail Send access (SendGrid > Settings > API Keys)',
    secret: true,
    // SendGrid keys are "SG." followed by two dot-separated parts (docs/platform-facts.md §6 sources).
    check: (v) =>
      /^SG\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(v) ? undefined : 'must be a SendGrid API key ("SG." then two parts)',
  },
];

export interface DeployTarget {
  readonly kind: 'tenant' | 'local-tenant';
  readonly envName: string;
  readonly domain: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly sendgridApiKey: string;
  /** SendGrid's API base URL for the flows: SENDGRID_BASE_URL (the local tenant's stand-in), else SendGrid's. */
  readonly sendgridApiUrl: string;
  /** Extra environment for child processes (the local tenant's CA certificate). */
  readonly childEnv: Readonly<Record<string, string>>;
}

/**
 * Resolves the target from `env` (process.env over .env), falling back to the local tenant's
 * env file when AUTH0_DOMAIN is unset. `envName` is --env, else DEPLOY_ENV, else "local" for
 * the local tenant.
 */
/** Each variable's value, or a problem naming it and where it comes from (never its value). */
export function checkVariables(
  source: Readonly<Record<string, string | undefined>>,
  variables: readonly DeployVariable[],
): { problems: string[]; values: Record<string, string> } {
  const problems: string[] = [];
  const values: Record<string, string> = {};
  for (const variable of variables) {
    const value = source[variable.name]?.trim();
    if (!value) {
      problems.push(`${variable.name} is not set: ${variable.where}.`);
      continue;
    }
    const problem = variable.check(value);
    if (problem) problems.push(`${variable.name} ${problem}.`);
    else values[variable.name] = value;
  }
  return { problems, values };
}

export function resolveDeployTarget(
  env: Readonly<Record<string, string | undefined>>,
  options: {
    envName?: string;
    localTenantEnv: Readonly<Record<string, string>> | undefined;
    /** The variables the command needs (default all of DEPLOY_VARIABLES; reading executions needs no SendGrid key). */
    variables?: readonly DeployVariable[];
    /** What the command does, for its messages (default "deploy"). */
    purpose?: string;
  },
): DeployTarget {
  const useLocal = !env.AUTH0_DOMAIN;
  const askedEnv = options.envName ?? env.DEPLOY_ENV;
  // Another environment's config must never land in the local tenant, nor the local config in a
  // real tenant: the environment and the target have to agree.
  if (useLocal && askedEnv !== undefined && askedEnv !== 'local') {
    throw new UserError(
      `--env ${askedEnv} deploys to a real tenant, and AUTH0_DOMAIN is not set; nothing was sent. Set AUTH0_DOMAIN, AUTH0_CLIENT_ID, ` +
        'AUTH0_CLIENT_SECRET and SENDGRID_API_KEY for that tenant (see .env.example), or use --env local for the local tenant.',
    );
  }
  if (!useLocal && askedEnv === 'local' && !/^(localhost|127\.0\.0\.1)(:\d+)?$/.test(env.AUTH0_DOMAIN as string)) {
    throw new UserError(
      `--env local is the local tenant's configuration, and AUTH0_DOMAIN is ${env.AUTH0_DOMAIN}; nothing was sent. Name that tenant's environment ` +
        '(--env dev, staging or prod), or unset AUTH0_DOMAIN to deploy to the local tenant.',
    );
  }
  const source: Readonly<Record<string, string | undefined>> = useLocal ? (options.localTenantEnv ?? {}) : env;
  if (useLocal && !options.localTenantEnv) {
    throw new UserError(
      'AUTH0_DOMAIN is not set and no local tenant is running. Either start one (npm run local-tenant, or npm start) ' +
        `so that ${LOCAL_TENANT_ENV_FILE} exists, or set AUTH0_DOMAIN, AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET and ` +
        'SENDGRID_API_KEY (see .env.example).',
    );
  }
  const { problems, values } = checkVariables(source, options.variables ?? DEPLOY_VARIABLES);
  const envName = options.envName ?? env.DEPLOY_ENV ?? (useLocal ? 'local' : undefined);
  if (!envName)
    problems.push('DEPLOY_ENV is not set: the environment to deploy (dev, staging, prod), or pass --env <name>.');
  if (problems.length > 0) {
    const where = useLocal ? ` (read from ${LOCAL_TENANT_ENV_FILE})` : '';
    throw new UserError(
      `Cannot ${options.purpose ?? 'deploy'}: fix these variables${where} first; nothing was sent.\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
  const caCert = source.NODE_EXTRA_CA_CERTS;
  return {
    kind: useLocal ? 'local-tenant' : 'tenant',
    envName: envName as string,
    domain: values.AUTH0_DOMAIN as string,
    clientId: values.AUTH0_CLIENT_ID as string,
    clientSecret: values.AUTH0_CLIENT_SECRET as string,
    sendgridApiKey: values.SENDGRID_API_KEY ?? '',
    sendgridApiUrl: (source.SENDGRID_BASE_URL?.trim() || 'https://api.sendgrid.com').replace(/\/$/, ''),
    childEnv: caCert ? { NODE_EXTRA_CA_CERTS: caCert } : {},
  };
}

/** process.env over the project's .env file (if any), as deploy and plan read them. */
export function deployEnvironment(root: string): Record<string, string | undefined> {
  return { ...readDotEnv(root), ...process.env };
}

export function secretValues(target: DeployTarget): string[] {
  return [target.clientSecret, target.sendgridApiKey];
}

/**
 * The variables that point deploy, plan and templates:push at a local tenant explicitly, for
 * child processes: set explicitly, they win over a shell's or a .env file's real tenant.
 */
export function localTenantTargetEnv(env: Readonly<Record<string, string>>): Record<string, string> {
  return {
    DEPLOY_ENV: 'local',
    AUTH0_DOMAIN: env.AUTH0_DOMAIN as string,
    AUTH0_CLIENT_ID: env.AUTH0_CLIENT_ID as string,
    AUTH0_CLIENT_SECRET: env.AUTH0_CLIENT_SECRET as string,
    SENDGRID_API_KEY: env.SENDGRID_API_KEY as string,
    SENDGRID_BASE_URL: env.SENDGRID_BASE_URL as string,
    NODE_EXTRA_CA_CERTS: env.NODE_EXTRA_CA_CERTS as string,
  };
}
