// The one reader of tenant.yaml: as written (keywords still in place) for the build, validate and
// deploy, or as deploy-cli reads it (its keyword replacement, then js-yaml) for the plan and
// deploy-cli's schema check.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import type { Mappings } from './mappings';
import { UserError } from './user-error';

export const TENANT_FILE = 'tenant.yaml';

export interface TenantAction {
  name?: unknown;
  code?: unknown;
  dependencies?: unknown;
}

export type TenantAssets = Record<string, unknown> & { actions?: TenantAction[] };

/** The text of the project's tenant.yaml. */
export function readTenantText(root: string): string {
  return readFileSync(join(root, TENANT_FILE), 'utf8');
}

/** deploy-cli's own keyword replacement (lib/tools keywordReplace): ##NAME## and @@NAME@@. */
export function deployCliKeywordReplace(text: string, mappings: Mappings): string {
  // From the module that defines it (lib/tools re-exports it), loaded lazily: about 0.1 s, where
  // lib/tools pulls in all of deploy-cli's handlers and its auth0 SDK (over a second), which a
  // plan or a deploy with nothing to change never uses.
  const utils = require('auth0-deploy-cli/lib/tools/utils') as {
    keywordReplace(t: string, m: Mappings): string;
  };
  return utils.keywordReplace(text, mappings);
}

/** tenant.yaml's text as deploy-cli loads it (lib/context/yaml): keywords replaced, then js-yaml. */
export function loadAsDeployCli(text: string, mappings: Mappings): unknown {
  return load(deployCliKeywordReplace(text, mappings));
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
