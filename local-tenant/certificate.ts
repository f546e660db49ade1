// The local tenant's TLS certificate: self-signed for localhost, 127.0.0.1 and ::1, made on
// first start and kept (git-ignored) so that NODE_EXTRA_CA_CERTS can point child processes
// and jest at a file that stays the same from one start to the next.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFolderAtomic } from './shared/atomic-write';

export const CERTIFICATE_FILE = 'cert.pem';
export const PRIVATE_KEY_FILE = 'key.pem';
const CERTIFICATE_VALIDITY_DAYS = 3650;

export interface Certificate {
  readonly certPath: string;
  readonly cert: string;
  readonly key: string;
}

/** Reads the certificate in `dir`, generating it first when the folder has none. */
export async function ensureCertificate(dir: string): Promise<Certificate> {
  const certPath = join(dir, CERTIFICATE_FILE);
  const keyPath = join(dir, PRIVATE_KEY_FILE);
  if (!existsSync(certPath) || !existsSync(keyPath)) {
    const pems = await generateCertificate();
    // Both files appear together: a process that loses the race reads the winner's pair, never a
    // key of one and a certificate of the other.
    createFolderAtomic(dir, {
      [PRIVATE_KEY_FILE]: { text: pems.private, mode: 0o600 },
      [CERTIFICATE_FILE]: { text: pems.cert, mode: 0o644 },
    });
  }
  return { certPath, cert: readFileSync(certPath, 'utf8'), key: readFileSync(keyPath, 'utf8') };
}

async function generateCertificate(): Promise<{ cert: string; private: string }> {
  // Loaded here, not with this file: selfsigned (with @peculiar/x509 and pkijs) takes 0.1-0.3 s to
  // load, and most starts find the certificate made already.
  const { generate } = await import('selfsigned');
  const notBeforeDate = new Date(Date.now() - 24 * 3600 * 1000);
  return generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate: new Date(notBeforeDate.getTime() + CERTIFICATE_VALIDITY_DAYS * 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
}
