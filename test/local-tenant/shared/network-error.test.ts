// Network failures in words: real failures from Node's fetch (undici) and from node:https (what
// axios and @sendgrid/client use), each named with what to do.
import { createServer as createHttpsServer } from 'node:https';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { request } from 'node:https';
import { generate } from 'selfsigned';
import { describeNetworkError, networkErrorOf } from '../../../local-tenant/shared/network-error';

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('the request did not fail');
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function listening(server: Server | ReturnType<typeof createHttpsServer>): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

test('connection refused on localhost: the local tenant is not running, start it', async () => {
  const port = await freePort();
  const error = await failureOf(fetch(`https://localhost:${port}/api/v2/users`));
  expect(String(error)).toContain('fetch failed');
  expect(networkErrorOf(error)).toMatchObject({ kind: 'refused', code: 'ECONNREFUSED' });
  expect(describeNetworkError(error, `localhost:${port}`)).toBe(
    `connection refused by localhost:${port}: nothing is listening there. The local tenant is not running: start it with npm start (or npm run local-tenant) and try again.`,
  );
});

test('an unknown host: check AUTH0_DOMAIN', async () => {
  const error = await failureOf(fetch('https://no-such-tenant.invalid/api/v2/users'));
  expect(networkErrorOf(error)?.kind).toBe('unknown-host');
  expect(describeNetworkError(error)).toContain('unknown host no-such-tenant.invalid');
  expect(describeNetworkError(error)).toContain('Check AUTH0_DOMAIN');
});

test('an untrusted certificate, from fetch and from node:https: how to trust the local tenant', async () => {
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], { keyType: 'ec', curve: 'P-256' } as never);
  const server = createHttpsServer({ key: pems.private, cert: pems.cert }, (_req, res) => res.end('{}'));
  const port = await listening(server);
  try {
    const fromFetch = await failureOf(fetch(`https://localhost:${port}/`));
    expect(networkErrorOf(fromFetch)?.kind).toBe('untrusted-certificate');
    expect(describeNetworkError(fromFetch, `localhost:${port}`)).toContain('. .local-tenant/env');
    const fromHttps = await failureOf(
      new Promise((resolve, reject) =>
        request(`https://localhost:${port}/`, (res) => resolve(res.statusCode))
          .on('error', reject)
          .end(),
      ),
    );
    expect(networkErrorOf(fromHttps)?.kind).toBe('untrusted-certificate');
  } finally {
    server.close();
  }
});

test('a connection closed before the answer, and a server that never answers', async () => {
  const resetting = createServer((socket) => socket.destroy());
  const silent = createServer(() => undefined);
  const [resetPort, silentPort] = [await listening(resetting), await listening(silent)];
  try {
    const reset = await failureOf(fetch(`http://127.0.0.1:${resetPort}/`));
    expect(networkErrorOf(reset)?.kind).toBe('reset');
    const timeout = await failureOf(fetch(`http://127.0.0.1:${silentPort}/`, { signal: AbortSignal.timeout(200) }));
    expect(networkErrorOf(timeout)?.kind).toBe('timeout');
    expect(describeNetworkError(timeout, 'the tenant')).toBe(
      'the tenant did not answer in time. Try again; check the address and the network.',
    );
  } finally {
    resetting.close();
    silent.close();
  }
});

test('anything else is not a network error and keeps its message', () => {
  expect(networkErrorOf(new Error('The specified new email already exists'))).toBeUndefined();
  expect(describeNetworkError(new Error('boom'))).toBe('boom');
});
