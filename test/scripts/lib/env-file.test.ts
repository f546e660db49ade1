// Env files are read with node:util parseEnv, as `node --env-file` reads them, and what the
// local tenant writes reads back unchanged.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { envFileText } from '../../../local-tenant/env-file';
import { readDotEnv, readEnvFile } from '../../../scripts/lib/env-file';
import { useTempDir } from '../../helpers/temp-dir';

const tempDir = useTempDir('env-file');

test('dotenv lines: export, quotes, comments, empty values', () => {
  const path = join(tempDir(), 'env');
  writeFileSync(path, 'export A=\'x y\'\nB="two\\nlines"\nC=bare # note\n# D=no\nE=\n');
  expect(readEnvFile(path)).toEqual({ A: 'x y', B: 'two\nlines', C: 'bare', E: '' });
});

test('no file: undefined, and an empty .env', () => {
  expect(readEnvFile(join(tempDir(), 'missing'))).toBeUndefined();
  expect(readDotEnv(tempDir())).toEqual({});
});

test("the local tenant's env file reads back as written", () => {
  const env = {
    AUTH0_DOMAIN: 'localhost:4443',
    AUTH0_CLIENT_SECRET: 'a-b_c.d~e+f/g=h',
    NODE_EXTRA_CA_CERTS: '/home/someone/my project/.local-tenant/certificate/cert.pem',
    LOCAL_TENANT_URL: 'http://localhost:4480',
    QUOTED: "it's",
    LINES: 'one\ntwo',
  };
  const path = join(tempDir(), 'env');
  writeFileSync(path, envFileText(env));
  expect(readEnvFile(path)).toEqual(env);
});

test('a value neither a shell nor parseEnv could read back is refused by name', () => {
  expect(() => envFileText({ ODD: `it's $HOME` })).toThrow(/^ODD cannot be written to the env file/);
});
