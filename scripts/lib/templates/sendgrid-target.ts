// Which SendGrid the templates:push/pull/diff commands talk to, and with which key:
// SENDGRID_API_KEY (and SENDGRID_BASE_URL) from the environment, else from the project's .env;
// with no key anywhere, the running local tenant's stand-in, from .local-tenant/env. The key is
// never printed: `describe` says where it came from, not what it is.
import { DOTENV_FILE, LOCAL_TENANT_ENV_FILE, readDotEnv, readLocalTenantEnv } from '../env-file';
import { UserError } from '../user-error';

export const SENDGRID_DEFAULT_BASE_URL = 'https://api.sendgrid.com';

export interface SendgridTarget {
  readonly apiKey: string;
  /** Without a trailing slash. */
  readonly baseUrl: string;
  readonly source: 'environment' | '.env' | 'local tenant';
  /** A CA certificate to trust for this target (the local tenant's), when known. */
  readonly caFile?: string;
  /** True when the base URL is on this machine: no proxy applies. */
  readonly loopback: boolean;
  /** What to tell the user about the target, without the key. */
  readonly describe: string;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

function checkBaseUrl(raw: string, from: string): { baseUrl: string; loopback: boolean } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UserError(
      `SENDGRID_BASE_URL (${from}) is "${raw}", which is not a URL. Use https://api.sendgrid.com, or leave it unset.`,
    );
  }
  const loopback = LOOPBACK_HOSTS.has(url.hostname);
  // The key travels in a header: never in clear over a network.
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new UserError(
      `SENDGRID_BASE_URL (${from}) is "${raw}": the API key would travel unencrypted. Use an https:// URL (http:// is only accepted on localhost).`,
    );
  }
  return { baseUrl: raw.replace(/\/+$/, ''), loopback };
}

const nonEmpty = (value: string | undefined): string | undefined =>
  value === undefined || value.trim() === '' ? undefined : value.trim();

/** A local tenant's SendGrid stand-in, from its env (file); undefined when the env lacks the key or the URL. */
export function localTenantSendgridTarget(
  env: Readonly<Record<string, string | undefined>>,
  from: string,
): SendgridTarget | undefined {
  const key = nonEmpty(env.SENDGRID_API_KEY);
  const baseUrl = nonEmpty(env.SENDGRID_BASE_URL);
  if (!key || !baseUrl) return undefined;
  const base = checkBaseUrl(baseUrl, from);
  const caFile = nonEmpty(env.NODE_EXTRA_CA_CERTS);
  return {
    apiKey: key,
    ...base,
    source: 'local tenant',
    ...(caFile ? { caFile } : {}),
    describe: `the local tenant's SendGrid stand-in at ${base.baseUrl}`,
  };
}

export function resolveSendgridTarget(root: string, env: NodeJS.ProcessEnv): SendgridTarget {
  const fromEnvironment = nonEmpty(env.SENDGRID_API_KEY);
  if (fromEnvironment) {
    const base = checkBaseUrl(nonEmpty(env.SENDGRID_BASE_URL) ?? SENDGRID_DEFAULT_BASE_URL, 'from the environment');
    return {
      apiKey: fromEnvironment,
      ...base,
      source: 'environment',
      describe: `SendGrid at ${base.baseUrl} (SENDGRID_API_KEY from the environment)`,
    };
  }
  const dotenv = readDotEnv(root);
  const fromDotenv = nonEmpty(dotenv.SENDGRID_API_KEY);
  if (fromDotenv) {
    const base = checkBaseUrl(nonEmpty(dotenv.SENDGRID_BASE_URL) ?? SENDGRID_DEFAULT_BASE_URL, `from ${DOTENV_FILE}`);
    return {
      apiKey: fromDotenv,
      ...base,
      source: '.env',
      describe: `SendGrid at ${base.baseUrl} (SENDGRID_API_KEY from ${DOTENV_FILE})`,
    };
  }
  const local = readLocalTenantEnv(root);
  const target = local && localTenantSendgridTarget(local, `from ${LOCAL_TENANT_ENV_FILE}`);
  if (target) {
    return {
      ...target,
      describe: `${target.describe} (SENDGRID_API_KEY is not set, so ${LOCAL_TENANT_ENV_FILE} is used)`,
    };
  }
  throw new UserError(
    'No SendGrid to talk to: SENDGRID_API_KEY is not set (in the environment or in .env), and there is no running local tenant ' +
      `(${LOCAL_TENANT_ENV_FILE} ${local ? 'lacks SENDGRID_API_KEY or SENDGRID_BASE_URL' : 'does not exist'}). ` +
      'Start one with `npm run local-tenant` in another terminal, or set SENDGRID_API_KEY to a key with Template Engine access.',
  );
}
