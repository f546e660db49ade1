// Reading one flow execution as GET /api/v2/flows/{id}/executions/{execution_id}?hydrate=debug
// returns it. The summary fields are typed by the auth0 v7 SDK; `debug` is not
// (FlowExecutionDebug = Record<string, unknown>), so it is read leniently: the local tenant's
// shape ({user, error, message, actions: [{id, action, status, output?, error?}]}) where present,
// and "unknown" / "not shown" where a tenant writes something else. Pure: no network here.
import { FLOW_VARS } from '../../../forms/journey-vars';
import type { ObservedAction } from './relied-readings';

export interface FlowExecutionDetails {
  readonly id: string;
  readonly trace_id: string;
  readonly journey_id?: string;
  readonly status: string;
  readonly created_at: string;
  readonly ended_at?: string;
  readonly debug?: Record<string, unknown>;
}

export interface DescribedExecution {
  readonly id: string;
  /** "send-code", "resend-code" or "verify-code". */
  readonly flow: string;
  readonly at: string;
  readonly status: string;
  readonly journeyId?: string;
  readonly traceId: string;
  readonly user?: { readonly email?: string; readonly user_id?: string };
  /** For a failed execution: the failing action and its cause, when the details name them. */
  readonly failure?: { readonly actionId?: string; readonly cause: string };
  /**
   * What the page showed: the FLOW/ERROR_MESSAGE that ended the execution, or else the notice the
   * execution stored for the code step (vars.code_notice: a wrong code ends the flow normally and
   * the form shows the code step again with it).
   */
  readonly message?: string;
  /** The actions the details show; undefined when the details have no list this command reads. */
  readonly actions?: readonly ObservedAction[];
  /** The top-level keys of debug, to say what a tenant shows when its shape is not this one. */
  readonly debugKeys: readonly string[];
}

type Definitions = ReadonlyMap<string, ObservedAction['definition']>;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** Every action of a flow definition by id, then/else branches included. */
export function actionDefinitions(actions: unknown): Map<string, ObservedAction['definition']> {
  const found = new Map<string, ObservedAction['definition']>();
  const walk = (list: unknown): void => {
    if (!Array.isArray(list)) return;
    for (const action of list) {
      if (!isObject(action) || typeof action.id !== 'string') continue;
      const params = isObject(action.params) ? action.params : {};
      found.set(action.id, {
        params,
        ...(action.mask_output === true ? { mask_output: true } : {}),
        ...(action.allow_failure === true ? { allow_failure: true } : {}),
      });
      walk(params.then);
      walk(params.else);
    }
  };
  walk(actions);
  return found;
}

function observedActions(
  debug: Record<string, unknown>,
  definitions: Definitions,
  journeyId: string | undefined,
): ObservedAction[] | undefined {
  if (!Array.isArray(debug.actions)) return undefined;
  return debug.actions.filter(isObject).flatMap((a) => {
    const id = text(a.id);
    const action = text(a.action) ?? (text(a.type) && text(a.action_type) ? `${a.type}/${a.action_type}` : undefined);
    if (!id || !action) return [];
    const definition = definitions.get(id);
    return [
      {
        id,
        action,
        ...(text(a.status) ? { status: a.status as string } : {}),
        hasOutput: 'output' in a,
        ...('output' in a ? { output: a.output } : {}),
        ...(definition ? { definition } : {}),
        ...(journeyId ? { journeyId } : {}),
      },
    ];
  });
}

/** The last code-step notice a completed execution stored (STORE_VARS vars.code_notice), when not empty. */
function storedNotice(actions: readonly ObservedAction[] | undefined): string | undefined {
  const stored = (actions ?? [])
    .filter(
      (a) =>
        a.action === 'FLOW/STORE_VARS' &&
        a.status !== 'failed' &&
        isObject(a.output) &&
        FLOW_VARS.codeNotice in a.output,
    )
    .map((a) => (a.output as Record<string, unknown>)[FLOW_VARS.codeNotice]);
  const notice = text(stored.at(-1));
  // A masked value (███) says nothing a person can read.
  return notice !== undefined && !/^[█*]+$/.test(notice) ? notice : undefined;
}

export function describeExecution(
  execution: FlowExecutionDetails,
  flow: string,
  definitions: Definitions = new Map(),
): DescribedExecution {
  const debug = isObject(execution.debug) ? execution.debug : {};
  const user = isObject(debug.user)
    ? {
        ...(text(debug.user.email) ? { email: debug.user.email as string } : {}),
        ...(text(debug.user.user_id) ? { user_id: debug.user.user_id as string } : {}),
      }
    : undefined;
  const error = isObject(debug.error) ? debug.error : undefined;
  const actions = observedActions(debug, definitions, execution.journey_id);
  const cause = text(error?.message) ?? (typeof debug.error === 'string' ? debug.error : undefined);
  const message = text(debug.message) ?? (execution.status === 'failed' ? undefined : storedNotice(actions));
  return {
    id: execution.id,
    flow,
    at: execution.ended_at ?? execution.created_at,
    status: execution.status,
    ...(execution.journey_id ? { journeyId: execution.journey_id } : {}),
    traceId: execution.trace_id,
    ...(user && Object.keys(user).length > 0 ? { user } : {}),
    ...(execution.status === 'failed'
      ? {
          failure: {
            ...(text(error?.action_id) ? { actionId: error?.action_id as string } : {}),
            cause: cause ?? 'no cause in the details',
          },
        }
      : {}),
    ...(message ? { message } : {}),
    ...(actions ? { actions } : {}),
    debugKeys: Object.keys(debug),
  };
}

/** Whether `who` (an email, any case, or a user id) is this execution's user. */
export function isUser(execution: DescribedExecution, who: string): boolean {
  return execution.user?.email?.toLowerCase() === who.toLowerCase() || execution.user?.user_id === who;
}

/** One line: time, flow, user, status, and the failing action and its cause (or the message shown). */
export function executionLine(e: DescribedExecution): string {
  const time = `${e.at.slice(0, 10)} ${e.at.slice(11, 19)}Z`;
  const who = e.user?.email ?? e.user?.user_id ?? 'unknown user';
  const tail = e.failure
    ? `  at ${e.failure.actionId ?? 'an action the details do not name'}: ${e.failure.cause}`
    : e.message
      ? `  showed ${JSON.stringify(e.message)}`
      : '';
  return `${time}  ${e.flow.padEnd(11)}  ${who}  ${e.status}${tail}`;
}
