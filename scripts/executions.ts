// Usage: npm run executions -- [--env <name>] [--user <email or user id>] [--since 1h] [--flow send-code|resend-code|verify-code] [--limit 50] [--json]
//
// Lists the bundle's recent flow executions (Auth0's Flow executions view, through the
// Management API and the real auth0 SDK) on the local tenant (.local-tenant/env, the default) or,
// with AUTH0_DOMAIN, AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET set (environment or .env), on a real
// tenant; the deploy application needs the scope read:flows_executions there. One line each:
// time, flow, user, status, and for a failure the failing action and its cause (or the message the
// page showed: an error message, or the code step's notice after a wrong code). Then, from the
// actions' outputs the details show, whether the tenant behaves as the flows rely on
// (scripts/lib/executions/relied-readings.ts): "matches", "differs: ..." or "not shown".
//   --since   how far back: 30m, 1h (the default 24h), 7d
//   --user    only this user's executions (by email, any case, or user id)
//   --flow    only send-code, only resend-code or only verify-code
//   --limit   read at most this many executions in detail (default 50): one API call each
//   --json    {tenant, executions, readings} as JSON, for tools
// See docs/executions.md.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { trustOwnCertificate } from '../local-tenant/shared/own-certificate-trust';
import { runCli } from './lib/cli';
import { DEPLOY_VARIABLES, deployEnvironment, resolveDeployTarget } from './lib/deploy/deploy-target';
import { readEnvFile } from './lib/env-file';
import { executionLine, isUser } from './lib/executions/execution-details';
import { BUNDLE_FLOWS, type BundleFlow, readExecutions } from './lib/executions/read-executions';
import { compareWithReadings } from './lib/executions/relied-readings';
import { localTenantPlace } from './lib/local-tenant-ports';
import { UserError } from './lib/user-error';

const ROOT = join(__dirname, '..');
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

function sinceMs(text: string, nowMs: number): number {
  const match = /^(\d+)([mhd])$/.exec(text.trim());
  if (!match) throw new UserError(`--since takes a duration such as 30m, 1h or 7d, got "${text}".`);
  return nowMs - Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}

function flowsOf(text: string | undefined): BundleFlow[] {
  if (text === undefined) return Object.keys(BUNDLE_FLOWS) as BundleFlow[];
  if (!(text in BUNDLE_FLOWS)) {
    const choices = Object.keys(BUNDLE_FLOWS);
    throw new UserError(`--flow takes ${choices.slice(0, -1).join(', ')} or ${choices.at(-1)}, got "${text}".`);
  }
  return [text as BundleFlow];
}

runCli(async () => {
  const { values } = parseArgs({
    options: {
      env: { type: 'string' },
      user: { type: 'string' },
      since: { type: 'string', default: '24h' },
      flow: { type: 'string' },
      limit: { type: 'string', default: '50' },
      json: { type: 'boolean', default: false },
    },
  });
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1)
    throw new UserError(`--limit takes a whole number of at least 1, got "${values.limit}".`);
  const flows = flowsOf(values.flow);
  const since = sinceMs(values.since as string, Date.now());

  const env = deployEnvironment(ROOT);
  const target = resolveDeployTarget(env, {
    envName: values.env,
    localTenantEnv: env.AUTH0_DOMAIN ? undefined : (readEnvFile(join(localTenantPlace(ROOT).stateDir, 'env')) ?? {}),
    // Reading executions needs no SendGrid key.
    variables: DEPLOY_VARIABLES.filter((v) => v.name.startsWith('AUTH0_')),
    purpose: 'read executions',
  });
  // The local tenant's self-signed certificate is trusted for these calls only, whatever the shell's NODE_EXTRA_CA_CERTS.
  const caPath = target.kind === 'local-tenant' ? target.childEnv.NODE_EXTRA_CA_CERTS : undefined;
  // Loaded only now, the arguments checked: the auth0 SDK takes about half a second. require, not
  // import(): under tsx, import('auth0') would load its ES module build, not the CommonJS one.
  const { ManagementClient } = require('auth0') as typeof import('auth0');
  const client = new ManagementClient({
    domain: target.domain,
    clientId: target.clientId,
    clientSecret: target.clientSecret,
    ...(caPath ? { fetch: trustOwnCertificate(readFileSync(caPath, 'utf8')).fetch } : {}),
  });

  let executions = await readExecutions(client, target.domain, { flows, sinceMs: since, limit });
  const who = values.user;
  if (who) executions = executions.filter((e) => isUser(e, who));
  const observed = executions.flatMap((e) => e.actions ?? []);
  const readings = compareWithReadings(observed);

  if (values.json) {
    console.log(
      JSON.stringify(
        {
          tenant: target.domain,
          executions: executions.map(({ debugKeys: _keys, actions: _actions, ...e }) => e),
          readings,
        },
        null,
        2,
      ),
    );
    return;
  }
  const where = target.kind === 'local-tenant' ? `the local tenant (${target.domain})` : target.domain;
  console.log(
    `Flow executions on ${where} since ${new Date(since).toISOString()}${values.user ? ` for ${values.user}` : ''}: ${executions.length}`,
  );
  for (const execution of executions) console.log(`  ${executionLine(execution)}`);
  const unread = executions.filter((e) => e.actions === undefined);
  if (unread.length > 0) {
    console.log(
      `  (${unread.length} execution(s) have details without an actions list this command reads; their top-level keys: ${[...new Set(unread.flatMap((e) => e.debugKeys))].join(', ') || 'none'})`,
    );
  }
  console.log('\nWhat the flows rely on, against the outputs these executions show:');
  const width = Math.max(...readings.map((r) => r.name.length));
  for (const r of readings)
    console.log(`  ${r.name.padEnd(width)}  ${r.verdict}${r.seen > 0 ? ` (${r.seen} seen)` : ''}\n      ${r.what}`);
});
