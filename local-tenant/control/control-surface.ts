// Test controls over HTTP, for tests that run in another process (browser tests): faults and
// request stats under /__local/, on the plain HTTP listener, which listens on loopback only.
import { parseBody } from '../shared/body';
import type { Reply, Request } from '../shared/router';
import type { Surface } from '../surface';
import { checkFault, type Fault, type FaultKind } from '../shared/faults';

const problem = (status: number, message: string): Reply => ({ status, body: { message } });

/**
 * Writes need a JSON content type: a browser then asks first (CORS preflight, which this
 * surface never grants), so a web page the tester visits cannot arm faults or reset stats.
 */
function jsonWrite(request: Request): Reply | undefined {
  return String(request.headers['content-type'] ?? '').startsWith('application/json')
    ? undefined
    : problem(415, 'Send test controls with content-type: application/json.');
}

export const controlSurface: Surface = {
  name: 'test controls',
  listener: 'http',
  prefixes: ['/__local/'],
  counted: false,
  errorReply: problem,
  routes: (context) => [
    { method: 'GET', pattern: '/__local/faults', handler: () => ({ status: 200, body: context.faults.pending() }) },
    {
      method: 'POST',
      pattern: '/__local/faults',
      handler: (request) => {
        const refused = jsonWrite(request);
        if (refused) return refused;
        const parsed = parseBody(request);
        const body = parsed.ok ? (parsed.value as Record<string, unknown> | undefined) : undefined;
        if (typeof body !== 'object' || body === null) {
          return problem(
            400,
            'POST a JSON object: {"kind": "sendgrid.send", "status": 503, "count": 1} or {"kind": "...", "timeout": true}',
          );
        }
        const { kind, count = 1, ...fault } = body;
        const wrong = checkFault(kind, fault, count);
        if (wrong) return problem(400, wrong);
        context.faults.failNext(kind as FaultKind, fault as Fault, count as number);
        return { status: 201, body: context.faults.pending() };
      },
    },
    {
      method: 'DELETE',
      pattern: '/__local/faults',
      handler: () => {
        context.faults.clear();
        return { status: 204 };
      },
    },
    { method: 'GET', pattern: '/__local/stats', handler: () => ({ status: 200, body: context.stats.snapshot() }) },
    {
      method: 'POST',
      pattern: '/__local/stats/reset',
      handler: (request) => {
        const refused = jsonWrite(request);
        if (refused) return refused;
        context.stats.reset();
        return { status: 204 };
      },
    },
  ],
};
