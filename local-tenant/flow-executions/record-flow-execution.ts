// The local tenant's Flow executions: each flow execution the Forms runtime ends is stored (the
// latest MAX_FLOW_EXECUTIONS_PER_TENANT, oldest dropped first) and printed as one line on the
// tenant's terminal. Auth0 "stores an entry that you can use to debug the execution" with each
// action's input, output and error (docs customize/forms/flows/flow-execution-and-debugger.mdx);
// the Management API serves them (management-api/flow-executions.ts). `debug` is untyped in the
// auth0 SDK (FlowExecutionDebug = Record<string, unknown>): its shape here is the local tenant's own.
import type { FlowExecutionReport } from '../forms-runtime';
import { newFlowExecutionId, newTraceId } from '../shared/ids';
import type { Json, JsonObject, StoredFlowExecution } from '../state/types';
import type { TenantContext } from '../surface';
import { flowExecutionLine } from '../state/terminal-lines';

/** The local tenant's bound on stored executions (Auth0 documents no retention for them). */
export const MAX_FLOW_EXECUTIONS_PER_TENANT = 1000;

/** The record, as stored and served: no secret in it, masked outputs masked (the Forms runtime masks them). */
export function storedExecutionOf(report: FlowExecutionReport, flowId: string): StoredFlowExecution {
  const { outcome } = report;
  const failing = outcome.kind === 'failed' ? report.actions.findLast((a) => a.outcome === 'failed') : undefined;
  const debug: JsonObject = {
    flow: { id: flowId, name: report.flow.name },
    user: {
      ...(report.user.user_id ? { user_id: report.user.user_id } : {}),
      ...(report.user.email ? { email: report.user.email } : {}),
    },
    outcome: outcome.kind,
    ...(outcome.kind === 'error-message'
      ? { message: outcome.message, message_action_id: report.actions.at(-1)?.action_id ?? null }
      : {}),
    ...(outcome.kind === 'failed'
      ? { error: { ...(failing ? { action_id: failing.action_id } : {}), message: failing?.error ?? outcome.reason } }
      : {}),
    actions: report.actions.map((a) => ({
      id: a.action_id,
      action: a.action,
      status: a.outcome,
      at: a.at,
      ...(a.output === undefined ? {} : { output: toJson(a.output) }),
      ...(a.error === undefined ? {} : { error: a.error }),
    })),
  };
  return {
    flow_id: flowId,
    id: newFlowExecutionId(),
    trace_id: newTraceId(),
    journey_id: report.journeyId,
    // "Completed: The execution finished without internal errors" (flow-execution-and-debugger.mdx):
    // a flow that ends in FLOW/ERROR_MESSAGE completed. UNCONFIRMED: the API's exact status words.
    status: outcome.kind === 'failed' ? 'failed' : 'completed',
    created_at: report.startedAt,
    updated_at: report.endedAt,
    started_at: report.startedAt,
    ended_at: report.endedAt,
    debug,
  };
}

/** Values as JSON keeps them (undefined dropped), so the stored record is what the API serves. */
function toJson(value: unknown): Json {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as Json);
}

/** Stores the execution and prints its line. A flow the tenant does not hold (no id) is not recorded. */
export function recordFlowExecution(context: TenantContext, report: FlowExecutionReport): void {
  const flowId = report.flow.id;
  if (flowId === undefined) return;
  const execution = storedExecutionOf(report, flowId);
  context.store.mutate((state) => {
    const list = (state.flowExecutions ??= []);
    list.push(execution);
    if (list.length > MAX_FLOW_EXECUTIONS_PER_TENANT) list.splice(0, list.length - MAX_FLOW_EXECUTIONS_PER_TENANT);
  });
  context.log(flowExecutionLine(execution));
}
