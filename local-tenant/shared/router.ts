// A tiny router: routes are a method and a path pattern ("/api/v2/users/:id"); the first route
// whose pattern matches wins. Each surface of the local tenant contributes its routes.
import type { IncomingHttpHeaders } from 'node:http';

export interface Request {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  /** Path parameters, already URL-decoded. */
  readonly params: Readonly<Record<string, string>>;
  /** The raw body; parse it with the helpers in http/body.ts. */
  readonly rawBody: Buffer;
  /** The client's IP address (the loopback range here). */
  readonly remoteAddress?: string;
}

export interface Reply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** A string is sent as is; anything else as JSON; undefined sends no body. */
  readonly body?: unknown;
}

/** Thrown by a handler to answer with `reply` (an API error in the surface's own format). */
export class ReplyError extends Error {
  constructor(readonly reply: Reply) {
    super(`HTTP ${reply.status}`);
  }
}

export type Handler = (request: Request) => Reply | Promise<Reply>;

export interface Route {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Literal segments and ":name" parameters, e.g. "/api/v2/users/:id". */
  readonly pattern: string;
  readonly handler: Handler;
  /** The fault kind tests use to make this route fail (shared/faults.ts). */
  readonly faultKind?: string;
}

export interface RouteMatch {
  readonly route: Route;
  readonly params: Record<string, string>;
}

interface CompiledRoute {
  readonly route: Route;
  readonly regex: RegExp;
  readonly names: string[];
}

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.pattern
    .split('/')
    .map((segment) => {
      if (segment.startsWith(':')) {
        names.push(segment.slice(1));
        return '([^/]+)';
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { route, regex: new RegExp(`^${source}/?$`), names };
}

export class Router {
  private readonly routes: CompiledRoute[];

  constructor(routes: readonly Route[]) {
    this.routes = routes.map(compile);
  }

  /** The route for `method` and `path`; `methodMismatch` when only other methods match. */
  match(method: string, path: string): RouteMatch | { methodMismatch: boolean } {
    let methodMismatch = false;
    for (const { route, regex, names } of this.routes) {
      const found = regex.exec(path);
      if (!found) continue;
      if (route.method !== method) {
        methodMismatch = true;
        continue;
      }
      const params: Record<string, string> = {};
      names.forEach((name, i) => {
        params[name] = safeDecode(found[i + 1] as string);
      });
      return { route, params };
    }
    return { methodMismatch };
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
