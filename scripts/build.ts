// Usage: npm run build
//
// Builds what deploy-cli reads into dist/: each Action under actions/ bundled to
// dist/actions/<name>/code.js, and the Form and Flows under forms/ written to
// dist/forms/<name>.json and dist/flows/<name>.json. Fails, naming the file, when an Action is
// over Auth0's size limit, when a built file holds an undeclared ##...## or @@...@@ pattern,
// or when anything in dist/ looks like a secret.
import { statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildBundle } from './lib/build/build-bundle';
import { runCli } from './lib/cli';

runCli(async () => {
  const root = join(__dirname, '..');
  const started = Date.now();
  const files = await buildBundle(root, { outDir: join(root, 'dist'), env: process.env });
  for (const file of files) {
    console.log(`built ${relative(root, file.path)} (${statSync(file.path).size} bytes)`);
  }
  console.log(`build done in ${Date.now() - started} ms`);
});
