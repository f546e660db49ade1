// The current state of the tenant, read with the auth0 SDK (reads only), in the shape of
// resources.ts: only the resources the bundle declares, ids swapped for names.
import type { ManagementClient } from 'auth0';
import { type Resource, secretsFingerprintKey } from './resources';

type Entry = Record<string, unknown>;

export interface BundleNames {
  readonly clients: readonly string[];
  readonly clientGrants: readonly { client: string; audience: string }[];
  readonly flowVaultConnections: readonly string[];
  readonly actions: readonly string[];
  readonly flows: readonly string[];
  readonly forms: readonly string[];
}

export interface CurrentState {
  readonly resources: Resource[];
  /** Every post-login binding of the tenant, by action name, in order: ours and others'. */
  readonly postLoginBindings: string[];
  /** Ids of the bundle's resources that exist, by type and name (the deploy looks the form up here). */
  readonly ids: Readonly<Record<string, string>>;
}

async function all<T>(page: Promise<AsyncIterable<T>>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of await page) items.push(item);
  return items;
}

/** Replaces every value under `key` that is a known id with its name. */
function idsToNames(value: unknown, key: string, names: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(value)) return value.map((v) => idsToNames(v, key, names));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      k === key && typeof v === 'string' ? (names.get(v) ?? v) : idsToNames(v, key, names),
    ]),
  );
}

const FORM_SERVER_KEYS = new Set(['id', 'name', 'created_at', 'updated_at', 'embedded_at', 'submitted_at']);

export async function readCurrentState(client: ManagementClient, names: BundleNames): Promise<CurrentState> {
  const resources: Resource[] = [];
  const ids: Record<string, string> = {};

  const clients = await all(client.clients.list({ per_page: 100 }));
  const vaultClient = clients.find((c) => names.clients.includes(String(c.name)));
  const fingerprints = (vaultClient?.client_metadata ?? {}) as Record<string, string>;
  for (const c of clients.filter((c) => names.clients.includes(String(c.name)))) {
    ids[`clients/${c.name}`] = String(c.client_id);
    resources.push({
      type: 'clients',
      name: String(c.name),
      value: {
        app_type: c.app_type,
        description: c.description,
        grant_types: c.grant_types,
        token_endpoint_auth_method: c.token_endpoint_auth_method,
        client_metadata: c.client_metadata ?? {},
      },
    });
  }

  for (const wanted of names.clientGrants) {
    const clientId = ids[`clients/${wanted.client}`];
    if (!clientId) continue;
    const grants = await all(client.clientGrants.list({ client_id: clientId, audience: wanted.audience }));
    const grant = grants[0];
    if (grant)
      resources.push({
        type: 'clientGrants',
        name: `${wanted.client} -> ${wanted.audience}`,
        value: { scope: [...(grant.scope ?? [])].sort() },
      });
  }

  const vaults = await all(client.flows.vault.connections.list({ per_page: 100 }));
  const vaultNameById = new Map(vaults.map((v) => [String(v.id), String(v.name)]));
  for (const v of vaults.filter((v) => names.flowVaultConnections.includes(String(v.name)))) {
    ids[`flowVaultConnections/${v.name}`] = String(v.id);
    resources.push({
      type: 'flowVaultConnections',
      name: String(v.name),
      value: {
        app_id: v.app_id,
        secrets_sha256: fingerprints[secretsFingerprintKey('flowVaultConnections', String(v.name))],
      },
    });
  }

  const actions = await all(client.actions.list({ per_page: 100 }));
  const actionNameById = new Map(actions.map((a) => [String(a.id), String(a.name)]));
  for (const summary of actions.filter((a) => names.actions.includes(String(a.name)))) {
    const action = (await client.actions.get(String(summary.id))) as unknown as Entry;
    ids[`actions/${summary.name}`] = String(summary.id);
    resources.push({
      type: 'actions',
      name: String(summary.name),
      value: {
        code: action.code,
        runtime: action.runtime,
        dependencies: action.dependencies ?? [],
        supported_triggers: action.supported_triggers,
        secret_names: ((action.secrets ?? []) as { name: string }[]).map((s) => s.name).sort(),
        deployed: action.all_changes_deployed === true,
        secrets_sha256: fingerprints[secretsFingerprintKey('actions', String(summary.name))],
      },
    });
  }

  const bindings = await all(client.actions.triggers.bindings.list('post-login', { per_page: 50 }));
  const postLoginBindings = bindings.map((b) => {
    const action = (b as Entry).action as Entry | undefined;
    return String(action?.name ?? actionNameById.get(String(action?.id)) ?? b.display_name);
  });
  resources.push({ type: 'triggers', name: 'post-login', value: { actions: postLoginBindings } });

  const flows = await all(client.flows.list({ per_page: 100 }));
  const flowNameById = new Map(flows.map((f) => [String(f.id), String(f.name)]));
  for (const summary of flows.filter((f) => names.flows.includes(String(f.name)))) {
    const flow = (await client.flows.get(String(summary.id))) as unknown as Entry;
    ids[`flows/${summary.name}`] = String(summary.id);
    resources.push({
      type: 'flows',
      name: String(summary.name),
      value: { actions: idsToNames(flow.actions ?? [], 'connection_id', vaultNameById) },
    });
  }

  const forms = await all(client.forms.list({ per_page: 100 }));
  for (const summary of forms.filter((f) => names.forms.includes(String(f.name)))) {
    const form = (await client.forms.get(String(summary.id))) as unknown as Entry;
    ids[`forms/${summary.name}`] = String(summary.id);
    const body = Object.fromEntries(
      Object.entries(form).filter(([k, v]) => !FORM_SERVER_KEYS.has(k) && v !== null && v !== undefined),
    );
    resources.push({
      type: 'forms',
      name: String(summary.name),
      value: idsToNames(body, 'flow_id', flowNameById) as Entry,
    });
  }

  return { resources, postLoginBindings, ids };
}
