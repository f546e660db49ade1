// The two listeners (HTTPS for the APIs, plain HTTP for people and test controls), both on
// loopback only, and the dispatch of each request to the surface that owns its path.
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { BodyTooLargeError, readBody } from './body';
import { type Reply, ReplyError, type Request, Router } from './router';
import type { DispatchContext, Surface } from './surface';

export const LOOPBACK_HOST = '127.0.0.1';
const LOOPBACK_HOST_HEADER = /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/i;

export interface Listener {
  readonly server: Server;
  readonly port: number;
  /** Set once the surfaces are built (they need the ports). */
  setSurfaces<Context extends DispatchContext>(surfaces: readonly Surface<Context>[], context: Context): void;
  close(): Promise<void>;
}

export async function listen(
  kind: 'https' | 'http',
  port: number,
  tls?: { cert: string; key: string },
): Promise<Listener> {
  let dispatcher: Dispatcher | undefined;
  const held = new Set<() => void>();
  const onRequest = (message: IncomingMessage, response: ServerResponse): void => {
    if (!dispatcher) {
      send(response, { status: 503, body: { message: 'the local tenant is starting' } });
      return;
    }
    dispatcher.handle(message, response, held).catch((error: unknown) => {
      // Only a failure to write the response itself lands here: the client is gone.
      console.error(`local tenant: could not answer ${message.method} ${message.url}:`, error);
    });
  };
  const server =
    kind === 'https' ? createHttpsServer({ cert: tls?.cert, key: tls?.key }, onRequest) : createHttpServer(onRequest);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, LOOPBACK_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    setSurfaces(surfaces, context) {
      dispatcher = new Dispatcher(surfaces as readonly Surface<DispatchContext>[], context);
    },
    close() {
      for (const release of held) release();
      held.clear();
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

class Dispatcher {
  private readonly routers: { surface: Surface<DispatchContext>; router: Router }[];

  constructor(
    private readonly surfaces: readonly Surface<DispatchContext>[],
    private readonly context: DispatchContext,
  ) {
    this.routers = surfaces.map((surface) => ({ surface, router: new Router(surface.routes(context)) }));
  }

  async handle(message: IncomingMessage, response: ServerResponse, held: Set<() => void>): Promise<void> {
    const method = message.method ?? 'GET';
    const url = new URL(message.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const owner = this.ownerOf(path);
    // Loopback only, and only under a loopback name: a web page that rebinds its own domain to
    // 127.0.0.1 (DNS rebinding) must not reach the tenant, its outbox or its test controls.
    if (!LOOPBACK_HOST_HEADER.test(message.headers.host ?? '')) {
      const reason = `The local tenant answers only requests addressed to localhost, not ${JSON.stringify(message.headers.host ?? '')}.`;
      send(response, owner ? owner.errorReply(421, reason) : { status: 421, body: { message: reason } });
      message.resume();
      return;
    }
    let rawBody: Buffer;
    try {
      rawBody = await readBody(message);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        send(
          response,
          owner ? owner.errorReply(413, error.message) : { status: 413, body: { message: error.message } },
        );
        return;
      }
      throw error;
    }
    let methodMismatch = false;
    for (const { surface, router } of this.routers) {
      const found = router.match(method, path);
      if (!('route' in found)) {
        methodMismatch ||= found.methodMismatch && surface === owner;
        continue;
      }
      const { route, params } = found;
      if (surface.counted) this.context.stats.record(method, route.pattern);
      const fault = route.faultKind ? this.context.faults.take(route.faultKind) : undefined;
      if (fault && 'timeout' in fault) {
        // Hold the response until the client gives up or the tenant stops.
        await new Promise<void>((resolve) => {
          const release = (): void => {
            held.delete(release);
            resolve();
          };
          held.add(release);
          response.once('close', release);
        });
        if (!response.writableEnded) response.destroy();
        return;
      }
      if (fault) {
        const reply = surface.errorReply(
          fault.status,
          fault.message ?? `Fault injected by the local tenant for ${route.faultKind}`,
        );
        send(response, fault.status === 429 ? withRateLimitHeaders(reply, this.context.now()) : reply);
        return;
      }
      const request: Request = {
        method,
        path,
        query: url.searchParams,
        headers: message.headers,
        params,
        rawBody,
        remoteAddress: message.socket.remoteAddress,
      };
      send(response, await this.run(surface, route.handler, request));
      return;
    }
    const what = `${method} ${path}`;
    if (owner?.counted) this.context.stats.recordUnknown(method, path);
    if (owner) {
      send(
        response,
        methodMismatch
          ? owner.errorReply(405, `The local tenant's ${owner.name} does not accept ${method} on ${path}.`)
          : owner.errorReply(404, `Not Found: the local tenant's ${owner.name} has no endpoint ${what}.`),
      );
      return;
    }
    send(response, {
      status: 404,
      body: { statusCode: 404, error: 'Not Found', message: `Not Found: the local tenant has no endpoint ${what}.` },
    });
  }

  private ownerOf(path: string): Surface<DispatchContext> | undefined {
    let best: Surface<DispatchContext> | undefined;
    let bestLength = -1;
    for (const surface of this.surfaces) {
      for (const prefix of surface.prefixes) {
        if (path.startsWith(prefix) && prefix.length > bestLength) {
          best = surface;
          bestLength = prefix.length;
        }
      }
    }
    return best;
  }

  private async run(
    surface: Surface<DispatchContext>,
    handler: (r: Request) => Reply | Promise<Reply>,
    request: Request,
  ): Promise<Reply> {
    try {
      return await handler(request);
    } catch (error) {
      if (error instanceof ReplyError) return error.reply;
      // A bug in the local tenant: say so loudly, to the client and on stderr.
      console.error(`local tenant: ${surface.name} failed on ${request.method} ${request.path}:`, error);
      return surface.errorReply(500, `The local tenant failed: ${(error as Error).message}`);
    }
  }
}

// docs/platform-facts.md §4/§6: 429 answers carry x-ratelimit-limit/remaining/reset (reset in unix seconds).
function withRateLimitHeaders(reply: Reply, nowMs: number): Reply {
  return {
    ...reply,
    headers: {
      ...reply.headers,
      'x-ratelimit-limit': '2',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(Math.ceil(nowMs / 1000) + 1),
    },
  };
}

export function send(response: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { 'cache-control': 'no-store', ...reply.headers };
  let payload: string | undefined;
  if (typeof reply.body === 'string') {
    payload = reply.body;
    headers['content-type'] ??= 'text/plain; charset=utf-8';
  } else if (reply.body !== undefined) {
    payload = JSON.stringify(reply.body);
    headers['content-type'] ??= 'application/json; charset=utf-8';
  }
  if (payload !== undefined) headers['content-length'] = String(Buffer.byteLength(payload));
  response.writeHead(reply.status, headers);
  response.end(payload);
}
