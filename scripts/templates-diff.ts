// Usage: npm run templates:diff [-- --env <name>] [--root <folder>]
//
// Shows, per template, locale and part, what differs between templates/ and the active
// versions in SendGrid, and any template id in config/<env>.json that is not SendGrid's.
// Writes nothing. Exits 0 when nothing differs, 2 when something does, 1 on an error.
// Same SendGrid and environment as templates:push.
import { parseArgs } from 'node:util';
import { runCli } from './lib/cli';
import { diffTemplates } from './lib/templates/diff-templates';
import { projectRoot, ROOT_OPTION } from './lib/templates/template-options';

// The exit code when something differs, as `diff` and `git diff --exit-code` use 1 for it
// but 1 here already means an error.
const EXIT_DIFFERS = 2;

runCli(async () => {
  const { values } = parseArgs({ options: { ...ROOT_OPTION, env: { type: 'string' } } });
  const result = await diffTemplates({
    root: projectRoot(values.root),
    env: process.env,
    ...(values.env ? { envName: values.env } : {}),
    log: (line) => console.log(line),
  });
  if (result.differs) process.exitCode = EXIT_DIFFERS;
});
