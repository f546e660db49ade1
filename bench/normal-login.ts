// Measurement 1: what the Action costs on every login of the tenant. onExecutePostLogin of the
// BUILT bundle on a login without email_change, against the empty Action, both loaded with the
// local tenant's Actions runtime: (a) the handler alone, called in batches large enough that the
// timer's own cost vanishes, in ns per call; (b) one whole execution through the runtime
// (loadAction's onExecutePostLogin, as the login side runs it), in µs; (c) the properties the
// handler reads on the event and the api.
import { loadAction, type PostLoginEvent } from '../local-tenant/actions-runtime';
import { loadActionHandlers, type PostLoginHandler } from './lib/action-handlers';
import { interleave } from './lib/interleave';
import { median, medianRatio } from './lib/statistics';

export interface NormalLoginOptions {
  readonly bundleCode: string;
  readonly emptyCode: string;
  /** A login without email_change. */
  readonly event: PostLoginEvent;
  readonly rounds: number;
  /** A batch of handler calls lasts at least this long (for the faster variant). */
  readonly minBatchMs: number;
  /** Whole executions per sample of (b). */
  readonly executionsPerSample: number;
  /** How long both handlers run before the rounds start. */
  readonly warmUpMs: number;
}

export interface NormalLoginResult {
  readonly nsPerCall: number;
  readonly emptyNsPerCall: number;
  /** Median of the per-round ratios bundle / empty. */
  readonly ratio: number;
  readonly callsPerSample: number;
  readonly runtimeUsPerExecution: number;
  readonly emptyRuntimeUsPerExecution: number;
  readonly runtimeRatio: number;
  /** Properties of `event` the handler read, in order (a Proxy records each get). */
  readonly eventReads: readonly string[];
  readonly apiReads: number;
  readonly rounds: number;
}

/** ns per call of `calls` calls; every result is consumed and counted, so no call can be optimised away. */
function nsPerCall(handler: PostLoginHandler, event: unknown, api: unknown, calls: number): number {
  let consumed = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i += 1) {
    if (handler(event, api) !== undefined) consumed += 1;
  }
  const elapsed = Number(process.hrtime.bigint() - start);
  if (consumed !== calls)
    throw new Error(
      `onExecutePostLogin returned undefined ${calls - consumed} times: it must be async (return a promise)`,
    );
  return elapsed / calls;
}

/** Doubles the batch until the fastest handler's batch lasts minBatchMs. */
function calibrate(handler: PostLoginHandler, event: unknown, api: unknown, minBatchMs: number): number {
  let calls = 1_000;
  while (nsPerCall(handler, event, api, calls) * calls < minBatchMs * 1e6 && calls < 1e9) calls *= 2;
  return calls;
}

function watched(path: string, target: object, reads: string[]): object {
  return new Proxy(target, {
    get(object, property, receiver) {
      if (typeof property === 'symbol' || property === 'then') return Reflect.get(object, property, receiver);
      const at = `${path}.${property}`;
      reads.push(at);
      const value = Reflect.get(object, property, receiver);
      return typeof value === 'object' && value !== null ? watched(at, value, reads) : value;
    },
  });
}

export async function measureNormalLogin(options: NormalLoginOptions): Promise<NormalLoginResult> {
  const bundle = loadActionHandlers(options.bundleCode, { filename: 'email-change/code.js' });
  const empty = loadActionHandlers(options.emptyCode, { filename: 'empty-action.js' });
  const api = {};
  // Warm both up for a while, so that the rounds compare optimised code with optimised code.
  const warmUntil = Date.now() + options.warmUpMs;
  while (Date.now() < warmUntil) {
    nsPerCall(bundle.onExecutePostLogin, options.event, api, 10_000);
    nsPerCall(empty.onExecutePostLogin, options.event, api, 10_000);
  }
  const calls = calibrate(empty.onExecutePostLogin, options.event, api, options.minBatchMs);
  const handlerSamples = await interleave(options.rounds, [
    { name: 'bundle', sample: () => nsPerCall(bundle.onExecutePostLogin, options.event, api, calls) },
    { name: 'empty', sample: () => nsPerCall(empty.onExecutePostLogin, options.event, api, calls) },
  ]);

  const bundleRuntime = loadAction(options.bundleCode, { filename: 'email-change/code.js' });
  const emptyRuntime = loadAction(options.emptyCode, { filename: 'empty-action.js' });
  for (const [name, loaded] of [
    ['the bundle', bundleRuntime],
    ['the empty Action', emptyRuntime],
  ] as const) {
    const record = await loaded.onExecutePostLogin(options.event);
    if (record.error !== undefined || record.outcome !== 'continued') {
      throw new Error(
        `${name} did not simply continue a normal login (${record.outcome}${record.error ? `: ${record.error.message}` : ''}): the measurement would not be of the normal path`,
      );
    }
  }
  const executionUs = async (loaded: typeof bundleRuntime): Promise<number> => {
    const start = process.hrtime.bigint();
    for (let i = 0; i < options.executionsPerSample; i += 1) await loaded.onExecutePostLogin(options.event);
    return Number(process.hrtime.bigint() - start) / 1e3 / options.executionsPerSample;
  };
  const runtimeSamples = await interleave(options.rounds, [
    { name: 'bundle', sample: () => executionUs(bundleRuntime) },
    { name: 'empty', sample: () => executionUs(emptyRuntime) },
  ]);

  const eventReads: string[] = [];
  const apiReads: string[] = [];
  const probe = await loadAction(options.bundleCode, { filename: 'email-change/code.js' }).callWithApi(
    'onExecutePostLogin',
    watched('event', structuredClone(options.event), eventReads),
    watched('api', {}, apiReads),
  );
  if (probe.error !== undefined)
    throw new Error(`the normal login failed under the read probe: ${probe.error.message}`);

  return {
    nsPerCall: median(handlerSamples.bundle),
    emptyNsPerCall: median(handlerSamples.empty),
    ratio: medianRatio(handlerSamples.bundle, handlerSamples.empty),
    callsPerSample: calls,
    runtimeUsPerExecution: median(runtimeSamples.bundle),
    emptyRuntimeUsPerExecution: median(runtimeSamples.empty),
    runtimeRatio: medianRatio(runtimeSamples.bundle, runtimeSamples.empty),
    eventReads,
    apiReads: apiReads.length,
    rounds: options.rounds,
  };
}
