// Usage: npm run templates:preview [-- --root <folder>] [--out <folder>] [--no-png]
//
// Renders every email template in every locale with its sample data (templates/<template>/
// sample.json) into templates/.preview/ (git-ignored): <template>.<locale>.html as the email is
// sent, .txt for its plain-text twin, .png drawn by chromium, and index.html with the locales
// side by side. Runs templates:lint first and stops on its problems. --no-png skips chromium.
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runCli } from './lib/cli';
import { describePreview, previewTemplatesIn } from './lib/templates/run-preview';
import { projectRoot, ROOT_OPTION } from './lib/templates/template-options';

runCli(async () => {
  const { values } = parseArgs({ options: { ...ROOT_OPTION, out: { type: 'string' }, 'no-png': { type: 'boolean' } } });
  const root = projectRoot(values.root);
  const outDir = values.out ? resolve(values.out) : join(root, 'templates', '.preview');
  const result = await previewTemplatesIn(root, outDir, { png: !values['no-png'] });
  console.log(describePreview(result, process.cwd()));
});
