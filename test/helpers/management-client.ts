// The real `auth0` SDK ManagementClient for a local tenant, with the seeded deploy client
// (every scope the local tenant knows) and no retries (docs/platform-facts.md §4).
import { ManagementClient, ManagementError } from 'auth0';
import type { LocalTenant } from '../../local-tenant';

export function managementClient(
  tenant: Pick<LocalTenant, 'env'>,
  credentials?: { clientId: string; clientSecret: string },
): ManagementClient {
  return new ManagementClient({
    domain: tenant.env.AUTH0_DOMAIN,
    clientId: credentials?.clientId ?? tenant.env.AUTH0_CLIENT_ID,
    clientSecret: credentials?.clientSecret ?? tenant.env.AUTH0_CLIENT_SECRET,
    maxRetries: 0,
  });
}

/** The ManagementError a call fails with (the test fails if it succeeds or fails otherwise). */
export async function managementError(
  call: Promise<unknown>,
): Promise<ManagementError & { body: { message: string; errorCode?: string } }> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ManagementError)) throw new Error(`expected a ManagementError, got ${String(error)}`);
  return error as ManagementError & { body: { message: string; errorCode?: string } };
}
