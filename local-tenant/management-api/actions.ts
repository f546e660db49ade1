// /api/v2/actions: actions, their build, deploy and versions. An action is "pending" after a
// create or an update until its build finishes (actionBuildMs later), and only a built action
// can be deployed; a deploy makes a new numbered version, which is what a trigger runs.
import type { TenantContext } from '../surface';
import type { Json, JsonObject, StoredAction, StoredActionVersion, TenantState } from '../state/types';
import { newUuid } from '../shared/ids';
import { auth0Error, payloadError, queryError } from './errors';
import { pageOf } from './pagination';
import { noContent, ok, type ManagementResource, type ManagementRoute } from './route';
import { ACTION_CREATE, ACTION_UPDATE } from './request-properties';
import { TRIGGERS } from './triggers';
import { expectObject, requireString } from './validation';
import { MAX_ACTION_CODE_BYTES } from '../../platform/actions-limits';

// docs/platform-facts.md §1 (docs limitations.mdx, entity-limit-policy.mdx).
export const MAX_ACTION_DEPENDENCIES = 10;
export const MAX_ACTION_SECRETS = 30;
export const MAX_ACTION_SECRET_VALUE_CHARS = 4096;
export const ACTION_RUNTIMES = ['node12', 'node16', 'node18', 'node18-actions', 'node22'];

const NOT_FOUND = { message: 'The action does not exist.', errorCode: 'not_found' };

/** The action as the API shows it: status from the build clock, secrets without values. */
export function flattenAction(stored: StoredAction, nowMs: number): JsonObject {
  const built = nowMs >= stored.builtAt;
  const deployed = stored.versions.find((v) => v.deployed === true);
  return structuredClone({
    ...stored.action,
    status: built ? 'built' : 'pending',
    ...(deployed ? { deployed_version: deployed } : {}),
  }) as JsonObject;
}

function findAction(state: TenantState, id: string): StoredAction {
  const action = state.actions.find((a) => a.action.id === id);
  if (!action) throw auth0Error(404, NOT_FOUND.message, NOT_FOUND.errorCode);
  return action;
}

interface CheckedAction {
  fields: JsonObject;
  secretValues?: Record<string, string>;
}

/** `body[property]`, which must be a list of at most `max` items (Auth0's limits on an Action). */
function listOfAtMost(body: JsonObject, property: 'dependencies' | 'secrets', max: number): Json[] {
  const list = body[property];
  if (!Array.isArray(list)) throw payloadError(`Expected type array on property ${property}`);
  if (list.length > max) {
    throw auth0Error(
      400,
      `An action may have at most ${max} ${property}; this one has ${list.length}.`,
      'invalid_body',
    );
  }
  return list;
}

function checkAction(body: JsonObject, creating: boolean): CheckedAction {
  const fields: JsonObject = {};
  if (creating || body.name !== undefined) fields.name = requireString(body, 'name');
  if (creating || body.supported_triggers !== undefined) {
    const triggers = body.supported_triggers;
    if (!Array.isArray(triggers) || triggers.length === 0)
      throw payloadError('Missing required property: supported_triggers');
    for (const trigger of triggers as JsonObject[]) {
      const known = TRIGGERS.find((t) => t.id === trigger?.id);
      if (!known) throw payloadError(`No enum match for: "${String(trigger?.id)}" on property supported_triggers.id`);
      if (trigger.version !== undefined && trigger.version !== known.version) {
        throw auth0Error(
          400,
          `The local tenant implements trigger ${known.id} at version ${known.version}, not ${String(trigger.version)}.`,
          'invalid_body',
        );
      }
    }
    fields.supported_triggers = triggers as Json;
  }
  if (body.code !== undefined) {
    if (typeof body.code !== 'string') throw payloadError('Expected type string on property code');
    if (Buffer.byteLength(body.code) > MAX_ACTION_CODE_BYTES) {
      throw auth0Error(
        400,
        `Action code is ${Buffer.byteLength(body.code)} bytes; Auth0 accepts at most ${MAX_ACTION_CODE_BYTES} bytes.`,
        'invalid_body',
      );
    }
    fields.code = body.code;
  } else if (creating) {
    fields.code = '';
  }
  if (body.runtime !== undefined) {
    if (!ACTION_RUNTIMES.includes(String(body.runtime)))
      throw payloadError(`No enum match for: "${String(body.runtime)}" on property runtime`);
    fields.runtime = body.runtime;
  } else if (creating) {
    fields.runtime = 'node22';
  }
  if (body.dependencies !== undefined) {
    fields.dependencies = listOfAtMost(body, 'dependencies', MAX_ACTION_DEPENDENCIES);
  } else if (creating) {
    fields.dependencies = [];
  }
  if (body.modules !== undefined) fields.modules = body.modules;
  let secretValues: Record<string, string> | undefined;
  if (body.secrets !== undefined) {
    const secrets = listOfAtMost(body, 'secrets', MAX_ACTION_SECRETS);
    secretValues = {};
    for (const secret of secrets as JsonObject[]) {
      if (typeof secret?.name !== 'string' || secret.name === '')
        throw payloadError('Missing required property: secrets.name');
      const value = secret.value === undefined ? '' : secret.value;
      if (typeof value !== 'string')
        throw payloadError(`Expected type string on property secrets.value of ${secret.name}`);
      if (value.length > MAX_ACTION_SECRET_VALUE_CHARS) {
        throw auth0Error(
          400,
          `Secret ${secret.name} is ${value.length} characters; Auth0 accepts at most ${MAX_ACTION_SECRET_VALUE_CHARS}.`,
          'invalid_body',
        );
      }
      secretValues[secret.name] = value;
    }
  }
  return { fields, ...(secretValues ? { secretValues } : {}) };
}

const secretList = (values: Record<string, string>, updatedAt: string): Json =>
  Object.keys(values).map((name) => ({ name, updated_at: updatedAt }));

function deploy(context: TenantContext, id: string): StoredActionVersion {
  const now = context.now();
  const current = findAction(context.store.state, id);
  if (now < current.builtAt) {
    // deploy-cli (handlers/actions.js) retries a deploy while the message says the action "must be
    // in the 'built' state"; Auth0's full wording is not documented.
    throw auth0Error(
      400,
      `An action must be in the 'built' state before it can be deployed; action ${id} is still pending.`,
      'invalid_body',
    );
  }
  return context.store.mutate((state) => {
    const stored = findAction(state, id);
    const at = new Date(now).toISOString();
    for (const v of stored.versions) v.deployed = false;
    const { id: actionId, name, supported_triggers, created_at } = stored.action;
    const version: StoredActionVersion = {
      id: newUuid(),
      action_id: actionId,
      number: stored.versions.length + 1,
      code: stored.action.code as Json,
      dependencies: stored.action.dependencies as Json,
      runtime: stored.action.runtime as Json,
      secrets: secretList(stored.secretValues, at),
      supported_triggers: supported_triggers as Json,
      deployed: true,
      status: 'built',
      created_at: at,
      updated_at: at,
      action: {
        id: actionId,
        name,
        supported_triggers: supported_triggers as Json,
        all_changes_deployed: true,
        created_at: created_at as Json,
        updated_at: at,
      },
    };
    stored.versions.push(version);
    stored.versionSecretValues[version.id] = { ...stored.secretValues };
    stored.action.all_changes_deployed = true;
    stored.action.updated_at = at;
    return structuredClone(version);
  });
}

export const actionsResource: ManagementResource = (context) => {
  const flatten = (a: StoredAction) => flattenAction(a, context.now());
  const routes: ManagementRoute[] = [
    {
      method: 'GET',
      pattern: '/api/v2/actions/actions',
      scopes: ['read:actions'],
      handler: (request) => {
        // deploy-cli (handlers/actions.js): the actions list refuses include_totals.
        if (request.query.has('include_totals')) throw queryError('Additional properties not allowed: include_totals');
        const name = request.query.get('actionName');
        const trigger = request.query.get('triggerId');
        const deployed = request.query.get('deployed');
        const actions = context.store.state.actions.filter(
          (a) =>
            (name === null || a.action.name === name) &&
            (trigger === null || ((a.action.supported_triggers as JsonObject[]) ?? []).some((t) => t.id === trigger)) &&
            (deployed === null || String(a.versions.some((v) => v.deployed === true)) === deployed),
        );
        const query = new URLSearchParams(request.query);
        query.set('include_totals', 'true');
        return ok(pageOf(actions.map(flatten), query, 'actions', { defaultPerPage: 50, totalsShape: 'page-per-page' }));
      },
    },
    {
      method: 'GET',
      pattern: '/api/v2/actions/actions/:id',
      scopes: ['read:actions'],
      handler: (request) => ok(flatten(findAction(context.store.state, request.params.id as string))),
    },
    {
      method: 'POST',
      pattern: '/api/v2/actions/actions',
      scopes: ['create:actions'],
      handler: (request) => {
        const body = expectObject(request.body, ACTION_CREATE);
        const { fields, secretValues = {} } = checkAction(body, true);
        if (context.store.state.actions.some((a) => a.action.name === fields.name)) {
          throw auth0Error(409, `An action named ${String(fields.name)} already exists.`, 'already_exists');
        }
        const at = new Date(context.now()).toISOString();
        const stored: StoredAction = {
          action: {
            ...fields,
            id: newUuid(),
            name: fields.name as string,
            secrets: secretList(secretValues, at),
            all_changes_deployed: false,
            created_at: at,
            updated_at: at,
          },
          secretValues,
          builtAt: context.now() + context.actionBuildMs,
          versions: [],
          versionSecretValues: {},
        };
        context.store.mutate((state) => state.actions.push(stored));
        if (body.deploy === true && context.actionBuildMs === 0) deploy(context, stored.action.id);
        return ok(flatten(findAction(context.store.state, stored.action.id)), 201);
      },
    },
    {
      method: 'PATCH',
      pattern: '/api/v2/actions/actions/:id',
      scopes: ['update:actions'],
      handler: (request) => {
        const body = expectObject(request.body, ACTION_UPDATE);
        const id = request.params.id as string;
        findAction(context.store.state, id);
        const { fields, secretValues } = checkAction(body, false);
        if (
          fields.name !== undefined &&
          context.store.state.actions.some((a) => a.action.id !== id && a.action.name === fields.name)
        ) {
          throw auth0Error(409, `An action named ${String(fields.name)} already exists.`, 'already_exists');
        }
        const updated = context.store.mutate((state) => {
          const stored = findAction(state, id);
          const at = new Date(context.now()).toISOString();
          Object.assign(stored.action, fields, { updated_at: at, all_changes_deployed: false });
          if (secretValues) {
            stored.secretValues = secretValues;
            stored.action.secrets = secretList(secretValues, at);
          }
          stored.builtAt = context.now() + context.actionBuildMs;
          return stored;
        });
        return ok(flatten(updated));
      },
    },
    {
      method: 'DELETE',
      pattern: '/api/v2/actions/actions/:id',
      scopes: ['delete:actions'],
      handler: (request) => {
        const id = request.params.id as string;
        findAction(context.store.state, id);
        const bound = Object.values(context.store.state.triggerBindings).some((list) =>
          list.some((b) => b.action.id === id),
        );
        if (bound && request.query.get('force') !== 'true') {
          throw auth0Error(
            400,
            `Action ${id} is bound to a trigger; unbind it first or delete with force=true.`,
            'invalid_body',
          );
        }
        context.store.mutate((state) => {
          state.actions = state.actions.filter((a) => a.action.id !== id);
          for (const trigger of Object.keys(state.triggerBindings)) {
            state.triggerBindings[trigger] = (state.triggerBindings[trigger] ?? []).filter((b) => b.action.id !== id);
          }
        });
        return noContent();
      },
    },
    {
      method: 'POST',
      pattern: '/api/v2/actions/actions/:id/deploy',
      scopes: ['create:actions'],
      handler: (request) => ok(deploy(context, request.params.id as string), 202),
    },
    {
      method: 'GET',
      pattern: '/api/v2/actions/actions/:id/versions',
      scopes: ['read:actions'],
      handler: (request) => {
        const versions = [...findAction(context.store.state, request.params.id as string).versions].reverse();
        const query = new URLSearchParams(request.query);
        query.set('include_totals', 'true');
        return ok(
          pageOf(structuredClone(versions), query, 'versions', { defaultPerPage: 50, totalsShape: 'page-per-page' }),
        );
      },
    },
    {
      method: 'GET',
      pattern: '/api/v2/actions/actions/:id/versions/:versionId',
      scopes: ['read:actions'],
      handler: (request) => {
        const version = findAction(context.store.state, request.params.id as string).versions.find(
          (v) => v.id === request.params.versionId,
        );
        if (!version) throw auth0Error(404, 'The action version does not exist.', 'not_found');
        return ok(structuredClone(version));
      },
    },
    {
      // This tenant has no action modules; deploy-cli reads the (empty) list before importing actions.
      method: 'GET',
      pattern: '/api/v2/actions/modules',
      scopes: ['read:actions'],
      handler: (request) => {
        const query = new URLSearchParams(request.query);
        query.set('include_totals', 'true');
        return ok(pageOf([], query, 'modules', { defaultPerPage: 50, totalsShape: 'page-per-page' }));
      },
    },
  ];
  return routes;
};
