// The local tenants a bench run works on: either started here, each with its own state in the
// run's work folder, the demo app seeded and the project's email templates in its SendGrid
// stand-in; or one already running elsewhere, named by its env file (--tenant-env), with the
// bundle deployed. Either way its Management API request counts are read through the tenant's
// test controls over HTTP (/__local/stats), so that both kinds are measured the same way.
import type { StatsSnapshot } from '../../local-tenant';
import { readEnvFile } from '../../scripts/lib/env-file';
import { localSenderEmail } from '../../scripts/lib/environment-config';

export interface BenchTenant {
  readonly env: Readonly<Record<string, string>>;
  /** Stops the tenant if this run started it; leaves one named by --tenant-env running. */
  stop(): Promise<void>;
}

const REQUIRED_ENV = [
  'AUTH0_DOMAIN',
  'AUTH0_CLIENT_ID',
  'AUTH0_CLIENT_SECRET',
  'SENDGRID_API_KEY',
  'LOCAL_TENANT_URL',
  'OUTBOX_URL',
  'DEMO_CLIENT_ID',
  'DEMO_REDIRECT_URI',
];

function checkEnv(env: Readonly<Record<string, string>>, where: string): void {
  const missing = REQUIRED_ENV.filter((name) => !env[name]);
  if (missing.length > 0) {
    throw new Error(
      `${where} lacks ${missing.join(', ')}: the bench needs a local tenant started with the demo app (npm start, or startLocalTenant({demo: true})).`,
    );
  }
}

export async function startBenchTenant(root: string, stateDir: string, certificateDir: string): Promise<BenchTenant> {
  // Loaded here: a run on a tenant named by --tenant-env uses none of it (about 600 modules, 0.4 s of CPU).
  const [{ startLocalTenant }, { DEMO_APP_SURFACES }, { pushTemplatesToNewLocalTenant }] = await Promise.all([
    import('../../local-tenant'),
    import('../../demo-app/demo-app-surfaces'),
    import('../../scripts/lib/templates/push-to-new-local-tenant'),
  ]);
  const tenant = await startLocalTenant({
    stateDir,
    certificateDir,
    demo: true,
    apps: DEMO_APP_SURFACES,
    verifiedSenders: [localSenderEmail(root)],
  });
  try {
    checkEnv(tenant.env, `the tenant in ${stateDir}`);
    await pushTemplatesToNewLocalTenant(root, tenant.env);
  } catch (error) {
    await tenant.stop();
    throw error;
  }
  return { env: tenant.env, stop: () => tenant.stop() };
}

export function attachBenchTenant(envFile: string): BenchTenant {
  const env = readEnvFile(envFile) ?? {};
  checkEnv(env, envFile);
  return { env, stop: async () => undefined };
}

async function control(env: Readonly<Record<string, string>>, method: string, path: string): Promise<Response> {
  const url = `${env.LOCAL_TENANT_URL}/__local/${path}`;
  const response = await fetch(url, {
    method,
    ...(method === 'POST' ? { headers: { 'content-type': 'application/json' }, body: '{}' } : {}),
  });
  if (!response.ok) throw new Error(`${method} ${url} answered ${response.status}: ${await response.text()}`);
  return response;
}

export async function resetStats(tenant: BenchTenant): Promise<void> {
  await control(tenant.env, 'POST', 'stats/reset');
}

export async function readStats(tenant: BenchTenant): Promise<StatsSnapshot> {
  return (await (await control(tenant.env, 'GET', 'stats')).json()) as StatsSnapshot;
}
