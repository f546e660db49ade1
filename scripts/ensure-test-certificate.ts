// Usage: node --import tsx scripts/ensure-test-certificate.ts   (run by `npm run jest` before jest starts)
//
// Makes, once, the certificate every test's local tenant serves, in
// .local-tenant/test-certificate/. Node reads NODE_EXTRA_CA_CERTS only when a process starts,
// so the file must exist before jest does; `npm run jest` then starts jest with
// NODE_EXTRA_CA_CERTS pointing at it, and in-process tests trust their local tenants.
import { join } from 'node:path';
import { ensureCertificate } from '../local-tenant/certificate';
import { runCli } from './lib/cli';

const TEST_CERTIFICATE_DIR = join(__dirname, '..', '.local-tenant', 'test-certificate');

runCli(async () => {
  await ensureCertificate(TEST_CERTIFICATE_DIR);
});
