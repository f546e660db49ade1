// Usage: npm run validate [-- --env <name>]
//
// Checks tenant.yaml and every file it refers to, without any tenant, for one environment
// (config/<name>.json; default: $DEPLOY_ENV, else "local"): first this bundle's own checks
// (files, keywords and their values, names that tie form, flows, vault connections, actions
// and clients together), then deploy-cli's own schema validation. Run `npm run build` first.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runCli } from './lib/cli';
import { validateBundle } from './lib/validate/validate-bundle';

runCli(async () => {
  const { values } = parseArgs({ options: { env: { type: 'string' } } });
  const root = join(__dirname, '..');
  const envName = values.env ?? process.env.DEPLOY_ENV ?? 'local';
  const result = await validateBundle(root, envName);
  for (const file of result.checked) console.log(`checked ${file}`);
  console.log(`tenant.yaml is valid for environment "${envName}" (deploy-cli schema and bundle checks)`);
});
