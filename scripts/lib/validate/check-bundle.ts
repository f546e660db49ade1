// The checks deploy-cli's schema lacks, over tenant.yaml and every file it refers to, with no
// tenant: top-level keys, referenced files, keywords and their values, and the names that tie
// the pieces together (form -> flow, flow -> vault connection, binding -> action,
// grant -> client). Each problem names the file and the key, and says how to fix it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLED_FLOWS, BUNDLED_FORMS } from '../../../forms/bundle';
import { checkFlowBody, checkFormBody, describeProblems } from '../../../platform/forms-model';
import { checkConfigValues, type EnvironmentConfig } from '../environment-config';
import { findKeywordUses, keywordSpec } from '../keywords';
import { TENANT_FILE, type TenantAssets } from '../tenant-file';
import { deployCliTopLevelKeys } from './deploy-cli-schema';

export interface BundleCheckInput {
  readonly root: string;
  readonly tenantText: string;
  readonly assets: TenantAssets;
  readonly config: EnvironmentConfig;
}

export interface BundleCheckResult {
  readonly problems: string[];
  /** What was looked at, for the summary printed on success. */
  readonly checked: string[];
}

interface FileReference {
  readonly key: string;
  readonly path: string;
}

function list(assets: TenantAssets, key: string): Record<string, unknown>[] {
  const value = assets[key];
  return Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
}

function fileReferences(assets: TenantAssets): FileReference[] {
  const refs: FileReference[] = [];
  list(assets, 'actions').forEach((a, i) => {
    if (typeof a.code === 'string') refs.push({ key: `actions[${i}].code`, path: a.code });
  });
  for (const type of ['flows', 'forms']) {
    list(assets, type).forEach((item, i) => {
      if (typeof item.body === 'string') refs.push({ key: `${type}[${i}].body`, path: item.body });
    });
  }
  return refs;
}

function normalise(path: string): string {
  return path.replace(/^\.\//, '');
}

/** Every value found under `key` anywhere in `value`, with its path. */
function valuesAtKey(value: unknown, key: string, path = ''): { path: string; value: unknown }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => valuesAtKey(v, key, `${path}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => [
    ...(k === key ? [{ path: `${path}.${k}`, value: v }] : []),
    ...valuesAtKey(v, key, `${path}.${k}`),
  ]);
}

function checkKeywords(file: string, text: string, config: EnvironmentConfig, problems: string[]): void {
  for (const use of findKeywordUses(text)) {
    const spec = keywordSpec(use.name);
    if (!spec) {
      problems.push(
        `${file}:${use.line}: ${use.pattern} is not a keyword of this bundle. Declare it in scripts/lib/keywords.ts or remove it.`,
      );
    } else if (spec.source === 'config' && config.keywords[use.name] === undefined) {
      problems.push(
        `${file}:${use.line}: ${use.pattern} has no value in ${config.file}. Add keywords.${use.name} there: ${spec.description}.`,
      );
    }
  }
}

export function checkBundle(input: BundleCheckInput): BundleCheckResult {
  const { root, assets, config } = input;
  const problems: string[] = [...checkConfigValues(config)];
  const checked: string[] = [TENANT_FILE, config.file];

  const knownKeys = deployCliTopLevelKeys();
  for (const key of Object.keys(assets)) {
    if (!knownKeys.includes(key)) {
      problems.push(
        `${TENANT_FILE}: top-level key "${key}" is not one deploy-cli 8.44 knows; it would refuse the whole file. ` +
          'Check its spelling (e.g. flowVaultConnections, clientGrants) or remove it.',
      );
    }
  }

  checkKeywords(TENANT_FILE, input.tenantText, config, problems);

  const bodies = new Map<string, unknown>();
  const bodyFiles = new Map<string, string>();
  for (const ref of fileReferences(assets)) {
    const path = join(root, ref.path);
    if (!existsSync(path)) {
      problems.push(
        `${TENANT_FILE}: ${ref.key} refers to ${ref.path}, which does not exist. ` +
          (normalise(ref.path).startsWith('dist/') ? 'Run npm run build first, or fix the path.' : 'Fix the path.'),
      );
      continue;
    }
    const text = readFileSync(path, 'utf8');
    checked.push(normalise(ref.path));
    checkKeywords(normalise(ref.path), text, config, problems);
    if (ref.key.endsWith('.body')) {
      try {
        bodies.set(ref.key, JSON.parse(text));
        bodyFiles.set(ref.key, normalise(ref.path));
      } catch (error) {
        problems.push(
          `${normalise(ref.path)} (${TENANT_FILE}: ${ref.key}) is not valid JSON: ${(error as Error).message}`,
        );
      }
    }
  }

  const referenced = new Set(fileReferences(assets).map((r) => normalise(r.path)));
  for (const built of [...BUNDLED_FLOWS, ...BUNDLED_FORMS]) {
    if (!referenced.has(`dist/${built.file}`)) {
      problems.push(
        `${TENANT_FILE}: nothing refers to dist/${built.file} (${built.name}), which the build writes. Add it under flows: or forms:.`,
      );
    }
  }

  // Only what Auth0 documents (platform/forms-model.ts): a guess never reaches a tenant.
  for (const [key, body] of bodies) {
    const file = bodyFiles.get(key) as string;
    problems.push(...describeProblems(file, key.startsWith('flows') ? checkFlowBody(body) : checkFormBody(body)));
  }

  const flowNames = list(assets, 'flows').map((f) => f.name);
  list(assets, 'forms').forEach((form, i) => {
    const body = bodies.get(`forms[${i}].body`);
    for (const ref of valuesAtKey(body, 'flow_id')) {
      if (!flowNames.includes(ref.value)) {
        problems.push(
          `${form.body as string}: ${ref.path.slice(1)} is "${String(ref.value)}", which names no flow in ${TENANT_FILE} ` +
            `(flows: ${flowNames.join(', ') || 'none'}). Use the flow's name; deploy-cli swaps it for the id.`,
        );
      }
    }
  });

  const vaultNames = list(assets, 'flowVaultConnections').map((c) => c.name);
  list(assets, 'flows').forEach((flow, i) => {
    const body = bodies.get(`flows[${i}].body`);
    for (const ref of valuesAtKey(body, 'connection_id')) {
      if (!vaultNames.includes(ref.value)) {
        problems.push(
          `${flow.body as string}: ${ref.path.slice(1)} is "${String(ref.value)}", which names no vault connection in ${TENANT_FILE} ` +
            `(flowVaultConnections: ${vaultNames.join(', ') || 'none'}). Use the connection's name.`,
        );
      }
    }
  });

  const actionNames = list(assets, 'actions').map((a) => a.name);
  const triggers = (assets.triggers ?? {}) as Record<string, unknown>;
  for (const [trigger, bindings] of Object.entries(triggers)) {
    (Array.isArray(bindings) ? bindings : []).forEach((binding: { action_name?: unknown }, i) => {
      if (!actionNames.includes(binding.action_name)) {
        problems.push(
          `${TENANT_FILE}: triggers.${trigger}[${i}].action_name is "${String(binding.action_name)}", which names no action under actions:.`,
        );
      }
    });
  }

  const clientNames = list(assets, 'clients').map((c) => c.name);
  list(assets, 'clientGrants').forEach((grant, i) => {
    if (!clientNames.includes(grant.client_id)) {
      problems.push(
        `${TENANT_FILE}: clientGrants[${i}].client_id is "${String(grant.client_id)}", which names no client under clients:.`,
      );
    }
  });

  return { problems, checked };
}
