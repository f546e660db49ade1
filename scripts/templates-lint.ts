// Usage: npm run templates:lint [-- --root <folder>]
//
// Checks the email templates under templates/ against templates/catalog.ts: every locale has
// every template (subject.hbs, html.hbs, text.hbs); every part compiles; uses only its
// template's declared variables and SendGrid's helpers; HTML escapes every value; every HTML
// has a plain-text twin that shows the same values; every link is https; sample.json covers
// the declared variables. Prints each problem as file:line: message and exits 1 if any.
import { parseArgs } from 'node:util';
import { runCli } from './lib/cli';
import { lintTemplatesIn } from './lib/templates/run-lint';
import { projectRoot, ROOT_OPTION } from './lib/templates/template-options';

runCli(async () => {
  const { values } = parseArgs({ options: ROOT_OPTION });
  console.log(lintTemplatesIn(projectRoot(values.root)));
});
