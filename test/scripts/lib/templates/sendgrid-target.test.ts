import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { envFileText } from '../../../../local-tenant/env-file';
import { resolveSendgridTarget } from '../../../../scripts/lib/templates/sendgrid-target';
import { useTempDir } from '../../../helpers/temp-dir';
import { fakeSendgridKey } from '../../../helpers/fake-sendgrid-key';

const tempDir = useTempDir('sendgrid-target');
const KEY = fakeSendgridKey('abc');

function withLocalTenantEnv(root: string, text: string): void {
  mkdirSync(join(root, '.local-tenant'));
  writeFileSync(join(root, '.local-tenant', 'env'), text);
}

describe('which SendGrid templates:push, pull and diff talk to', () => {
  test('SENDGRID_API_KEY in the environment wins, with SendGrid itself as the default base URL', () => {
    const root = tempDir();
    withLocalTenantEnv(root, "SENDGRID_API_KEY='SG.local'\nSENDGRID_BASE_URL='https://localhost:4443'\n");
    const target = resolveSendgridTarget(root, { SENDGRID_API_KEY: KEY });
    expect(target).toMatchObject({
      apiKey: KEY,
      baseUrl: 'https://api.sendgrid.com',
      source: 'environment',
      loopback: false,
    });
    expect(target.describe).toBe('SendGrid at https://api.sendgrid.com (SENDGRID_API_KEY from the environment)');
  });

  test('then the project .env (an empty value, as copied from .env.example, does not count)', () => {
    const root = tempDir();
    writeFileSync(
      join(root, '.env'),
      `DEPLOY_ENV=dev\nSENDGRID_API_KEY="${KEY}"\nSENDGRID_BASE_URL=https://api.eu.sendgrid.com/\n`,
    );
    expect(resolveSendgridTarget(root, { SENDGRID_API_KEY: '' })).toMatchObject({
      apiKey: KEY,
      baseUrl: 'https://api.eu.sendgrid.com',
      source: '.env',
      describe: 'SendGrid at https://api.eu.sendgrid.com (SENDGRID_API_KEY from .env)',
    });
  });

  test("with no key, the running local tenant's env file, saying so, with its certificate", () => {
    const root = tempDir();
    withLocalTenantEnv(
      root,
      envFileText({
        NODE_EXTRA_CA_CERTS: '/x/cert.pem',
        SENDGRID_API_KEY: "SG.a'b",
        SENDGRID_BASE_URL: 'https://localhost:4443',
      }),
    );
    expect(resolveSendgridTarget(root, {})).toEqual({
      apiKey: "SG.a'b",
      baseUrl: 'https://localhost:4443',
      loopback: true,
      source: 'local tenant',
      caFile: '/x/cert.pem',
      describe:
        "the local tenant's SendGrid stand-in at https://localhost:4443 (SENDGRID_API_KEY is not set, so .local-tenant/env is used)",
    });
  });

  test('neither: says to start the local tenant or set the key', () => {
    expect(() => resolveSendgridTarget(tempDir(), {})).toThrow(
      'No SendGrid to talk to: SENDGRID_API_KEY is not set (in the environment or in .env), and there is no running local tenant (.local-tenant/env does not exist). ' +
        'Start one with `npm run local-tenant` in another terminal, or set SENDGRID_API_KEY to a key with Template Engine access.',
    );
  });

  test('refuses to send the key unencrypted to another machine, and a base URL that is not a URL', () => {
    expect(() =>
      resolveSendgridTarget(tempDir(), { SENDGRID_API_KEY: KEY, SENDGRID_BASE_URL: 'http://sendgrid.example.com' }),
    ).toThrow(
      'SENDGRID_BASE_URL (from the environment) is "http://sendgrid.example.com": the API key would travel unencrypted. Use an https:// URL (http:// is only accepted on localhost).',
    );
    expect(
      resolveSendgridTarget(tempDir(), { SENDGRID_API_KEY: KEY, SENDGRID_BASE_URL: 'http://127.0.0.1:4480' }).loopback,
    ).toBe(true);
    expect(() =>
      resolveSendgridTarget(tempDir(), { SENDGRID_API_KEY: KEY, SENDGRID_BASE_URL: 'api.sendgrid.com' }),
    ).toThrow(/is not a URL/);
  });

  test('no message or description holds the key', () => {
    const root = tempDir();
    const target = resolveSendgridTarget(root, { SENDGRID_API_KEY: KEY, SENDGRID_BASE_URL: 'https://localhost:1' });
    expect(target.describe).not.toContain(KEY);
  });
});
