// What every surface of the local tenant (Management API, tokens, SendGrid, outbox, ...) is
// given, and the surface over that context (shared/surface.ts). To add a surface: write a module
// that exports a Surface, and list it in surfaces.ts.
import type { Faults } from './shared/faults';
import type { OwnCertificateTrust } from './shared/own-certificate-trust';
import type { Readings } from '../platform/readings';
import type { Surface as SurfaceOver } from './shared/surface';
import type { StateStore } from './state/store';
import type { Stats } from './stats/request-stats';

export interface TenantContext {
  readonly store: StateStore;
  readonly faults: Faults;
  readonly stats: Stats;
  /** The clock, in ms since the epoch (injected in tests). */
  readonly now: () => number;
  /** "localhost:<httpsPort>": what Auth0 calls the tenant domain. */
  readonly domain: string;
  readonly httpsUrl: string;
  readonly httpUrl: string;
  /** Where the env file is written (<stateDir>/env). */
  readonly envFile: string;
  readonly plan: 'free' | 'enterprise';
  /** How long an action takes to build after a create or an update, in ms. */
  readonly actionBuildMs: number;
  /** The Forms runtime's requestTimeoutSeconds (LocalTenantOptions.formsRequestTimeoutSeconds); absent: the runtime's default. */
  readonly formsRequestTimeoutSeconds: number | undefined;
  /** Trust in the tenant's own certificate, for its calls back to itself (Forms runtime). */
  readonly ownCertificate: OwnCertificateTrust;
  /** How the tenant reads what Auth0 leaves unsaid (platform/readings.ts). */
  readonly readings: Readings;
  /**
   * Ends every browser session of a user (DELETE /api/v2/users/{id}/sessions). The sessions are the
   * login side's; the composition root (index.ts) wires this so the Management API needs no import of it.
   */
  readonly revokeSessionsOf: (userId: string) => void;
  /** Prints one line on the tenant's terminal (flow executions, emails sent); a no-op unless the script passes console.log. */
  readonly log: (line: string) => void;
}

/** A surface of the local tenant: its routes are given the tenant's context. */
export type Surface = SurfaceOver<TenantContext>;
