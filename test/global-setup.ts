// Builds the bundle once, with the real `npm run build` entry point, before any test runs:
// tests run the BUILT Action, Form and Flows, as Auth0 and the local tenant would.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export default function globalSetup(): void {
  const root = join(__dirname, '..');
  const result = spawnSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/build.ts'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`npm run build failed before the tests:\n${result.stdout}${result.stderr}`);
  }
}
