// Usage: npm run build [-- --out-dir <folder>]
//
// Builds what deploy-cli reads into dist/: each Action under actions/ bundled to
// dist/actions/<name>/code.js, and the Form and Flows under forms/ written to
// dist/forms/<name>.json and dist/flows/<name>.json. Fails, naming the file, when an Action is
// over Auth0's size limit, when a built file holds an undeclared ##...## or @@...@@ pattern,
// or when anything in dist/ looks like a secret. --out-dir writes elsewhere than dist/ (the
// tests build into a folder of their own, so that two runs never share one dist/).
import { statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildBundle } from './lib/build/build-bundle';
import { runCli } from './lib/cli';

runCli(async () => {
  const { values } = parseArgs({ options: { 'out-dir': { type: 'string' } } });
  const root = join(__dirname, '..');
  const outDir = values['out-dir'] ? resolve(values['out-dir']) : join(root, 'dist');
  const started = Date.now();
  const files = await buildBundle(root, { outDir, env: process.env });
  for (const file of files) {
    console.log(`built ${relative(process.cwd(), file.path)} (${statSync(file.path).size} bytes)`);
  }
  console.log(`build done in ${Date.now() - started} ms`);
});
