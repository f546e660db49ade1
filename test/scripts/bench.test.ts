// npm run bench -- --quick, run as a person runs it, against this test run's deployed local
// tenant (--tenant-env, so that the first deploy is the one the other tests share): it writes
// results.json with every figure issue 10 names, and RESULTS.md. Timings are never asserted,
// only that each figure is a number (or is null with the reason), and that no secret leaks.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REQUIRED_KEYS, type BenchResults } from '../../bench/results';
import { useDeployedLocalTenant } from '../helpers/deployed-local-tenant';
import { ROOT, scriptArgs } from '../helpers/paths';

const tenant = useDeployedLocalTenant();
let outDir = '';
beforeAll(() => {
  outDir = mkdtempSync(join(tmpdir(), 'bench-quick-'));
});
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

function runQuickBench(): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      scriptArgs('scripts/bench.ts', '--quick', '--out', outDir, '--tenant-env', tenant().envFile),
      {
        cwd: ROOT,
        env: process.env,
      },
    );
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (status) => resolve({ status, output }));
  });
}

function figure(results: BenchResults, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>((value, part) => (value as Record<string, unknown> | undefined)?.[part], results);
}

test('npm run bench -- --quick writes every figure, each a number or skipped with a reason, and RESULTS.md', async () => {
  const run = await runQuickBench();
  expect(run.output).not.toMatch(/Error/);
  expect(run.status).toBe(0);

  const results = JSON.parse(readFileSync(join(outDir, 'results.json'), 'utf8')) as BenchResults;
  expect(results.kind).toBe('quick');
  expect(results.node).toBe(process.version);
  expect(results.machine.cores).toBeGreaterThan(0);
  for (const key of REQUIRED_KEYS) {
    const value = figure(results, key);
    if (value === null) expect([key, results.skipped[key]]).toEqual([key, expect.any(String)]);
    else expect([key, Number.isFinite(value)]).toEqual([key, true]);
  }
  // What a quick run on an already deployed tenant measures; the rest is skipped with a reason.
  expect(
    Object.keys(results.skipped)
      .filter((key) => (REQUIRED_KEYS as readonly string[]).includes(key))
      .sort(),
  ).toEqual(['deploy.a0deployMs', 'deploy.firstMs', 'start.firstMs']);
  expect(results.bundle.bytes).toBeGreaterThan(0);
  expect(results.bundle.gzipBytes).toBeGreaterThan(0);
  expect(results.bundle.gzipBytes).toBeLessThan(results.bundle.bytes);
  for (const key of [
    'normalLogin.ratio',
    'coldStart.ratio',
    'coldStart.ratioToSdkVariant',
    'build.ms',
    'validate.ms',
    'emailChange.p50Ms',
  ]) {
    expect([key, (figure(results, key) as number) > 0]).toEqual([key, true]);
  }
  expect(results.emailChange.completed).toBeGreaterThan(0);
  expect(results.emailChange.p95Ms).toBeGreaterThanOrEqual(results.emailChange.p50Ms);
  for (const target of results.targets) expect([true, false, null]).toContain(target.met);

  const report = readFileSync(join(outDir, 'RESULTS.md'), 'utf8');
  expect(report).toContain('## Targets');
  expect(report).toContain(`Node ${process.version}`);
  // The tenant's secrets go to the deploy's environment only: never into the output or the files.
  const written = `${run.output}${report}${JSON.stringify(results)}`;
  for (const name of ['AUTH0_CLIENT_SECRET', 'SENDGRID_API_KEY'])
    expect(written).not.toContain(tenant().env[name] as string);
}, 240_000);
