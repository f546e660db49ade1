// Env files (KEY=value lines): the project's .env and the running local tenant's
// .local-tenant/env, which the local tenant writes (local-tenant/env-file.ts). Read one way, with
// node:util parseEnv, the dotenv parser behind `node --env-file`: what Node would load from a file
// is what every script sees.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';

export const DOTENV_FILE = '.env';
export const LOCAL_TENANT_ENV_FILE = '.local-tenant/env';

/** The variables of the env file at `path`; undefined when there is no such file. */
export function readEnvFile(path: string): Record<string, string> | undefined {
  return existsSync(path) ? (parseEnv(readFileSync(path, 'utf8')) as Record<string, string>) : undefined;
}

/** The project's .env ({} when there is none). */
export function readDotEnv(root: string): Record<string, string> {
  return readEnvFile(join(root, DOTENV_FILE)) ?? {};
}

/** The env file of the local tenant running in the project, when there is one. */
export function readLocalTenantEnv(root: string): Record<string, string> | undefined {
  return readEnvFile(join(root, LOCAL_TENANT_ENV_FILE));
}
