// A local tenant with the whole bundle in it, for one test file: the demo app seeded, the email
// templates in its SendGrid stand-in, and the bundle deployed through the project's own deploy
// path (node --import tsx scripts/deploy.ts on a copy of the project, as a user runs it). Usage:
//
//   const tenant = useDeployedLocalTenant();
//   test('...', async () => { const t = tenant(); ... t.httpUrl ... });
//
// A first deploy runs deploy-cli's import three times (seconds in process, but each file would
// repeat them), so it happens once per test run: the first file to need it deploys into a tenant of its own and keeps that tenant's
// state file next to the run's build; every file then starts its own tenant from a copy of it,
// with the domain (the HTTPS port, in vault connection setups and grant audiences) moved to
// the new tenant's. Each file's tenant is its own: nothing a test does reaches another file.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type LocalTenant, type LocalTenantOptions, startLocalTenant } from '../../local-tenant';
import { writeFileAtomic } from '../../local-tenant/shared/atomic-write';
import { localTenantTargetEnv } from '../../scripts/lib/deploy/deploy-target';
import { STATE_FILE } from '../../local-tenant/state/store';
import { checkTestCertificateTrusted, testTenantOptions } from './local-tenant';
import { pushTemplatesToNewLocalTenant } from '../../scripts/lib/templates/push-to-new-local-tenant';
import { DIST, ROOT, scriptArgs } from './paths';
import { copyProject } from '../../bench/lib/project-copy';
import { DEMO_APP_SURFACES } from '../../demo-app/demo-app-surfaces';

/** A first deploy takes about 10 s on 2 cores; a file's beforeAll waits for that process, generously, as a loaded machine may be far slower. */
export const DEPLOY_TIMEOUT_MS = 300_000;

/** Runs the project's deploy (node --import tsx scripts/deploy.ts) on a copy of the project against `tenant`; throws with its output on failure. */
export async function deployBundleTo(tenant: LocalTenant): Promise<void> {
  const project = copyProject('deploy-to-local-tenant');
  try {
    const result = await new Promise<{ status: number | null; output: string }>((resolve) => {
      const child = spawn(process.execPath, scriptArgs('scripts/deploy.ts'), {
        cwd: project.dir,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, ...localTenantTargetEnv(tenant.env) },
      });
      let output = '';
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
      child.on('close', (status) => resolve({ status, output }));
    });
    if (result.status !== 0)
      throw new Error(`npm run deploy to the local tenant failed (exit ${result.status}):\n${result.output}`);
  } finally {
    project.remove();
  }
}

interface Snapshot {
  readonly domain: string;
  readonly stateText: string;
}

const SNAPSHOT_DIR = join(dirname(DIST), 'deployed-local-tenant');
const LOCK = join(SNAPSHOT_DIR, 'lock');
const READY = join(SNAPSHOT_DIR, 'snapshot.json');
const FAILED = join(SNAPSHOT_DIR, 'failed.txt');
/** How often a file waiting for another file's deploy looks for the snapshot: it starts at most this long after the deploy ends. */
const SNAPSHOT_POLL_MS = 50;

async function deploySnapshot(): Promise<void> {
  const stateDir = mkdtempSync(join(tmpdir(), 'deployed-local-tenant-'));
  try {
    const tenant = await startLocalTenant(testTenantOptions({ stateDir, demo: true, apps: DEMO_APP_SURFACES }));
    try {
      await pushTemplatesToNewLocalTenant(ROOT, tenant.env);
      await deployBundleTo(tenant);
    } finally {
      await tenant.stop();
    }
    const snapshot: Snapshot = { domain: tenant.domain, stateText: readFileSync(join(stateDir, STATE_FILE), 'utf8') };
    // Written whole: the files waiting for it never read half of it.
    writeFileAtomic(READY, JSON.stringify(snapshot));
  } catch (error) {
    writeFileSync(FAILED, String((error as Error).message ?? error));
    throw error;
  } finally {
    rmSync(stateDir, { recursive: true, force: true });
  }
}

/** The deployed state of this test run: deployed by the first file that asks, waited for by the others. */
async function deployedSnapshot(): Promise<Snapshot> {
  mkdirSync(SNAPSHOT_DIR, { recursive: true });
  let mine = false;
  try {
    mkdirSync(LOCK);
    mine = true;
  } catch {
    // Another file (jest worker) is deploying, or has.
  }
  if (mine) await deploySnapshot();
  const deadline = Date.now() + DEPLOY_TIMEOUT_MS;
  while (!existsSync(READY)) {
    if (existsSync(FAILED))
      throw new Error(`The deploy of this test run failed in another test file:\n${readFileSync(FAILED, 'utf8')}`);
    if (Date.now() > deadline)
      throw new Error(`No deployed local tenant after ${DEPLOY_TIMEOUT_MS} ms: the deploying test file seems stuck.`);
    await new Promise((resolve) => setTimeout(resolve, SNAPSHOT_POLL_MS));
  }
  return JSON.parse(readFileSync(READY, 'utf8')) as Snapshot;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts a tenant of its own from the deployed snapshot, its domain moved to the new HTTPS port. */
export async function startDeployedLocalTenant(
  overrides: Partial<LocalTenantOptions> = {},
): Promise<{ tenant: LocalTenant; stateDir: string }> {
  const snapshot = await deployedSnapshot();
  for (let attempt = 1; ; attempt += 1) {
    const httpsPort = await freePort();
    const stateDir = mkdtempSync(join(tmpdir(), 'local-tenant-test-'));
    writeFileSync(
      join(stateDir, STATE_FILE),
      snapshot.stateText.split(snapshot.domain).join(`localhost:${httpsPort}`),
      { mode: 0o600 },
    );
    try {
      const tenant = await startLocalTenant(
        testTenantOptions({ stateDir, demo: true, apps: DEMO_APP_SURFACES, httpsPort, ...overrides }),
      );
      return { tenant, stateDir };
    } catch (error) {
      rmSync(stateDir, { recursive: true, force: true });
      // Another process took the port between the probe and the start: try another.
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 3) throw error;
    }
  }
}

export function useDeployedLocalTenant(overrides: Partial<LocalTenantOptions> = {}): () => LocalTenant {
  let tenant: LocalTenant | undefined;
  let stateDir = '';
  beforeAll(async () => {
    checkTestCertificateTrusted();
    ({ tenant, stateDir } = await startDeployedLocalTenant(overrides));
  }, DEPLOY_TIMEOUT_MS);
  afterAll(async () => {
    await tenant?.stop();
    if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  });
  return () => {
    if (!tenant)
      throw new Error('the local tenant is not started: call useDeployedLocalTenant() at the top of the test file');
    return tenant;
  };
}
