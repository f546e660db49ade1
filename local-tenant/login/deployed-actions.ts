// The post-login Actions a login runs: the tenant's post-login bindings in their order, each at
// its deployed version, with the secret values that version was deployed with (a trigger runs an
// action's deployed version: docs actions/write-your-first-action).
import { loadAction, type LoadedPostLoginAction } from '../actions-runtime';
import type { TenantContext } from '../surface';
import type { Json } from '../state/types';
import { type DeployedAction, loginState } from './login-state';

export class DeployedActionError extends Error {}

function dependencyNames(value: Json | undefined): string[] {
  if (!Array.isArray(value)) return [];
  return value.map((d) => (typeof d === 'object' && d !== null && !Array.isArray(d) ? String(d.name) : String(d)));
}

export function boundPostLoginActions(context: TenantContext): DeployedAction[] {
  const state = context.store.state;
  return (state.triggerBindings['post-login'] ?? []).map((binding) => {
    const id = String(binding.action.id);
    const stored = state.actions.find((a) => a.action.id === id);
    if (!stored)
      throw new DeployedActionError(
        `The post-login binding "${binding.display_name}" points at action ${id}, which does not exist.`,
      );
    const version = stored.versions.find((v) => v.deployed === true);
    if (!version || typeof version.code !== 'string') {
      throw new DeployedActionError(
        `The post-login binding "${binding.display_name}" points at action "${stored.action.name}", which has no deployed version: deploy it.`,
      );
    }
    return {
      actionId: id,
      name: stored.action.name,
      versionId: version.id,
      versionNumber: version.number,
      code: version.code,
      dependencies: dependencyNames(version.dependencies),
      secrets: { ...(stored.versionSecretValues[version.id] ?? {}) },
    };
  });
}

/** The loaded code of a version, loaded once and reused, as Auth0 reuses an Action's instance. */
export function loadedAction(context: TenantContext, action: DeployedAction): LoadedPostLoginAction {
  const cache = loginState(context).actions;
  let loaded = cache.get(action.versionId);
  if (!loaded) {
    loaded = loadAction(action.code, {
      dependencies: action.dependencies,
      plan: context.plan,
      filename: `${action.name}/v${action.versionNumber}/code.js`,
    });
    cache.set(action.versionId, loaded);
  }
  return loaded;
}
