// The globals an Action's code sees. Auth0 compiles Action code with vm.compileFunction in the
// realm of its Node 22 host (@auth0/actions src/_shared loader), so Node's globals are there:
// Web Crypto as `crypto`, `fetch`, Buffer, URL, timers. The local tenant runs the code in a
// context of its own with those globals, so that an Action cannot reach the tenant's state, and
// with `console` and `fetch` recording into the execution that is running (AsyncLocalStorage, as
// the SDK attributes logs). `process` is reduced to read-only facts: no env, no exit.
import { AsyncLocalStorage } from 'node:async_hooks';
import { atob, Buffer, btoa } from 'node:buffer';
import { webcrypto } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { clearImmediate, clearInterval, clearTimeout, setImmediate, setInterval, setTimeout } from 'node:timers';
import { URL, URLSearchParams } from 'node:url';
import { format, TextDecoder, TextEncoder } from 'node:util';
import { MAX_LOG_BYTES } from '../../platform/actions-limits';

export interface ExecutionScope {
  readonly logs: string[];
  logBytes: number;
  readonly fetched: string[];
}

export const executionScope = new AsyncLocalStorage<ExecutionScope>();

function record(args: unknown[]): void {
  const scope = executionScope.getStore();
  if (scope === undefined || scope.logBytes >= MAX_LOG_BYTES) return;
  let line = format(...args);
  const room = MAX_LOG_BYTES - scope.logBytes;
  if (Buffer.byteLength(line) > room) line = Buffer.from(line).subarray(0, room).toString('utf8');
  scope.logBytes += Buffer.byteLength(line);
  scope.logs.push(line);
}

const actionConsole = {
  log: (...args: unknown[]) => record(args),
  info: (...args: unknown[]) => record(args),
  warn: (...args: unknown[]) => record(args),
  error: (...args: unknown[]) => record(args),
  debug: (...args: unknown[]) => record(args),
};

function recordingFetch(input: string | URL | { url: string }, init?: unknown): Promise<unknown> {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  executionScope.getStore()?.fetched.push(url);
  const hostFetch = (globalThis as { fetch?: (input: unknown, init?: unknown) => Promise<unknown> }).fetch;
  if (hostFetch === undefined) return Promise.reject(new Error('fetch is not available in this Node.js'));
  return hostFetch(input, init);
}

const actionProcess = Object.freeze({
  env: Object.freeze({}),
  version: process.version,
  versions: Object.freeze({ ...process.versions }),
  platform: process.platform,
  nextTick: (callback: (...args: unknown[]) => void, ...args: unknown[]) => process.nextTick(callback, ...args),
});

export function createActionGlobals(): Record<string, unknown> {
  const host = globalThis as Record<string, unknown>;
  const globals: Record<string, unknown> = {
    console: actionConsole,
    crypto: webcrypto,
    fetch: recordingFetch,
    process: actionProcess,
    Buffer,
    URL,
    URLSearchParams,
    TextEncoder,
    TextDecoder,
    atob,
    btoa,
    performance,
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    setImmediate,
    clearImmediate,
    queueMicrotask,
  };
  for (const name of [
    'AbortController',
    'AbortSignal',
    'Headers',
    'Request',
    'Response',
    'FormData',
    'Blob',
    'structuredClone',
  ]) {
    if (host[name] !== undefined) globals[name] = host[name];
  }
  return globals;
}
