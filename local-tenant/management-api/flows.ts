// /api/v2/flows: the flows forms run (docs/platform-facts.md §3). A flow's list entry has no actions;
// GET /flows/:id has them (deploy-cli reads each flow by id for that reason).
import type { TenantContext } from '../surface';
import type { JsonObject } from '../state/types';
import { newFlowId } from '../shared/ids';
import { refuseUndocumentedFlow } from './documented-constructs';
import { auth0Error, payloadError } from './errors';
import { collectionRoutes } from './collection';
import { findReferences } from './references';
import type { ManagementResource } from './route';
import { FLOW_PROPERTIES } from './request-properties';
import { requireString } from './validation';

// docs/platform-facts.md §2: at most 500 flows per tenant.
export const MAX_FLOWS_PER_TENANT = 500;

/** Which vault connection app each action type needs. */
const APP_OF_ACTION_TYPE: Record<string, string> = { AUTH0: 'AUTH0', SENDGRID: 'SENDGRID', HTTP: 'HTTP' };

/**
 * Every connection_id must name an existing vault connection of the right app. Auth0's
 * behaviour for a dangling reference is undocumented. deploy-cli leaves a vault connection NAME
 * it cannot resolve in place (handlers/flows.js only logs it), so accepting it would let a
 * wrong tenant.yaml deploy "successfully" and fail only when a user's email change runs: the
 * local tenant refuses it loudly instead.
 */
function checkConnections(actions: unknown, flowName: string, context: TenantContext): void {
  for (const ref of findReferences(actions as JsonObject[], 'connection_id')) {
    const connection = context.store.state.vaultConnections.find((c) => c.connection.id === ref.value);
    if (!connection) {
      throw auth0Error(
        400,
        `Flow ${flowName}: actions.${ref.path} is ${JSON.stringify(ref.value)}, which is no vault connection of this tenant. ` +
          "Auth0's behaviour for this is undocumented; the local tenant refuses it so that a wrong reference fails at deploy, not when the flow runs.",
        'invalid_body',
      );
    }
  }
  // And each action that names a connection needs one of its own app (a SENDGRID action, a SENDGRID connection).
  const walk = (list: unknown): void => {
    if (!Array.isArray(list)) return;
    for (const action of list as JsonObject[]) {
      const params = (action?.params ?? {}) as JsonObject;
      const app = APP_OF_ACTION_TYPE[String(action?.type ?? '')];
      const id = params.connection_id;
      if (app && typeof id === 'string') {
        const connection = context.store.state.vaultConnections.find((c) => c.connection.id === id);
        if (connection && connection.connection.app_id !== app) {
          throw auth0Error(
            400,
            `Flow ${flowName}: action ${String(action.id)} (${String(action.type)}) needs a ${app} vault connection, ${id} is ${String(connection.connection.app_id)}.`,
            'invalid_body',
          );
        }
      }
      walk(params.then);
      walk(params.else);
    }
  };
  walk(actions);
}

function checkActions(actions: unknown): void {
  if (!Array.isArray(actions)) throw payloadError('Expected type array on property actions');
  const check = (list: unknown[], where: string): void => {
    list.forEach((action, i) => {
      const a = action as JsonObject;
      if (
        typeof a !== 'object' ||
        a === null ||
        typeof a.id !== 'string' ||
        typeof a.type !== 'string' ||
        typeof a.action !== 'string'
      ) {
        throw payloadError(`${where}.${i} needs id, type and action strings`);
      }
      const params = (a.params ?? {}) as JsonObject;
      if (Array.isArray(params.then)) check(params.then, `${where}.${i}.params.then`);
      if (Array.isArray(params.else)) check(params.else, `${where}.${i}.params.else`);
    });
  };
  check(actions, 'actions');
}

export const flowsResource: ManagementResource = (context) =>
  collectionRoutes(
    {
      path: '/api/v2/flows',
      scope: 'flows',
      idField: 'id',
      listKey: 'flows',
      items: (state) => state.flows,
      paging: { defaultPerPage: 50 },
      notFound: { message: 'The flow does not exist.', errorCode: 'not_found' },
      createProperties: FLOW_PROPERTIES,
      updateProperties: FLOW_PROPERTIES,
      limit: { max: MAX_FLOWS_PER_TENANT, what: 'flows' },
      listItem: ({ actions: _actions, ...lean }) => lean,
      create: (body) => {
        const name = requireString(body, 'name');
        const actions = body.actions ?? [];
        checkActions(actions);
        refuseUndocumentedFlow(name, actions);
        checkConnections(actions, name, context);
        const at = new Date(context.now()).toISOString();
        return { id: newFlowId(), name, actions, created_at: at, updated_at: at };
      },
      update: (flow, body) => {
        if (body.name !== undefined) requireString(body, 'name');
        const name = String(body.name ?? flow.name);
        if (body.actions !== undefined) {
          checkActions(body.actions);
          refuseUndocumentedFlow(name, body.actions);
          checkConnections(body.actions, name, context);
        }
        return { ...flow, ...body, updated_at: new Date(context.now()).toISOString() };
      },
      beforeDelete: (flow) => {
        const user = context.store.state.forms.find((f) =>
          findReferences(f, 'flow_id').some((r) => r.value === flow.id),
        );
        if (user)
          throw auth0Error(
            409,
            `Form ${String(user.name)} uses flow ${String(flow.id)}; change the form first.`,
            'in_use',
          );
      },
    },
    context,
  );
