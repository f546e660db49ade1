// <stateDir>/env: how any tool, the project's or a user's, points at the local tenant
// (design.md "Names shared between the parts"). KEY='value' lines, so that both
// `set -a; . .local-tenant/env; set +a` and dotenv readers (node --env-file) take it.
import { join } from 'node:path';
import { writeFileAtomic } from './shared/atomic-write';

export const ENV_FILE = 'env';

export const ENV_KEYS = [
  'AUTH0_DOMAIN',
  'AUTH0_CLIENT_ID',
  'AUTH0_CLIENT_SECRET',
  'NODE_EXTRA_CA_CERTS',
  'SENDGRID_API_KEY',
  'SENDGRID_BASE_URL',
  'LOCAL_TENANT_URL',
  'OUTBOX_URL',
] as const;

export type LocalTenantEnv = Record<(typeof ENV_KEYS)[number], string>;

const shellQuote = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`;

export function envFileText(env: Readonly<Record<string, string>>): string {
  const lines = Object.entries(env).map(([key, value]) => `${key}=${shellQuote(value)}`);
  return `# Written by the local tenant at each start; it holds secrets of this local tenant only.\n${lines.join('\n')}\n`;
}

/** Writes the env file (mode 0600: it holds the deploy client's secret and the SendGrid key). */
export function writeEnvFile(stateDir: string, env: Readonly<Record<string, string>>): string {
  const path = join(stateDir, ENV_FILE);
  writeFileAtomic(path, envFileText(env));
  return path;
}
