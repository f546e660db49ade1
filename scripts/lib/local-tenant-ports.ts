// The local tenant's ports and state folder as npm start and npm run local-tenant take them from
// the environment: LOCAL_TENANT_HTTPS_PORT (default 4443), LOCAL_TENANT_HTTP_PORT (default 4480),
// 0 for any free port; LOCAL_TENANT_DIR (default .local-tenant in the project).
import { join, resolve } from 'node:path';
import { UserError } from './user-error';

export const DEFAULT_HTTPS_PORT = 4443;
export const DEFAULT_HTTP_PORT = 4480;

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new UserError(`${name} must be a port number from 1 to 65535 (or 0 for any free port), got "${raw}".`);
  }
  return value;
}

export function localTenantPlace(root: string): { httpsPort: number; httpPort: number; stateDir: string } {
  return {
    httpsPort: port('LOCAL_TENANT_HTTPS_PORT', DEFAULT_HTTPS_PORT),
    httpPort: port('LOCAL_TENANT_HTTP_PORT', DEFAULT_HTTP_PORT),
    stateDir: process.env.LOCAL_TENANT_DIR ? resolve(process.env.LOCAL_TENANT_DIR) : join(root, '.local-tenant'),
  };
}
