// /api/v2/actions/triggers and their bindings. PATCH .../bindings REPLACES the whole list of the
// trigger (docs/platform-facts.md §5), in the order given: that order is the execution order.
import type { JsonObject, TriggerBinding } from '../state/types';
import { newUuid } from '../shared/ids';
import { auth0Error, payloadError } from './errors';
import { pageOf } from './pagination';
import { ok, type ManagementResource } from './route';
import { expectObject } from './validation';

// docs/platform-facts.md §1: at most 20 actions bound per trigger.
export const MAX_BINDINGS_PER_TRIGGER = 20;

/** The triggers the local tenant knows (ids and current versions as the docs list them). */
export const TRIGGERS = [
  { id: 'post-login', version: 'v3' },
  { id: 'credentials-exchange', version: 'v2' },
  { id: 'pre-user-registration', version: 'v2' },
  { id: 'post-user-registration', version: 'v2' },
  { id: 'post-change-password', version: 'v2' },
  { id: 'send-phone-message', version: 'v2' },
  { id: 'password-reset-post-challenge', version: 'v1' },
] as const;

export const triggersResource: ManagementResource = (context) => [
  {
    method: 'GET',
    pattern: '/api/v2/actions/triggers',
    scopes: ['read:actions'],
    handler: () =>
      ok({
        triggers: TRIGGERS.map((t) => ({
          ...t,
          status: 'CURRENT',
          runtimes: ['node18', 'node22'],
          default_runtime: 'node22',
          compatible_triggers: [],
        })),
      }),
  },
  {
    method: 'GET',
    pattern: '/api/v2/actions/triggers/:triggerId/bindings',
    scopes: ['read:actions'],
    handler: (request) => {
      const triggerId = request.params.triggerId as string;
      if (!TRIGGERS.some((t) => t.id === triggerId))
        throw auth0Error(404, `Trigger ${triggerId} does not exist.`, 'not_found');
      const query = new URLSearchParams(request.query);
      query.set('include_totals', 'true');
      const bindings = structuredClone(context.store.state.triggerBindings[triggerId] ?? []);
      return ok(pageOf(bindings, query, 'bindings', { defaultPerPage: 50, totalsShape: 'page-per-page' }));
    },
  },
  {
    method: 'PATCH',
    pattern: '/api/v2/actions/triggers/:triggerId/bindings',
    scopes: ['update:actions'],
    handler: (request) => {
      const triggerId = request.params.triggerId as string;
      if (!TRIGGERS.some((t) => t.id === triggerId))
        throw auth0Error(404, `Trigger ${triggerId} does not exist.`, 'not_found');
      const body = expectObject(request.body, ['bindings']);
      if (!Array.isArray(body.bindings)) throw payloadError('Missing required property: bindings');
      if (body.bindings.length > MAX_BINDINGS_PER_TRIGGER) {
        throw auth0Error(
          400,
          `A trigger may have at most ${MAX_BINDINGS_PER_TRIGGER} bound actions; ${body.bindings.length} were given.`,
          'invalid_body',
        );
      }
      const at = new Date(context.now()).toISOString();
      const state = context.store.state;
      const bindings: TriggerBinding[] = (body.bindings as JsonObject[]).map((binding) => {
        const ref = binding?.ref as JsonObject | undefined;
        if (!ref || (ref.type !== 'action_name' && ref.type !== 'action_id') || typeof ref.value !== 'string') {
          throw payloadError('Each binding needs ref {type: "action_name" | "action_id", value}');
        }
        const stored = state.actions.find(
          (a) => (ref.type === 'action_name' ? a.action.name : a.action.id) === ref.value,
        );
        if (!stored) throw auth0Error(404, `No action with ${String(ref.type)} ${ref.value}.`, 'not_found');
        const supports = ((stored.action.supported_triggers as JsonObject[]) ?? []).some((t) => t.id === triggerId);
        if (!supports)
          throw auth0Error(400, `Action ${stored.action.name} does not support trigger ${triggerId}.`, 'invalid_body');
        // Only a deployed version runs: binding an action that was never deployed is refused.
        if (!stored.versions.some((v) => v.deployed === true)) {
          throw auth0Error(
            400,
            `Action ${stored.action.name} has no deployed version to bind; deploy it first.`,
            'invalid_body',
          );
        }
        const previous = (state.triggerBindings[triggerId] ?? []).find((b) => b.action.id === stored.action.id);
        return {
          id: previous?.id ?? newUuid(),
          trigger_id: triggerId,
          display_name: typeof binding.display_name === 'string' ? binding.display_name : stored.action.name,
          action: {
            id: stored.action.id,
            name: stored.action.name,
            supported_triggers: stored.action.supported_triggers as JsonObject[],
          },
          created_at: previous?.created_at ?? at,
          updated_at: at,
        };
      });
      context.store.mutate((s) => {
        s.triggerBindings[triggerId] = bindings;
      });
      return ok({ bindings: structuredClone(bindings) });
    },
  },
];
