// Faults on demand, in-process and over HTTP (for out-of-process tests), and request stats.
import { rmSync } from 'node:fs';
import { ManagementClient, ManagementError } from 'auth0';
import { startLocalTenant } from '../../../local-tenant';
import { localSenderEmail } from '../../../scripts/lib/environment-config';
import { ROOT } from '../../helpers/paths';
import { testTenantOptions, useLocalTenant } from '../../helpers/local-tenant';
import { sendgridClient } from '../../helpers/sendgrid-client';

const tenant = useLocalTenant();

const management = (): ManagementClient => {
  const t = tenant();
  return new ManagementClient({
    domain: t.domain,
    clientId: t.env.AUTH0_CLIENT_ID,
    clientSecret: t.env.AUTH0_CLIENT_SECRET,
    maxRetries: 0,
  });
};

const sendgrid = (apiKey?: string) => sendgridClient(tenant().env, apiKey);

const mail = () => ({
  method: 'POST' as const,
  url: '/v3/mail/send',
  body: {
    from: { email: localSenderEmail(ROOT) },
    personalizations: [{ to: [{ email: 'x@example.test' }] }],
    subject: 's',
    content: [{ type: 'text/plain', value: 'v' }],
  },
});

const rejection = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => undefined,
    (e: unknown) => e,
  );

afterEach(() => tenant().faults.clear());

const JSON_HEADERS = { 'content-type': 'application/json' };

test('the next user update fails with the armed status in Auth0 shape; the one after succeeds', async () => {
  const client = management();
  const user = await client.users.create({
    connection: 'Username-Password-Authentication',
    email: 'f1@example.test',
    password: 'pw-123456',
  });
  tenant().faults.failNext('management.users.update', { status: 503 });
  const error = await rejection(client.users.update(user.user_id as string, { email_verified: true }));
  expect(error).toBeInstanceOf(ManagementError);
  expect((error as ManagementError).statusCode).toBe(503);
  expect((error as ManagementError).body).toMatchObject({ statusCode: 503, error: 'Service Unavailable' });
  expect(tenant().state.users.find((u) => u.user_id === user.user_id)?.email_verified).toBe(false);
  expect((await client.users.update(user.user_id as string, { email_verified: true })).email_verified).toBe(true);
});

test('count: the next two sends get 429 with rate-limit headers, the third is accepted', async () => {
  tenant().faults.failNext('sendgrid.send', { status: 429 }, 2);
  for (let i = 0; i < 2; i++) {
    const error = (await rejection(sendgrid().request(mail()))) as {
      code: number;
      response: { headers: Record<string, string>; body: { errors: unknown[] } };
    };
    expect(error.code).toBe(429);
    expect(error.response.headers['x-ratelimit-remaining']).toBe('0');
    expect(error.response.body.errors).toHaveLength(1);
  }
  const [response] = await sendgrid().request(mail());
  expect(response.statusCode).toBe(202);
});

test('a timeout fault holds the answer until the client gives up; the next call is answered', async () => {
  const t = tenant();
  t.faults.failNext('management.token', { timeout: true });
  const body = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: t.env.AUTH0_CLIENT_ID,
    client_secret: t.env.AUTH0_CLIENT_SECRET,
    audience: `https://${t.domain}/api/v2/`,
  });
  const request = () => fetch(`${t.httpsUrl}/oauth/token`, { method: 'POST', body, signal: AbortSignal.timeout(300) });
  const error = await rejection(request());
  expect((error as Error).name).toBe('TimeoutError');
  expect((await request()).status).toBe(200);
});

test('stop() ends a held request instead of waiting for it', async () => {
  const options = testTenantOptions();
  const own = await startLocalTenant(options);
  own.faults.failNext('sendgrid.send', { timeout: true });
  const held = rejection(fetch(`${own.httpsUrl}/v3/mail/send`, { method: 'POST', body: '{}' }));
  // The fault is used up once the request is held by the tenant.
  while (own.faults.pending().length > 0) await new Promise((resolve) => setTimeout(resolve, 10));
  await own.stop();
  expect(((await held) as Error).message).toBe('fetch failed');
  rmSync(options.stateDir, { recursive: true, force: true });
});

test('over HTTP: arm a fault, see it pending, have it hit, clear; a bad kind is refused with the known kinds', async () => {
  const t = tenant();
  const armed = await fetch(`${t.httpUrl}/__local/faults`, {
    method: 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify({ kind: 'sendgrid.send', status: 500, count: 1 }),
  });
  expect(armed.status).toBe(201);
  expect(await (await fetch(`${t.httpUrl}/__local/faults`)).json()).toEqual([
    { kind: 'sendgrid.send', fault: { status: 500 }, remaining: 1 },
  ]);
  expect(((await rejection(sendgrid().request(mail()))) as { code: number }).code).toBe(500);
  expect(await (await fetch(`${t.httpUrl}/__local/faults`)).json()).toEqual([]);

  const bad = await fetch(`${t.httpUrl}/__local/faults`, {
    method: 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify({ kind: 'sendgrid.explode', status: 500 }),
  });
  expect(bad.status).toBe(400);
  expect(((await bad.json()) as { message: string }).message).toContain('known kinds: sendgrid.send');

  await fetch(`${t.httpUrl}/__local/faults`, {
    method: 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify({ kind: 'management.users.read', timeout: true, count: 3 }),
  });
  expect((await fetch(`${t.httpUrl}/__local/faults`, { method: 'DELETE' })).status).toBe(204);
  expect(t.faults.pending()).toEqual([]);
});

test('stats count Management API reads and writes per route, over HTTP too, and reset', async () => {
  const t = tenant();
  const client = management();
  await client.users.list({ per_page: 5 });
  t.stats.reset();
  const user = await client.users.create({
    connection: 'Username-Password-Authentication',
    email: 'stats@example.test',
    password: 'pw-123456',
  });
  await client.users.get(user.user_id as string);
  await client.users.update(user.user_id as string, { name: 'S' });
  const snapshot = t.stats.snapshot();
  expect(snapshot).toMatchObject({ reads: 1, writes: 2, tokens: 0 });
  expect(snapshot.byRoute).toEqual({
    'GET /api/v2/users/:id': 1,
    'PATCH /api/v2/users/:id': 1,
    'POST /api/v2/users': 1,
  });
  expect(await (await fetch(`${t.httpUrl}/__local/stats`)).json()).toEqual(snapshot);
  // A call to an endpoint the local tenant lacks is answered 404 and listed, so a test can prove none happened.
  expect((await fetch(`${t.httpsUrl}/api/v2/hooks`)).status).toBe(404);
  expect(t.stats.snapshot().unknown).toEqual({ 'GET /api/v2/hooks': 1 });
  expect((await fetch(`${t.httpUrl}/__local/stats/reset`, { method: 'POST', headers: JSON_HEADERS })).status).toBe(204);
  expect(t.stats.snapshot()).toEqual({ reads: 0, writes: 0, tokens: 0, byRoute: {}, unknown: {} });
});

test('test controls refuse a write a web page could send (no JSON content type), and any non-localhost Host', async () => {
  const t = tenant();
  const plain = await fetch(`${t.httpUrl}/__local/faults`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain' },
    body: JSON.stringify({ kind: 'sendgrid.send', status: 500 }),
  });
  expect(plain.status).toBe(415);
  expect(t.faults.pending()).toEqual([]);
  // A rebinding page reaches 127.0.0.1 under its own name.
  const { request } = await import('node:http');
  const status = await new Promise<number | undefined>((resolve, reject) => {
    const req = request(`${t.httpUrl}/outbox.json`, { headers: { host: 'attacker.example:80' } }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', reject);
    req.end();
  });
  expect(status).toBe(421);
});
