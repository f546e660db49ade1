// Starts a local tenant for a test file: fresh state in a temp folder, the shared test
// certificate (trusted through NODE_EXTRA_CA_CERTS, set by `npm run jest`), stopped after the
// file. Usage:
//
//   const tenant = useLocalTenant();
//   test('...', async () => { const t = tenant(); ... t.env.AUTH0_DOMAIN ... });
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LocalTenant, type LocalTenantOptions, startLocalTenant } from '../../local-tenant';
import { localSenderEmail } from '../../scripts/lib/environment-config';
import { ROOT } from './paths';

export const TEST_CERTIFICATE_DIR = join(ROOT, '.local-tenant', 'test-certificate');

/** Throws with the fix when jest was started without the test certificate trusted. */
export function checkTestCertificateTrusted(): void {
  if (!process.env.NODE_EXTRA_CA_CERTS?.endsWith(join('.local-tenant', 'test-certificate', 'cert.pem'))) {
    throw new Error(
      'Tests that use the local tenant need its certificate trusted from process start: run them with `npm run jest -- <paths>` (or `npm test`), not `npx jest`.',
    );
  }
}

/**
 * Options for startLocalTenant with the shared test certificate and, unless `overrides` names
 * one, a new temp state dir (the caller removes it).
 */
export function testTenantOptions(
  overrides: Partial<LocalTenantOptions> = {},
): LocalTenantOptions & { stateDir: string } {
  return {
    certificateDir: TEST_CERTIFICATE_DIR,
    verifiedSenders: [localSenderEmail(ROOT)],
    ...overrides,
    stateDir: overrides.stateDir ?? mkdtempSync(join(tmpdir(), 'local-tenant-test-')),
  };
}

/**
 * One local tenant for the whole test file (started in beforeAll, stopped and removed in
 * afterAll). The returned function gives the running tenant.
 */
export function useLocalTenant(overrides: Partial<LocalTenantOptions> = {}): () => LocalTenant {
  let tenant: LocalTenant | undefined;
  let stateDir = '';
  beforeAll(async () => {
    checkTestCertificateTrusted();
    const options = testTenantOptions(overrides);
    stateDir = options.stateDir;
    tenant = await startLocalTenant(options);
  });
  afterAll(async () => {
    await tenant?.stop();
    if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  });
  return () => {
    if (!tenant) throw new Error('the local tenant is not started: call useLocalTenant() at the top of the test file');
    return tenant;
  };
}
