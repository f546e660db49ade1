// The exported handlers of an Action's code, loaded as the local tenant's Actions runtime loads
// it (local-tenant/actions-runtime/load-action.ts): in a vm context of its own with the runtime's
// globals and require, under the same CommonJS wrapper. The runtime itself wraps every execution
// in a timer, a vm timeout and a copy of the event, which cost microseconds; a per-call figure of
// the Action's own code needs the handler itself, called in a loop, and this gives it.
import vm from 'node:vm';
import { createActionGlobals } from '../../local-tenant/actions-runtime/action-globals';
import { createActionRequire, type RequireRecord } from '../../local-tenant/actions-runtime/action-require';

export type PostLoginHandler = (event: unknown, api: unknown) => unknown;

export interface ActionHandlers {
  readonly onExecutePostLogin: PostLoginHandler;
  readonly required: readonly RequireRecord[];
}

export function loadActionHandlers(
  code: string,
  options: { dependencies?: readonly string[]; filename: string },
): ActionHandlers {
  const required: RequireRecord[] = [];
  const context = vm.createContext(createActionGlobals(), { name: `bench ${options.filename}` });
  // The wrapper of load-action.ts, character for character.
  const wrapper = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${code}\n})`, {
    filename: options.filename,
  });
  const mod: { exports: Record<string, unknown> } = { exports: {} };
  const moduleFunction = wrapper.runInContext(context) as (...args: unknown[]) => void;
  moduleFunction(
    mod.exports,
    createActionRequire(options.dependencies ?? [], required),
    mod,
    `/${options.filename}`,
    '/',
  );
  const handler = mod.exports.onExecutePostLogin;
  if (typeof handler !== 'function')
    throw new Error(`${options.filename} does not export onExecutePostLogin: rebuild it with npm run build.`);
  return { onExecutePostLogin: handler as PostLoginHandler, required };
}
