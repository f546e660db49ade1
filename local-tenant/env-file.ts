// <stateDir>/env: how any tool, the project's or a user's, points at the local tenant
// (docs/design.md "Names shared between the parts"). KEY='value' lines, so that both
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

/**
 * A value both a shell and node:util parseEnv (what the scripts read it with) read back as is:
 * single quotes, or double quotes around a value with a ' but nothing a shell expands in them.
 */
function quote(key: string, value: string): string {
  if (!value.includes("'")) return `'${value}'`;
  if (!/["$`\\\n]/.test(value)) return `"${value}"`;
  throw new Error(
    `${key} cannot be written to the env file so that both a shell and node --env-file read it back: it holds ' and one of " $ \` \\ or a line break.`,
  );
}

export function envFileText(env: Readonly<Record<string, string>>): string {
  const lines = Object.entries(env).map(([key, value]) => `${key}=${quote(key, value)}`);
  return `# Written by the local tenant at each start; it holds secrets of this local tenant only.\n${lines.join('\n')}\n`;
}

/** Writes the env file (mode 0600: it holds the deploy client's secret and the SendGrid key). */
export function writeEnvFile(stateDir: string, env: Readonly<Record<string, string>>): string {
  const path = join(stateDir, ENV_FILE);
  writeFileAtomic(path, envFileText(env));
  return path;
}
