// Measurement 5: what a deploy costs against the local tenant, in wall time and Management API
// requests (reads, writes, token requests, from the tenant's counters): `npm run deploy` (node
// --import tsx scripts/deploy.ts, run as package.json runs it, on a copy of the project) for a first deploy to a
// fresh tenant, a deploy with nothing changed, and a one-flow change (a SendGrid template id in
// config/local.json, which the send-code and resend-code flows use); against plain `a0deploy import` of the
// same tenant.yaml (importWithDeployCli, the real deploy-cli), with the same mappings and the
// ids of what is already deployed, as a person using deploy-cli alone would run it. The
// reference imports go to a tenant of their own, deployed the same way first: deploy-cli writes
// every resource on every import (docs/platform-facts.md §5) and would otherwise leave the other
// tenant's state different from what npm run deploy last wrote. Its figures exclude the build:
// it imports the dist/ that npm run deploy built.
import { spawn } from 'node:child_process';
import { localTenantTargetEnv } from '../scripts/lib/deploy/deploy-target';
import { join } from 'node:path';
import { ManagementClient } from 'auth0';
import { FORM_NAME } from '../forms/names';
import { importWithDeployCli } from '../scripts/lib/deploy/deploy-cli-import';
import { LOCAL_ENVIRONMENT, loadEnvironmentConfig } from '../scripts/lib/environment-config';
import { buildMappings, type Mappings } from '../scripts/lib/mappings';
import { writeTemplateIds } from '../scripts/lib/templates/template-ids-config';
import { TENANT_FILE } from '../scripts/lib/tenant-file';
import { copyProject } from './lib/project-copy';
import { type BenchTenant, readStats, resetStats } from './lib/bench-tenant';
import { interleave, msSince, type Variant } from './lib/interleave';
import { median } from './lib/statistics';

/** The keyword the one-flow change edits, and the value it alternates with (a well-formed template id). */
const CHANGED_KEYWORD = 'SENDGRID_TEMPLATE_CODE_EN';
const ALTERNATE_TEMPLATE_ID = `d-${'e'.repeat(32)}`;
const VAULT_CLIENT_NAME = 'email-change-vault';

export interface DeployCost {
  readonly ms: number;
  readonly reads: number;
  readonly writes: number;
  readonly tokens: number;
}

export interface DeployKindResult {
  /** Medians over the samples. */
  readonly ms: number;
  readonly reads: number;
  readonly writes: number;
  readonly tokens: number;
  readonly samples: readonly DeployCost[];
}

export interface DeployResults {
  readonly first?: DeployKindResult;
  readonly noop: DeployKindResult;
  readonly flowChange?: DeployKindResult;
  readonly a0deploy?: DeployKindResult;
}

/** A tenant with the project copy deployed to it. */
export interface DeployTarget {
  readonly tenant: BenchTenant;
  readonly project: { readonly dir: string; readonly remove: () => void };
}

function summarise(samples: readonly DeployCost[]): DeployKindResult {
  return {
    ms: median(samples.map((s) => s.ms)),
    reads: median(samples.map((s) => s.reads)),
    writes: median(samples.map((s) => s.writes)),
    tokens: median(samples.map((s) => s.tokens)),
    samples,
  };
}

/** The deploy's environment: the tenant's, as a CI job would set it; nothing else of this process. */
/** Only what points a deploy at the bench's tenant (scripts/lib/deploy/deploy-target.ts, as npm start does). */
function deployEnv(tenant: BenchTenant): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...localTenantTargetEnv(tenant.env as Record<string, string>),
  };
}

/** Runs `work` between a reset and a read of the tenant's counters. */
async function counted(tenant: BenchTenant, work: () => Promise<void>): Promise<DeployCost> {
  await resetStats(tenant);
  const start = process.hrtime.bigint();
  await work();
  const ms = msSince(start);
  const stats = await readStats(tenant);
  return { ms, reads: stats.reads, writes: stats.writes, tokens: stats.tokens };
}

function npmRunDeploy(target: DeployTarget): Promise<void> {
  return new Promise((resolve, reject) => {
    // As package.json's deploy script runs it: tsx as node's loader, from the copy's node_modules.
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/deploy.ts'], {
      cwd: target.project.dir,
      env: deployEnv(target.tenant),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    // The deploy masks its secrets itself; its output is shown only when it failed.
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`npm run deploy to ${target.tenant.env.AUTH0_DOMAIN} failed (exit ${code}):\n${output}`)),
    );
  });
}

function templateIdOf(target: DeployTarget): string {
  return String(loadEnvironmentConfig(target.project.dir, LOCAL_ENVIRONMENT).keywords[CHANGED_KEYWORD]);
}

function setTemplateId(target: DeployTarget, value: string): void {
  writeTemplateIds(target.project.dir, LOCAL_ENVIRONMENT, new Map([[CHANGED_KEYWORD, value]]));
}

/** The flow change: the code email's English template id (the send-code and resend-code flows), to the other of its two values. */
function changeOneFlow(target: DeployTarget, original: string): void {
  setTemplateId(target, templateIdOf(target) === original ? ALTERNATE_TEMPLATE_ID : original);
}

/** What a person using plain a0deploy maps: config/local.json, and the ids and credentials already on the tenant. */
async function plainA0deployMappings(target: DeployTarget): Promise<Mappings> {
  const env = target.tenant.env;
  const management = new ManagementClient({
    domain: env.AUTH0_DOMAIN as string,
    clientId: env.AUTH0_CLIENT_ID as string,
    clientSecret: env.AUTH0_CLIENT_SECRET as string,
    maxRetries: 0,
  });
  const forms = await management.forms.list({ per_page: 100 });
  const form = forms.data.find((f) => f.name === FORM_NAME);
  const clients = await management.clients.list({
    per_page: 100,
    fields: 'client_id,name,client_secret',
    include_fields: true,
  });
  const vault = clients.data.find((c) => c.name === VAULT_CLIENT_NAME);
  if (!form?.id || !vault?.client_id || !vault.client_secret) {
    throw new Error(
      `the reference tenant ${env.AUTH0_DOMAIN} has no deployed form "${FORM_NAME}" or vault client "${VAULT_CLIENT_NAME}": deploy it first`,
    );
  }
  return buildMappings(
    loadEnvironmentConfig(target.project.dir, LOCAL_ENVIRONMENT),
    {
      AUTH0_DOMAIN: env.AUTH0_DOMAIN,
      EMAIL_CHANGE_FORM_ID: form.id,
      MANAGEMENT_API_VAULT_SETUP: {
        type: 'OAUTH_CLIENT_CREDENTIALS',
        client_id: vault.client_id,
        client_secret: vault.client_secret,
        token_endpoint: `https://${env.AUTH0_DOMAIN}/oauth/token`,
        audience: `https://${env.AUTH0_DOMAIN}/api/v2/`,
      },
      SENDGRID_VAULT_SETUP: { type: 'BEARER', token: env.SENDGRID_API_KEY },
      SENDGRID_API_URL: env.SENDGRID_BASE_URL,
    },
    { placeholders: false },
  );
}

/**
 * The unmodified CLI (no preload, its own whole-schema validate): the reference for the deploy
 * targets, and the project's only successful import by deploy-cli exactly as it ships
 * (deploy-cli-import.test.ts swaps its validate for the project's), so the bench checks that it
 * said so, after the timed part.
 */
async function plainA0deployImport(target: DeployTarget): Promise<DeployCost> {
  const env = target.tenant.env;
  const mappings = await plainA0deployMappings(target);
  let output = '';
  const cost = await counted(target.tenant, async () => {
    ({ output } = await importWithDeployCli({
      tenantFile: join(target.project.dir, TENANT_FILE),
      domain: env.AUTH0_DOMAIN as string,
      clientId: env.AUTH0_CLIENT_ID as string,
      clientSecret: env.AUTH0_CLIENT_SECRET as string,
      mappings,
      env: { NODE_EXTRA_CA_CERTS: env.NODE_EXTRA_CA_CERTS as string },
    }));
  });
  if (!output.includes('Import Successful')) {
    throw new Error(`plain a0deploy import into ${env.AUTH0_DOMAIN} exited 0 without "Import Successful":\n${output}`);
  }
  return cost;
}

/** A copy of the project for `tenant`, for its deploys to build into and edit. */
export function deployTarget(tenant: BenchTenant): DeployTarget {
  return { tenant, project: copyProject('bench-deploy') };
}

/** npm run deploy, timed and counted. */
export function measuredDeploy(target: DeployTarget): Promise<DeployCost> {
  return counted(target.tenant, () => npmRunDeploy(target));
}

export interface DeployRoundsOptions {
  /** A deployed tenant, for npm run deploy. */
  readonly ours: DeployTarget;
  /** Another deployed tenant, for plain a0deploy imports; none: no reference. */
  readonly reference?: DeployTarget;
  readonly firstDeploys: readonly DeployCost[];
  readonly rounds: number;
  readonly flowChange: boolean;
}

export async function measureDeploys(options: DeployRoundsOptions): Promise<DeployResults> {
  const { ours, reference } = options;
  const original = templateIdOf(ours);
  const costs = { noop: [] as DeployCost[], flowChange: [] as DeployCost[], a0deploy: [] as DeployCost[] };
  /** A variant whose samples go into `into`; interleave sees their wall times. */
  const variant = (name: string, into: DeployCost[], run: () => Promise<DeployCost>): Variant<string> => ({
    name,
    sample: async () => {
      const cost = await run();
      into.push(cost);
      return cost.ms;
    },
  });
  const variants = [variant('noop', costs.noop, () => measuredDeploy(ours))];
  if (options.flowChange) {
    variants.push(
      variant('flowChange', costs.flowChange, () => {
        changeOneFlow(ours, original);
        return measuredDeploy(ours);
      }),
    );
  }
  if (reference) {
    // deploy-cli does not diff: an import costs the same whether or not something changed.
    variants.push(variant('a0deploy', costs.a0deploy, () => plainA0deployImport(reference)));
    if (options.flowChange) {
      variants.push(
        variant('a0deployFlowChange', costs.a0deploy, () => {
          changeOneFlow(reference, original);
          return plainA0deployImport(reference);
        }),
      );
    }
  }
  await interleave(options.rounds, variants);
  // Leave the tenant as config/local.json says, for what comes next (the email changes).
  if (templateIdOf(ours) !== original) {
    setTemplateId(ours, original);
    await npmRunDeploy(ours);
  }
  return {
    ...(options.firstDeploys.length > 0 ? { first: summarise(options.firstDeploys) } : {}),
    noop: summarise(costs.noop),
    ...(options.flowChange ? { flowChange: summarise(costs.flowChange) } : {}),
    ...(reference ? { a0deploy: summarise(costs.a0deploy) } : {}),
  };
}
