// /api/v2/flows/{flow_id}/executions: the executions the Forms runtime recorded
// (flow-executions/record-flow-execution.ts), newest first, in the shapes of the auth0 v7 SDK
// (ListFlowExecutionsPaginatedResponseContent {executions, next}, FlowExecutionSummary,
// GetFlowExecutionResponseContent with `debug` when asked with hydrate=debug). Scopes
// read:flows_executions and delete:flows_executions (docs api/management/v2/flows/get-flows-executions.mdx,
// get-flows-executions-by-execution-id.mdx, delete-flows-executions-by-execution-id.mdx).
import type { TenantContext } from '../surface';
import type { StoredFlowExecution, TenantState } from '../state/types';
import { auth0Error, queryError } from './errors';
import { MAX_PER_PAGE } from './pagination';
import { noContent, ok, type ManagementResource, type ManagementRequest } from './route';

// v7 ListFlowExecutionsRequestParameters: "Number of results per page. Defaults to 50."
const DEFAULT_TAKE = 50;

const summaryOf = ({ flow_id: _flow, debug: _debug, ...summary }: StoredFlowExecution) => summary;

function flowExists(state: TenantState, flowId: string): void {
  if (!state.flows.some((f) => f.id === flowId)) throw auth0Error(404, 'The flow does not exist.', 'not_found');
}

function executionsOf(state: TenantState, flowId: string): StoredFlowExecution[] {
  flowExists(state, flowId);
  return (state.flowExecutions ?? []).filter((e) => e.flow_id === flowId).reverse();
}

function findExecution(state: TenantState, request: ManagementRequest): StoredFlowExecution {
  const execution = executionsOf(state, request.params.flow_id as string).find(
    (e) => e.id === request.params.execution_id,
  );
  if (!execution) throw auth0Error(404, 'The flow execution does not exist.', 'not_found');
  return execution;
}

/**
 * Checkpoint paging as the SDK drives it: `take` items starting at the execution `from` names
 * (v7: "Optional Id from which to start selection"), and `next` while more remain (the SDK
 * stops when it is absent). An id, not a position, so that executions recorded between two
 * pages neither repeat nor skip one.
 */
function page(request: ManagementRequest, all: StoredFlowExecution[]): unknown {
  const rawTake = request.query.get('take');
  const take = rawTake === null ? DEFAULT_TAKE : Number(rawTake);
  if (!Number.isInteger(take) || take < 1 || take > MAX_PER_PAGE)
    throw queryError(`take must be between 1 and ${MAX_PER_PAGE}, got ${rawTake}`);
  const from = request.query.get('from');
  const start = from ? all.findIndex((e) => e.id === from) : 0;
  if (start < 0) throw queryError(`from is not an execution of this flow: ${from}`);
  const slice = all.slice(start, start + take).map(summaryOf);
  const next = all[start + take]?.id;
  const totals = request.query.get('include_totals');
  if (totals !== null && totals !== 'true' && totals !== 'false')
    throw queryError(`include_totals must be true or false, got ${totals}`);
  // The SDK always asks include_totals=true (its default) and reads {executions, next}.
  if (totals === 'false') return slice;
  return { executions: slice, ...(next ? { next } : {}) };
}

function hydrated(request: ManagementRequest): boolean {
  const asked = request.query.getAll('hydrate').flatMap((h) => h.split(','));
  const unknown = asked.filter((h) => h !== 'debug');
  if (unknown.length > 0) throw queryError(`hydrate can only be debug, got ${unknown.join(', ')}`);
  return asked.includes('debug');
}

export const flowExecutionsResource: ManagementResource = (context: TenantContext) => [
  {
    method: 'GET',
    pattern: '/api/v2/flows/:flow_id/executions',
    scopes: ['read:flows_executions'],
    handler: (request) => ok(page(request, executionsOf(context.store.state, request.params.flow_id as string))),
  },
  {
    method: 'GET',
    pattern: '/api/v2/flows/:flow_id/executions/:execution_id',
    scopes: ['read:flows_executions'],
    handler: (request) => {
      const { flow_id: _flow, debug, ...execution } = findExecution(context.store.state, request);
      return ok(structuredClone(hydrated(request) ? { ...execution, debug } : execution));
    },
  },
  {
    method: 'DELETE',
    pattern: '/api/v2/flows/:flow_id/executions/:execution_id',
    scopes: ['delete:flows_executions'],
    handler: (request) => {
      const { id } = findExecution(context.store.state, request);
      context.store.mutate((state) => {
        state.flowExecutions = (state.flowExecutions ?? []).filter((e) => e.id !== id);
      });
      return noContent();
    },
  },
];
