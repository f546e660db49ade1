// Loads a built post-login Action (its code.js text) as Auth0 runs it: CommonJS, one instance
// whose module-level code runs once, on the first execution, and is reused after (docs
// migrate-nodejs-22.mdx; the SDK loader initialises lazily so that its logs are captured). Each
// execution gets a fresh `api` that records what the Action asked for (post-login-api.ts) and is
// cut off after 20 s (limits.ts), the synchronous part included.
import { join } from 'node:path';
import vm from 'node:vm';
import { createActionGlobals, type ExecutionScope, executionScope } from './action-globals';
import { createActionRequire, type RequireRecord } from './action-require';
import { executionTimedOutMessage, MAX_EXECUTION_MS } from '../../platform/actions-limits';
import { createPostLoginApi, type TenantPlan } from './post-login-api';
import type { PostLoginEvent } from './post-login-event';
import { type PostLoginRecord, settleRecord } from './post-login-record';

export type PostLoginEntryPoint = 'onExecutePostLogin' | 'onContinuePostLogin';

export interface LoadActionOptions {
  /** npm packages the Action declares (tenant.yaml `dependencies`); others cannot be required. */
  readonly dependencies?: readonly string[];
  /** api.session.revoke works only on 'enterprise'. Default 'free'. */
  readonly plan?: TenantPlan;
  /** Per-execution time limit; Auth0's is 20 s. Tests pass a small one. */
  readonly timeoutMs?: number;
  /** Shown in stack traces. */
  readonly filename?: string;
}

export interface ExecuteOptions {
  readonly timeoutMs?: number;
}

/** What running an entry point with the caller's own `api` left behind. */
export interface RawExecution {
  readonly error?: { readonly message: string };
  readonly logs: readonly string[];
  readonly fetched: readonly string[];
}

export interface LoadedPostLoginAction {
  onExecutePostLogin(event: PostLoginEvent, options?: ExecuteOptions): Promise<PostLoginRecord>;
  onContinuePostLogin(event: PostLoginEvent, options?: ExecuteOptions): Promise<PostLoginRecord>;
  /** Runs an entry point with an event and api of the caller's making, untouched (e.g. Proxies that watch every read). */
  callWithApi(
    entryPoint: PostLoginEntryPoint,
    event: unknown,
    api: unknown,
    options?: ExecuteOptions,
  ): Promise<RawExecution>;
  /** Every module the code asked `require` for so far. */
  readonly required: readonly RequireRecord[];
}

class ExecutionTimeout extends Error {}

const INVOKE_GLOBAL = '__localTenantInvoke';
const invokeScript = new vm.Script(`${INVOKE_GLOBAL}()`, { filename: 'local-tenant-actions-runtime' });

function messageOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'message' in error
    ? String((error as Error).message)
    : String(error);
}

function isVmTimeout(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT'
  );
}

export function loadAction(code: string, options: LoadActionOptions = {}): LoadedPostLoginAction {
  const filename = options.filename ?? 'code.js';
  const plan = options.plan ?? 'free';
  const required: RequireRecord[] = [];
  const requireFn = createActionRequire(options.dependencies ?? [], required);
  const context = vm.createContext(createActionGlobals(), { name: `action ${filename}` });
  let wrapper: vm.Script;
  try {
    wrapper = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${code}\n})`, { filename });
  } catch (error) {
    // Refused when loaded, as Auth0 refuses to build an Action that does not parse.
    throw new Error(`${filename} is not valid JavaScript: ${messageOf(error)}. Rebuild it with npm run build.`, {
      cause: error,
    });
  }
  const mod: { exports: Record<string, unknown> } = { exports: {} };
  let initialised = false;
  let initError: unknown;

  /** Runs fn inside the context with the synchronous part cut off after timeoutMs. */
  function runBounded<T>(fn: () => T, timeoutMs: number): T {
    (context as Record<string, unknown>)[INVOKE_GLOBAL] = fn;
    try {
      return invokeScript.runInContext(context, { timeout: timeoutMs }) as T;
    } catch (error) {
      if (isVmTimeout(error)) throw new ExecutionTimeout(executionTimedOutMessage(timeoutMs));
      throw error;
    } finally {
      delete (context as Record<string, unknown>)[INVOKE_GLOBAL];
    }
  }

  function ensureInitialised(timeoutMs: number): void {
    if (!initialised) {
      initialised = true;
      try {
        const moduleFunction = wrapper.runInContext(context) as (...args: unknown[]) => void;
        runBounded(() => moduleFunction(mod.exports, requireFn, mod, join('/', filename), '/'), timeoutMs);
      } catch (error) {
        initError = error;
      }
    }
    // A module that failed to initialise fails every execution, not just the first (as the SDK loader does).
    if (initError !== undefined) throw initError;
  }

  async function run(entryPoint: PostLoginEntryPoint, event: unknown, api: unknown, timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ExecutionTimeout(executionTimedOutMessage(timeoutMs))), timeoutMs);
    });
    try {
      ensureInitialised(timeoutMs);
      const handler = mod.exports[entryPoint];
      if (typeof handler !== 'function') throw new Error(`The Action does not export ${entryPoint}.`);
      const result = runBounded(() => (handler as (e: unknown, a: unknown) => unknown)(event, api), timeoutMs);
      await Promise.race([Promise.resolve(result), timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }

  async function executeRecorded(
    entryPoint: PostLoginEntryPoint,
    event: PostLoginEvent,
    executeOptions?: ExecuteOptions,
  ): Promise<PostLoginRecord> {
    const scope: ExecutionScope = { logs: [], logBytes: 0, fetched: [] };
    return executionScope.run(scope, async () => {
      // The Action gets its own copy: what it does to the event never leaks back to the caller.
      const ownEvent = JSON.parse(JSON.stringify(event)) as PostLoginEvent;
      const record: PostLoginRecord = {
        outcome: 'continued',
        transactionMetadata: { ...(ownEvent.transaction?.metadata ?? {}) },
        appMetadata: {},
        userMetadata: {},
        logs: scope.logs,
        required: [],
        fetched: scope.fetched,
      };
      const api = createPostLoginApi(ownEvent, record, { plan });
      try {
        await run(entryPoint, ownEvent, api, executeOptions?.timeoutMs ?? options.timeoutMs ?? MAX_EXECUTION_MS);
      } catch (error) {
        record.error ??= { message: messageOf(error) };
      }
      return settleRecord({ ...record, required: [...required] });
    });
  }

  return {
    onExecutePostLogin: (event, executeOptions) => executeRecorded('onExecutePostLogin', event, executeOptions),
    onContinuePostLogin: (event, executeOptions) => executeRecorded('onContinuePostLogin', event, executeOptions),
    async callWithApi(entryPoint, event, api, executeOptions) {
      const scope: ExecutionScope = { logs: [], logBytes: 0, fetched: [] };
      return executionScope.run(scope, async () => {
        try {
          await run(entryPoint, event, api, executeOptions?.timeoutMs ?? options.timeoutMs ?? MAX_EXECUTION_MS);
          return { logs: scope.logs, fetched: scope.fetched };
        } catch (error) {
          return { error: { message: messageOf(error) }, logs: scope.logs, fetched: scope.fetched };
        }
      });
    },
    required,
  };
}
