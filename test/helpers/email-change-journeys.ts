// Drives the BUILT email-change form and flows through the local Forms runtime against a local
// tenant, for one test file: a tenant with the project's email templates, a clock the test moves,
// users made through the real Management API, journeys started as the Action would start them,
// and what a person would read on the page.
//
//   const scenario = useEmailChangeJourneys();
//   const user = await scenario.createUser('ana@example.com');
//   const journey = await scenario.start(user);
//   await journey.submit({ fields: { new_email_en: 'new@example.com' } });
//   scenario.pageText(journey)  ... scenario.outboxTo('new@example.com') ... scenario.user(user.user_id)
import { randomUUID } from 'node:crypto';
import { SENDS_APP_METADATA_KEY } from '../../actions/email-change/contract';
import { formVars } from '../../actions/email-change/form-vars';
import { ManagementClient } from 'auth0';
import { DEFAULT_DATABASE_CONNECTION } from '../../local-tenant/state/seed';
import type { OutboxMessage, StoredUser } from '../../local-tenant';
import { visibleText } from '../../bench/lib/http-session';
import { parseReadings } from '../../platform/readings';
import {
  createFormsRuntime,
  type FormsRuntime,
  type FormsRuntimeOptions,
  type Journey,
} from '../../local-tenant/forms-runtime';
import { deployedEmailChangeBundle, localVaultConnections } from './deployed-email-change-bundle';
import { useLocalTenant } from './local-tenant';
import { ROOT } from './paths';
import { pushTemplatesToNewLocalTenant } from '../../scripts/lib/templates/push-to-new-local-tenant';

/** A clock a test moves by hand; starts at a fixed instant. */
export class TestClock {
  ms = Date.parse('2026-11-21T09:00:00.000Z');
  readonly now = (): number => this.ms;
  advance(seconds: number): void {
    this.ms += seconds * 1000;
  }
}

/** Code digits from a seeded generator, so that a failing test replays with the same codes. */
export function seededDigits(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return Math.floor((state / 2 ** 32) * 10);
  };
}

/** The Action's default freshness limit (MAX_AUTH_AGE_SECONDS), which the journeys start with. */
export const MAX_AUTH_AGE_SECONDS = 300;

export interface StartOptions {
  readonly locale?: 'en' | 'es';
  readonly journeyId?: string;
  readonly runtime?: FormsRuntime;
}

export function useEmailChangeJourneys() {
  const clock = new TestClock();
  const tenant = useLocalTenant({ now: clock.now });
  let management: ManagementClient | undefined;
  let userCount = 0;
  let runtimeCount = 0;

  beforeAll(async () => {
    await pushTemplatesToNewLocalTenant(ROOT, tenant().env);
    management = new ManagementClient({
      domain: tenant().domain,
      clientId: tenant().env.AUTH0_CLIENT_ID as string,
      clientSecret: tenant().env.AUTH0_CLIENT_SECRET as string,
      maxRetries: 0,
    });
  });
  afterEach(() => tenant().faults.clear());

  const api = (): ManagementClient => {
    if (!management) throw new Error('useEmailChangeJourneys: the tenant is not ready (beforeAll has not run)');
    return management;
  };

  const scenario = {
    clock,
    tenant,
    management: api,
    /** A fresh runtime on the scenario's clock, with seeded code digits unless told otherwise. */
    runtime(options: Partial<FormsRuntimeOptions> = {}): FormsRuntime {
      runtimeCount += 1;
      return createFormsRuntime({
        managementDomain: tenant().domain,
        sendgridBaseUrl: tenant().env.SENDGRID_BASE_URL as string,
        now: clock.now,
        randomDigit: seededDigits(runtimeCount),
        // The jest project's readings (test/least-favourable-readings.ts), as the tenant's.
        readings: parseReadings(process.env.LOCAL_TENANT_READINGS),
        ...options,
      });
    },
    /** A database user with this address (unique per call when the address has {n}). */
    async createUser(email: string): Promise<StoredUser> {
      userCount += 1;
      const address = email.replace('{n}', String(userCount));
      const created = await api().users.create({
        connection: DEFAULT_DATABASE_CONNECTION,
        email: address,
        password: `Pw-${randomUUID()}`,
        email_verified: true,
      });
      return scenario.user(created.user_id as string);
    },
    /**
     * The account as a person sees it: the user less the daily send counter the send-code flow
     * keeps in app_metadata (and the updated_at its write moves). "Nothing changed" compares these.
     */
    profile(userOrId: StoredUser | string): StoredUser {
      const user = typeof userOrId === 'string' ? scenario.user(userOrId) : userOrId;
      const { [SENDS_APP_METADATA_KEY]: _sends, ...appMetadata } = user.app_metadata;
      const { updated_at: _updated, ...rest } = user;
      return { ...rest, app_metadata: appMetadata } as StoredUser;
    },
    /** The user as the tenant stores it now. */
    user(userId: string): StoredUser {
      const found = tenant().state.users.find((u) => u.user_id === userId);
      if (!found) throw new Error(`no user ${userId}`);
      return found;
    },
    deployment: () => deployedEmailChangeBundle(tenant()),
    vaultConnections: () => localVaultConnections(tenant()),
    /** Starts the form for `user` with the vars the Action passes. */
    async start(user: StoredUser, options: StartOptions = {}): Promise<Journey> {
      const locale = options.locale ?? 'en';
      const runtime = options.runtime ?? scenario.runtime();
      return runtime.startJourney({
        ...deployedEmailChangeBundle(tenant()),
        vaultConnections: localVaultConnections(tenant()),
        user: {
          user_id: user.user_id,
          email: user.email,
          email_verified: user.email_verified,
          app_metadata: user.app_metadata,
        },
        // The Action's own vars, as if the user had signed in just now (on the scenario's clock).
        vars: formVars({
          user,
          locale,
          journeyId: options.journeyId ?? randomUUID(),
          signedInMs: clock.now(),
          maxAuthAgeSeconds: MAX_AUTH_AGE_SECONDS,
        }),
        language: locale,
      });
    },
    /** What the user reads on the current step. */
    pageText(journey: Journey): string {
      return visibleText(journey.render({ postUrl: '/u/forms/test' }));
    },
    outbox(): OutboxMessage[] {
      return tenant().state.outbox;
    },
    outboxTo(email: string): OutboxMessage[] {
      return scenario.outbox().filter((m) => m.to.some((t) => t.email === email));
    },
    /** The code in the latest email sent to `email`. */
    latestCode(email: string): string {
      const message = scenario.outboxTo(email).at(-1);
      const code = (message?.dynamic_template_data as { code?: unknown } | undefined)?.code;
      if (typeof code !== 'string')
        throw new Error(`no code email to ${email}: ${JSON.stringify(scenario.outboxTo(email))}`);
      return code;
    },
  };
  return scenario;
}
