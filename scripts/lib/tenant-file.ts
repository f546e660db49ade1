// Reads tenant.yaml as written (keywords still in place), for the build and for validate.
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { UserError } from './user-error';

export const TENANT_FILE = 'tenant.yaml';

export interface TenantAction {
  name?: unknown;
  code?: unknown;
  dependencies?: unknown;
}

export type TenantAssets = Record<string, unknown> & { actions?: TenantAction[] };

export function readTenantText(path: string): string {
  return readFileSync(path, 'utf8');
}

export function parseTenantYaml(text: string, shownPath: string): TenantAssets {
  let parsed: unknown;
  try {
    parsed = load(text);
  } catch (error) {
    throw new UserError(`${shownPath} is not valid YAML: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UserError(`${shownPath} must be a YAML mapping of resource types (actions, flows, forms, ...).`);
  }
  return parsed as TenantAssets;
}

/** The npm dependencies each action declares: Auth0 installs these, so the build leaves them out. */
export function declaredDependencies(assets: TenantAssets): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const action of assets.actions ?? []) {
    if (typeof action.name !== 'string') continue;
    const deps = Array.isArray(action.dependencies) ? action.dependencies : [];
    result[action.name] = deps
      .map((d: unknown) => (typeof d === 'object' && d !== null ? (d as { name?: unknown }).name : undefined))
      .filter((n): n is string => typeof n === 'string');
  }
  return result;
}
