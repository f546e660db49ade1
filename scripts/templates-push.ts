// Usage: npm run templates:push [-- --env <name>] [--root <folder>]
//
// Publishes templates/ to SendGrid as dynamic templates named email-change-<template>-<locale>
// and writes their ids to config/<env>.json (keywords SENDGRID_TEMPLATE_*), where deploy reads
// them. Runs templates:lint first. Creates a template only when SendGrid has none of that name;
// otherwise edits its active version in place (SendGrid allows 300 versions per account).
// SendGrid: SENDGRID_API_KEY (and SENDGRID_BASE_URL) from the environment or .env; without a
// key, the running local tenant (.local-tenant/env), whose ids go to config/local.json.
// Environment: --env, else DEPLOY_ENV; "local" for the local tenant.
import { parseArgs } from 'node:util';
import { runCli } from './lib/cli';
import { pushTemplates } from './lib/templates/push-templates';
import { projectRoot, ROOT_OPTION } from './lib/templates/template-options';

runCli(async () => {
  const { values } = parseArgs({ options: { ...ROOT_OPTION, env: { type: 'string' } } });
  await pushTemplates({
    root: projectRoot(values.root),
    env: process.env,
    ...(values.env ? { envName: values.env } : {}),
    log: (line) => console.log(line),
  });
});
