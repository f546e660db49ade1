// Runs every measurement of issues 10 and 17 in one run and returns its results (results.ts): the build
// (whose output the rest measures), the bundle's size, the Action's per-login and cold-start
// cost (in a child process), deploys against local tenants, and email changes over HTTP.
// Tenants are started in `workDir` (or one is named by `tenantEnv`), and all is stopped after.
import { spawn } from 'node:child_process';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import type { NormalLoginResult } from './normal-login';
import type { ColdStartResult } from './cold-start';
import { measureBuildTime } from './build-time';
import { measureBundleSize } from './bundle-size';
import {
  type DeployCost,
  type DeployResults,
  type DeployTarget,
  deployTarget,
  measureDeploys,
  measuredDeploy,
} from './deploy';
import { measureEmailChanges } from './email-change';
import { measureStartTime } from './start-time';
import { measureValidateTime } from './validate-time';
import { attachBenchTenant, type BenchTenant, startBenchTenant } from './lib/bench-tenant';
import { DEPLOY_KINDS, type BenchResults, type DeployKey, type Machine } from './results';
import type { BenchSettings } from './settings';
import { checkTargets } from './targets';

export interface RunOptions {
  readonly root: string;
  readonly quick: boolean;
  readonly settings: BenchSettings;
  /** Where tenants' state, builds and project copies go; the caller removes it. */
  readonly workDir: string;
  /** Where tenants started here keep their TLS certificate (trusted by this process from its start). */
  readonly certificateDir: string;
  /** The env file of a running local tenant with the bundle deployed: no first deploy, no tenant started. */
  readonly tenantEnv?: string;
  readonly log: (line: string) => void;
}

function machine(): Machine {
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    os: `${platform()} ${release()}`,
    loadAverage: loadavg().map((l) => Number(l.toFixed(2))),
  };
}

function measureActionCost(
  root: string,
  codePath: string,
  quick: boolean,
): Promise<{ normalLogin: NormalLoginResult; coldStart: ColdStartResult }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(root, 'bench', 'measure-action-cost.ts'),
        '--code',
        codePath,
        ...(quick ? ['--quick'] : []),
      ],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`bench/measure-action-cost.ts failed (exit ${code}):\n${stderr}`));
      try {
        resolve(JSON.parse(stdout));
      } catch (error) {
        reject(
          new Error(
            `bench/measure-action-cost.ts printed no JSON (${(error as Error).message}):\n${stdout}\n${stderr}`,
          ),
        );
      }
    });
  });
}

function flattenDeploy(results: DeployResults): BenchResults['deploy'] {
  const flat: Record<string, number | null> = {};
  const samples: Record<string, readonly DeployCost[]> = {};
  for (const kind of DEPLOY_KINDS) {
    const measured = results[kind];
    flat[`${kind}Ms`] = measured?.ms ?? null;
    flat[`${kind}Reads`] = measured?.reads ?? null;
    flat[`${kind}Writes`] = measured?.writes ?? null;
    flat[`${kind}Tokens`] = measured?.tokens ?? null;
    samples[kind] = measured?.samples ?? [];
  }
  return { ...(flat as Record<DeployKey, number | null>), samples };
}

export async function runBenchmarks(options: RunOptions): Promise<BenchResults> {
  const { root, settings, log } = options;
  const started = process.hrtime.bigint();
  const date = new Date().toISOString();
  const onMachine = machine();
  const skipped: Record<string, string> = {};
  const skip = (kind: (typeof DEPLOY_KINDS)[number], why: string): void => {
    for (const figure of ['Ms', 'Reads', 'Writes', 'Tokens']) skipped[`deploy.${kind}${figure}`] = why;
  };

  log(`build: npm run build, ${settings.build.rounds} time(s)`);
  const build = await measureBuildTime(root, options.workDir, settings.build.rounds);
  const codePath = join(build.distDir, 'actions', 'email-change', 'code.js');
  const bundle = measureBundleSize(codePath);
  log(`validate: npm run validate beside npm run build, ${settings.validate.rounds} round(s)`);
  const validate = await measureValidateTime(settings.validate);
  let start: BenchResults['start'] = { firstMs: null, samplesMs: [] };
  if (settings.start.samples > 0) {
    log(`start: npm start the first time, from a clean state, ${settings.start.samples} time(s)`);
    start = await measureStartTime(settings.start.samples);
  } else {
    skipped['start.firstMs'] = 'a quick run does not start a fresh npm start (about 12 s)';
  }
  log('normal login and cold start, in a child process');
  const actionCost = await measureActionCost(root, codePath, options.quick);

  const tenants: BenchTenant[] = [];
  const targets: DeployTarget[] = [];
  try {
    const firstDeploys: DeployCost[] = [];
    if (options.tenantEnv) {
      const tenant = attachBenchTenant(options.tenantEnv);
      tenants.push(tenant);
      const target = deployTarget(tenant);
      targets.push(target);
      // The tenant may hold another checkout's deploy, or have moved to another domain since: one
      // deploy first, not measured, so that the next one has truly nothing to change.
      log(`deploy: bringing ${tenant.env.AUTH0_DOMAIN} up to this checkout (not measured)`);
      await measuredDeploy(target);
      skip('first', 'the run used an already deployed tenant (--tenant-env)');
    } else {
      const wanted = Math.max(settings.deploy.firstDeploys, settings.deploy.a0deployReference ? 2 : 1);
      for (let i = 0; i < wanted; i += 1) {
        const tenant = await startBenchTenant(root, join(options.workDir, `tenant-${i}`), options.certificateDir);
        tenants.push(tenant);
        const target = deployTarget(tenant);
        targets.push(target);
        log(`deploy: first deploy ${i + 1} of ${wanted}, to a fresh tenant (about 10 s)`);
        firstDeploys.push(await measuredDeploy(target));
      }
    }
    const [ours, reference] = targets as [DeployTarget, DeployTarget | undefined];
    if (!settings.deploy.a0deployReference)
      skip(
        'a0deploy',
        'a quick run has no plain a0deploy reference (about 25 s per import: the CLI compiles its whole schema)',
      );
    if (!settings.deploy.flowChange) skip('flowChange', 'a quick run has no one-flow change');
    log(
      `deploy: ${settings.deploy.rounds} round(s) of nothing changed${settings.deploy.flowChange ? ', one flow changed' : ''}${settings.deploy.a0deployReference ? ', and plain a0deploy' : ''}`,
    );
    const deploy = await measureDeploys({
      ours,
      ...(settings.deploy.a0deployReference && reference ? { reference } : {}),
      firstDeploys,
      rounds: settings.deploy.rounds,
      flowChange: settings.deploy.flowChange,
    });

    log(`email change: ${settings.emailChange.changes} changes over HTTP, with as many normal logins`);
    const emailChange = await measureEmailChanges({ tenant: ours.tenant, root, changes: settings.emailChange.changes });

    const figures: Omit<BenchResults, 'targets'> = {
      kind: options.quick ? 'quick' : 'full',
      date,
      node: process.version,
      machine: onMachine,
      durationS: Number(process.hrtime.bigint() - started) / 1e9,
      normalLogin: {
        ratio: actionCost.normalLogin.ratio,
        nsPerCall: actionCost.normalLogin.nsPerCall,
        emptyNsPerCall: actionCost.normalLogin.emptyNsPerCall,
        callsPerSample: actionCost.normalLogin.callsPerSample,
        runtimeRatio: actionCost.normalLogin.runtimeRatio,
        runtimeUsPerExecution: actionCost.normalLogin.runtimeUsPerExecution,
        emptyRuntimeUsPerExecution: actionCost.normalLogin.emptyRuntimeUsPerExecution,
        eventReads: actionCost.normalLogin.eventReads.length,
        apiReads: actionCost.normalLogin.apiReads,
        rounds: actionCost.normalLogin.rounds,
      },
      coldStart: {
        ratio: actionCost.coldStart.ratio,
        ratioToSdkVariant: actionCost.coldStart.ratioToSdkVariant,
        ms: actionCost.coldStart.ms,
        emptyMs: actionCost.coldStart.emptyMs,
        sdkVariantMs: actionCost.coldStart.sdkVariantMs,
        sdkVariantModules: actionCost.coldStart.sdkVariantModules,
        rounds: actionCost.coldStart.rounds,
      },
      bundle: { ...bundle, sdkVariantLoadedBytes: actionCost.coldStart.sdkVariantLoadedBytes },
      build: { ms: build.ms, samplesMs: build.samplesMs },
      validate,
      start,
      deploy: flattenDeploy(deploy),
      emailChange: {
        changes: emailChange.changes,
        completed: emailChange.completed,
        failures: emailChange.failures,
        sendgridCalls: emailChange.sendgridCalls,
        codeEmails: emailChange.codeEmails,
        noticeEmails: emailChange.noticeEmails,
        otherEmails: emailChange.otherEmails,
        managementCalls: emailChange.managementCalls,
        managementReads: emailChange.managementReads,
        managementWrites: emailChange.managementWrites,
        tokenRequests: emailChange.tokenRequests,
        tokenRequestsPerChange: emailChange.tokenRequestsPerChange,
        byRoute: emailChange.byRoute,
        p50Ms: emailChange.p50Ms,
        p95Ms: emailChange.p95Ms,
        sendCodeStepP50Ms: emailChange.sendCodeStep.p50Ms,
        sendCodeStepP95Ms: emailChange.sendCodeStep.p95Ms,
        verifyCodeStepP50Ms: emailChange.verifyCodeStep.p50Ms,
        verifyCodeStepP95Ms: emailChange.verifyCodeStep.p95Ms,
        normalLoginP50Ms: emailChange.normalLogin.p50Ms,
        normalLoginP95Ms: emailChange.normalLogin.p95Ms,
      },
      skipped,
    };
    return { ...figures, targets: checkTargets(figures) };
  } finally {
    for (const target of targets) target.project.remove();
    await Promise.all(tenants.map((t) => t.stop()));
  }
}
