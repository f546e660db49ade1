// Usage: npm run plan [-- --env <name>] [--exit-code] [--owns-post-login]
//
// Shows what `npm run deploy` would change on the tenant (the same variables as deploy), per
// resource: create, change (with what differs) or unchanged. Reads only; writes nothing.
// With --exit-code it exits 0 when nothing would change and 2 when something would.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runCli } from './lib/cli';
import { formatPlan, pendingTypes } from './lib/deploy/plan';
import { runDeployCommand } from './lib/deploy/run-deploy-command';

export const EXIT_CHANGES_PENDING = 2;

runCli(async () => {
  const { values } = parseArgs({
    options: {
      env: { type: 'string' },
      'exit-code': { type: 'boolean', default: false },
      'owns-post-login': { type: 'boolean', default: false },
    },
  });
  const run = await runDeployCommand(join(__dirname, '..'), {
    envName: values.env,
    ownsPostLogin: values['owns-post-login'] ?? false,
    planOnly: true,
  });
  if (!run) return;
  run.reporter.out(formatPlan(run.result.changes));
  if (values['exit-code'] && pendingTypes(run.result.changes).length > 0) process.exitCode = EXIT_CHANGES_PENDING;
});
