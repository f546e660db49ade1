// What a surface served by the tenant's listeners is (the Management API, the login pages, an app
// the caller adds such as the demo app), over the context it is given: its listener, its path
// prefixes, its routes, its error format, and what it lists on the tenant's index page.
import type { Reply, Route } from './router';

export interface IndexEntry {
  readonly name: string;
  /** A URL to link to, or a file path to show. */
  readonly where: string;
  readonly what: string;
  readonly link: boolean;
}

/** What the listeners need from the context to dispatch: the clock, the request stats, the faults armed. */
export interface DispatchContext {
  readonly now: () => number;
  readonly stats: { record(method: string, pattern: string): void; recordUnknown(method: string, path: string): void };
  readonly faults: { take(kind: string): { status: number; message?: string } | { timeout: true } | undefined };
}

export interface Surface<Context = DispatchContext> {
  readonly name: string;
  /** Which listener serves it: HTTPS (APIs, as on Auth0 and SendGrid) or plain HTTP (pages for people, test controls). */
  readonly listener: 'https' | 'http';
  /** Path prefixes the surface owns: an unknown path under one gets the surface's own 404. */
  readonly prefixes: readonly string[];
  /** Whether its requests count in the request stats. */
  readonly counted: boolean;
  routes(context: Context): Route[];
  /** An error in the API's own format. */
  errorReply(status: number, message: string): Reply;
  /** What the tenant's index page lists for it, if anything. */
  index?(context: Context): IndexEntry[];
}
