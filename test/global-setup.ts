// Builds the bundle once, with the real build entry point, before any test runs: tests
// exercise the BUILT Action, Form and Flows, as Auth0 and the local tenant would. The build
// goes to a folder of this run's own (TEST_DIST_DIR), so that two runs never share a dist/.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scriptArgs } from './helpers/paths';

export default function globalSetup(): void {
  const root = join(__dirname, '..');
  const outDir = join(mkdtempSync(join(tmpdir(), 'email-change-test-build-')), 'dist');
  const result = spawnSync(process.execPath, scriptArgs('scripts/build.ts', '--out-dir', outDir), {
    cwd: root,
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`npm run build failed before the tests:\n${result.stdout}${result.stderr}`);
  }
  process.env.TEST_DIST_DIR = outDir;
}
