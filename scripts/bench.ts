// Usage: npm run bench [-- --quick] [--out <folder>] [--tenant-env <env file>]
//
// Measures what the bundle costs a tenant, each figure side by side with its reference in this
// one run (issue 10, docs/benchmarks.md): the Action on every login and at a cold start against
// an empty Action and an SDK-using one, its size, the build, deploys against local tenants
// against plain a0deploy, and email changes driven over HTTP. Prints a table and writes
// results.json and RESULTS.md into --out (default bench/). Takes several minutes: two first
// deploys alone take about three. Missed targets are reported, never an exit code.
//   --quick        few repetitions, no a0deploy reference and no one-flow change (about 90 s
//                  with a first deploy, 30 s with --tenant-env); its figures are rough
//   --tenant-env   the env file of a running local tenant with the bundle deployed (e.g.
//                  .local-tenant/env after npm start): used instead of a first deploy; the run
//                  adds users to it and leaves them
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { renderResults, targetsTable } from '../bench/report';
import { FULL, QUICK } from '../bench/settings';
import { ensureCertificate } from '../local-tenant/certificate';
import { runCli } from './lib/cli';
import { readEnvFile } from './lib/env-file';
import { rerunTrusting } from './lib/deploy/trust-local-tenant';
import { UserError } from './lib/user-error';

const ROOT = join(__dirname, '..');
/** The certificate of the tenants a run starts; kept, so that a second run need not make another. */
const CERTIFICATE_DIR = join(ROOT, '.local-tenant', 'bench-certificate');

runCli(async () => {
  const { values } = parseArgs({
    options: { quick: { type: 'boolean', default: false }, out: { type: 'string' }, 'tenant-env': { type: 'string' } },
  });
  const outDir = resolve(values.out ?? join(ROOT, 'bench'));
  const tenantEnv = values['tenant-env'] === undefined ? undefined : resolve(values['tenant-env']);
  let certificatePath: string;
  if (tenantEnv) {
    certificatePath = readEnvFile(tenantEnv)?.NODE_EXTRA_CA_CERTS ?? '';
    if (!certificatePath)
      throw new UserError(
        `${tenantEnv} has no NODE_EXTRA_CA_CERTS: is it a local tenant's env file (.local-tenant/env)?`,
      );
  } else {
    certificatePath = resolve((await ensureCertificate(CERTIFICATE_DIR)).certPath);
  }
  // The flows of the tenants started here call their HTTPS from this process: trust it from the start.
  if (rerunTrusting(certificatePath)) return;
  // The bench's modules (the local tenant, the auth0 SDK, deploy-cli's) take over a second to
  // load: only in the process that runs it, not in the one that re-runs itself above.
  const { runBenchmarks } = await import('../bench/run-benchmarks');
  // The Actions runtime resolves an Action's dependencies (the SDK variant's auth0) from the working directory.
  process.chdir(ROOT);

  const workDir = mkdtempSync(join(tmpdir(), 'bench-'));
  try {
    const results = await runBenchmarks({
      root: ROOT,
      quick: values.quick ?? false,
      settings: values.quick ? QUICK : FULL,
      workDir,
      certificateDir: CERTIFICATE_DIR,
      ...(tenantEnv ? { tenantEnv } : {}),
      log: (line) => console.error(`bench: ${line}`),
    });
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(join(outDir, 'RESULTS.md'), renderResults(results));
    console.log(targetsTable(results));
    console.log(`\nWrote ${join(outDir, 'results.json')} and RESULTS.md (${results.durationS.toFixed(0)} s).`);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
});
