// What every surface of the local tenant (Management API, tokens, SendGrid, outbox, ...)
// provides, and what it is given. To add a surface: write a module that exports a Surface,
// and list it in surfaces.ts.
import type { Faults } from './faults/faults';
import type { OwnCertificateTrust } from './shared/own-certificate-trust';
import type { Readings } from './platform/readings';
import type { Reply, Route } from './shared/router';
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
  /** Trust in the tenant's own certificate, for its calls back to itself (Forms runtime). */
  readonly ownCertificate: OwnCertificateTrust;
  /** How the tenant reads what Auth0 leaves unsaid (platform/readings.ts). */
  readonly readings: Readings;
  /** Prints one line on the tenant's terminal (flow executions, emails sent); a no-op unless the script passes console.log. */
  readonly log: (line: string) => void;
}

export interface Surface {
  readonly name: string;
  /** Which listener serves it: HTTPS (APIs, as on Auth0 and SendGrid) or plain HTTP (pages for people, test controls). */
  readonly listener: 'https' | 'http';
  /** Path prefixes the surface owns: an unknown path under one gets the surface's own 404. */
  readonly prefixes: readonly string[];
  /** Whether its requests count in the request stats. */
  readonly counted: boolean;
  routes(context: TenantContext): Route[];
  /** An error in the API's own format. */
  errorReply(status: number, message: string): Reply;
}
