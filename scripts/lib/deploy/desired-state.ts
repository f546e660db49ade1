// The desired state: tenant.yaml and the files it refers to, after the same keyword replacement
// deploy-cli applies (its own keywordReplace), in the shape of resources.ts.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Mappings } from '../mappings';
import { deployCliKeywordReplace as keywordReplace, loadAsDeployCli, readTenantText } from '../tenant-file';
import { type Resource, secretsFingerprintKey } from './resources';

type Entry = Record<string, unknown>;

function list(assets: Entry, key: string): Entry[] {
  const value = assets[key];
  return Array.isArray(value) ? (value as Entry[]) : [];
}

function mappingsFingerprint(mappings: Mappings): Record<string, string> {
  return mappings.VAULT_CLIENT_METADATA as Record<string, string>;
}

export function sha256(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

export interface DesiredState {
  readonly resources: Resource[];
  /** The mappings to import with: the given ones plus VAULT_CLIENT_METADATA (the fingerprints). */
  readonly mappings: Mappings;
}

/**
 * Reads the desired state. `postLoginBindings` is the post-login action list the deploy will
 * write (the tenant's other bindings merged with the bundle's; see post-login-bindings.ts).
 */
export function readDesiredState(
  root: string,
  baseMappings: Mappings,
  postLoginBindings: readonly string[],
): DesiredState {
  const tenantText = readTenantText(root);
  const secretsFingerprints = fingerprintSecrets(
    loadAsDeployCli(tenantText, { ...baseMappings, VAULT_CLIENT_METADATA: {} }) as Entry,
  );
  const mappings: Mappings = { ...baseMappings, VAULT_CLIENT_METADATA: secretsFingerprints };
  const assets = loadAsDeployCli(tenantText, mappings) as Entry;
  const readBody = (path: unknown): string => keywordReplace(readFileSync(join(root, String(path)), 'utf8'), mappings);
  const resources: Resource[] = [];

  for (const client of list(assets, 'clients')) {
    const { name, ...value } = client;
    resources.push({ type: 'clients', name: String(name), value });
  }
  for (const grant of list(assets, 'clientGrants')) {
    resources.push({
      type: 'clientGrants',
      name: `${String(grant.client_id)} -> ${String(grant.audience)}`,
      value: { scope: [...((grant.scope ?? []) as string[])].sort() },
    });
  }
  for (const vault of list(assets, 'flowVaultConnections')) {
    const name = String(vault.name);
    resources.push({
      type: 'flowVaultConnections',
      name,
      value: {
        app_id: vault.app_id,
        secrets_sha256: mappingsFingerprint(mappings)[secretsFingerprintKey('flowVaultConnections', name)],
      },
    });
  }
  for (const action of list(assets, 'actions')) {
    const name = String(action.name);
    const secrets = (action.secrets ?? []) as { name: string }[];
    resources.push({
      type: 'actions',
      name,
      value: {
        code: readBody(action.code),
        runtime: action.runtime,
        dependencies: action.dependencies ?? [],
        supported_triggers: action.supported_triggers,
        secret_names: secrets.map((s) => s.name).sort(),
        deployed: action.deployed === true,
        secrets_sha256: mappingsFingerprint(mappings)[secretsFingerprintKey('actions', name)],
      },
    });
  }
  resources.push({ type: 'triggers', name: 'post-login', value: { actions: [...postLoginBindings] } });
  for (const flow of list(assets, 'flows')) {
    const body = JSON.parse(readBody(flow.body)) as Entry;
    resources.push({ type: 'flows', name: String(flow.name), value: { actions: body.actions } });
  }
  for (const form of list(assets, 'forms')) {
    const { name: _ignored, ...body } = JSON.parse(readBody(form.body)) as Entry;
    resources.push({ type: 'forms', name: String(form.name), value: body });
  }
  return { resources, mappings };
}

/** SHA-256 of each value Auth0 never returns: vault setups and Action secrets. */
function fingerprintSecrets(assets: Entry): Record<string, string> {
  const fingerprints: Record<string, string> = {};
  for (const vault of list(assets, 'flowVaultConnections')) {
    fingerprints[secretsFingerprintKey('flowVaultConnections', String(vault.name))] = sha256(vault.setup);
  }
  for (const action of list(assets, 'actions')) {
    const secrets = (action.secrets ?? []) as { name: string; value: string }[];
    fingerprints[secretsFingerprintKey('actions', String(action.name))] = sha256(
      Object.fromEntries([...secrets].sort((a, b) => a.name.localeCompare(b.name)).map((s) => [s.name, s.value])),
    );
  }
  return fingerprints;
}
