// Usage: npm run templates:pull [-- --force] [--root <folder>]
//
// Brings the subject, HTML and plain text of each template's active version in SendGrid back
// into templates/<template>/<locale>/ (after an edit in SendGrid's own editor). Checks
// SendGrid's text as templates:lint would, and writes nothing if it fails, unless --force.
// Never changes SendGrid. Same SendGrid as templates:push (SENDGRID_API_KEY, else the local tenant).
import { parseArgs } from 'node:util';
import { runCli } from './lib/cli';
import { pullTemplates } from './lib/templates/pull-templates';
import { projectRoot, ROOT_OPTION } from './lib/templates/template-options';

runCli(async () => {
  const { values } = parseArgs({ options: { ...ROOT_OPTION, force: { type: 'boolean', default: false } } });
  await pullTemplates({
    root: projectRoot(values.root),
    env: process.env,
    force: values.force,
    log: (line) => console.log(line),
  });
});
