// The local tenant: an offline stand-in for the parts of Auth0 (Management API, tokens) and
// SendGrid this bundle touches, so the real deploy CLI, the real `auth0` SDK and the real
// `@sendgrid/client` can run against it unmodified (docs/design.md "The local tenant").
import { isAbsolute, join, resolve } from 'node:path';
import { ensureCertificate } from './certificate';
import { demoEnv, refreshDemo } from './login/demo-seed';
import { ENV_FILE, type LocalTenantEnv, writeEnvFile } from './env-file';
import { Faults, type FaultControls } from './shared/faults';
import { parseReadings, type Readings } from '../platform/readings';
import { trustOwnCertificate } from './shared/own-certificate-trust';
import { type Listener, listen } from './shared/server';
import { revokeSessionsOf } from './login/login-state';
import { OUTBOX_JSON_PATH } from './shared/outbox-paths';
import { grantNewScopesToDeployClient, moveToDomain, seedState } from './state/seed';
import { TenantStateView } from './state/state-view';
import { StateStore } from './state/store';
import { type RequestStats, Stats } from './stats/request-stats';
import type { Surface as TenantSurface, TenantContext } from './surface';
import { surfacesWith } from './surfaces';

export type { FaultControls, Fault, FaultKind, PendingFault } from './shared/faults';
export type { RequestStats, StatsSnapshot } from './stats/request-stats';
export type { TenantStateView } from './state/state-view';
export type { Readings } from '../platform/readings';
export { DEFAULT_READINGS, LEAST_FAVOURABLE_READINGS } from '../platform/readings';
export type { OutboxMessage, StoredUser, TenantState } from './state/types';

export interface LocalTenantOptions {
  /** '.local-tenant' for npm run local-tenant; a temp dir in tests. */
  stateDir: string;
  /** Start clean (--reset). */
  reset?: boolean;
  /** 0 (the default) = any free port. */
  httpsPort?: number;
  /** Plain-HTTP listener for people (outbox page) and test controls; 0 (the default) = any free port. */
  httpPort?: number;
  /** Where cert.pem/key.pem live (default: <stateDir>/certificate); tests share one. */
  certificateDir?: string;
  /** The clock in ms (token expiry etc.); default Date.now. */
  now?: () => number;
  plan?: 'free' | 'enterprise';
  /** How long an action build takes after a create or update, in ms (default 0: built at once). */
  actionBuildMs?: number;
  /**
   * How long an outbound call of a flow (Management API, token, SendGrid) may take before its action
   * fails, in seconds: the Forms runtime's requestTimeoutSeconds, default DEFAULT_REQUEST_TIMEOUT_SECONDS
   * (forms-runtime/limits.ts). Tests that make a call hang pass a shorter one so as not to wait it out.
   */
  formsRequestTimeoutSeconds?: number;
  /** Readings of what Auth0 leaves unsaid; default: LOCAL_TENANT_READINGS, else DEFAULT_READINGS. */
  readings?: Readings;
  /** The sender addresses the SendGrid stand-in treats as verified when it seeds a new state (npm start: config/local.json's SENDGRID_FROM). */
  verifiedSenders: readonly string[];
  /** Seed the demo app's client and users when the state has none (npm start); the env file then has DEMO_*. */
  demo?: boolean;
  /**
   * Apps served beside the tenant on its plain-HTTP listener (npm start: demo-app/'s
   * DEMO_APP_SURFACES). Their routes get the tenant's context, typed as what each app declares it needs.
   */
  apps?: readonly TenantSurface[];
  /** Where the tenant prints what happens (one line per flow execution and per email): npm start and npm run local-tenant pass console.log; default silent. */
  log?: (line: string) => void;
}

export interface LocalTenant {
  /** 'localhost:<httpsPort>': AUTH0_DOMAIN for ManagementClient and deploy-cli. */
  readonly domain: string;
  /** https://localhost:<httpsPort> (Management API, /oauth/token, SendGrid /v3/*). */
  readonly httpsUrl: string;
  /** http://localhost:<httpPort> (outbox page, test controls under /__local/). */
  readonly httpUrl: string;
  /** Exactly what <stateDir>/env holds. */
  readonly env: Readonly<LocalTenantEnv & Record<string, string>>;
  /** Where the env file is. */
  readonly envFile: string;
  /** Path of the TLS certificate (NODE_EXTRA_CA_CERTS). */
  readonly certificatePath: string;
  /** Make the next N calls of a kind fail with a status or time out. */
  readonly faults: FaultControls;
  /** Management API requests received, per method and path pattern; resettable. */
  readonly stats: RequestStats;
  /** In-process read access to the state (copies). */
  readonly state: TenantStateView;
  stop(): Promise<void>;
}

export async function startLocalTenant(options: LocalTenantOptions): Promise<LocalTenant> {
  const stateDir = resolve(options.stateDir);
  const now = options.now ?? Date.now;
  const plan = options.plan ?? 'free';
  const certificateDir = options.certificateDir ? resolve(options.certificateDir) : join(stateDir, 'certificate');
  const certificate = await ensureCertificate(certificateDir);

  const listeners: Listener[] = [];
  try {
    const https = await listen('https', options.httpsPort ?? 0, certificate);
    listeners.push(https);
    const http = await listen('http', options.httpPort ?? 0);
    listeners.push(http);

    const domain = `localhost:${https.port}`;
    const httpsUrl = `https://${domain}`;
    const httpUrl = `http://localhost:${http.port}`;
    const store = StateStore.open(stateDir, {
      reset: options.reset ?? false,
      seed: () => seedState({ domain, nowMs: now(), plan, verifiedSenders: options.verifiedSenders }),
    });
    if (store.state.domain !== domain) store.mutate((state) => moveToDomain(state, domain));
    if (grantNewScopesToDeployClient(structuredClone(store.state))) store.mutate(grantNewScopesToDeployClient);
    if (options.demo || store.state.demo)
      store.mutate((state) => refreshDemo(state, { httpUrl, nowMs: now(), create: options.demo === true }));

    const faults = new Faults();
    const stats = new Stats();
    const context: TenantContext = {
      store,
      faults,
      stats,
      now,
      domain,
      httpsUrl,
      httpUrl,
      envFile: join(stateDir, ENV_FILE),
      plan,
      actionBuildMs: options.actionBuildMs ?? 0,
      formsRequestTimeoutSeconds: options.formsRequestTimeoutSeconds,
      ownCertificate: trustOwnCertificate(certificate.cert),
      readings: options.readings ?? parseReadings(process.env.LOCAL_TENANT_READINGS),
      log: options.log ?? (() => undefined),
      revokeSessionsOf: (userId) => revokeSessionsOf(context, userId),
    };
    const surfaces = surfacesWith(options.apps ?? []);
    https.setSurfaces(
      surfaces.filter((s) => s.listener === 'https'),
      context,
    );
    http.setSurfaces(
      surfaces.filter((s) => s.listener === 'http'),
      context,
    );

    const certificatePath = isAbsolute(certificate.certPath) ? certificate.certPath : resolve(certificate.certPath);
    const env: LocalTenantEnv & Record<string, string> = {
      AUTH0_DOMAIN: domain,
      AUTH0_CLIENT_ID: store.state.secrets.deployClientId,
      AUTH0_CLIENT_SECRET: store.state.secrets.deployClientSecret,
      NODE_EXTRA_CA_CERTS: certificatePath,
      SENDGRID_API_KEY: store.state.secrets.sendgridApiKey,
      SENDGRID_BASE_URL: httpsUrl,
      LOCAL_TENANT_URL: httpUrl,
      OUTBOX_URL: `${httpUrl}${OUTBOX_JSON_PATH}`,
      ...demoEnv(store.state, httpUrl),
    };
    const envFile = writeEnvFile(stateDir, env);

    let stopped: Promise<void> | undefined;
    return {
      domain,
      httpsUrl,
      httpUrl,
      env: Object.freeze({ ...env }),
      envFile,
      certificatePath,
      faults,
      stats,
      state: new TenantStateView(store),
      stop: () => {
        stopped ??= Promise.all(listeners.map((l) => l.close())).then(() => undefined);
        return stopped;
      },
    };
  } catch (error) {
    await Promise.all(listeners.map((l) => l.close()));
    throw error;
  }
}

export { ENV_FILE };
