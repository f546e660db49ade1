// Usage: npm run deploy [-- --env <name>] [--owns-post-login]
//
// Deploys the bundle to the tenant in AUTH0_DOMAIN (credentials AUTH0_CLIENT_ID and
// AUTH0_CLIENT_SECRET, and SENDGRID_API_KEY, from the environment or .env), with the values of
// config/<name>.json (--env, else DEPLOY_ENV). With no AUTH0_DOMAIN it deploys to the local
// tenant (.local-tenant/env). Steps: build, validate, read the tenant, plan, import what changed
// with auth0-deploy-cli, verify; nothing is written when nothing changed. The post-login
// bindings of other Actions are kept in their order unless --owns-post-login says the bundle
// owns the list. Progress goes to stderr, one line per step; no secret is ever printed.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runCli } from './lib/cli';
import { formatPlan } from './lib/deploy/plan';
import { runDeployCommand } from './lib/deploy/run-deploy-command';

runCli(async () => {
  const { values } = parseArgs({
    options: { env: { type: 'string' }, 'owns-post-login': { type: 'boolean', default: false } },
  });
  const run = await runDeployCommand(join(__dirname, '..'), {
    envName: values.env,
    ownsPostLogin: values['owns-post-login'] ?? false,
    planOnly: false,
  });
  if (!run) return;
  run.reporter.out(formatPlan(run.result.changes));
  run.reporter.out(
    run.result.imports === 0
      ? 'Deploy: nothing to change, nothing written.'
      : `Deploy done: ${run.result.imports} import(s).`,
  );
});
