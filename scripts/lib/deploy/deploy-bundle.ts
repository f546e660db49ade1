// The deploy, step by step: build -> validate -> read the tenant -> (first deploy: create the
// vault client, then the vault connections, flows and form, and read their ids back) -> plan ->
// import what changed with deploy-cli -> verify. `planOnly` stops after the plan and writes
// nothing; a deploy whose plan has nothing to change writes nothing either.
import { join } from 'node:path';
import { ManagementClient } from 'auth0';
import { FORM_NAME } from '../../../forms/names';
import { buildBundle } from '../build/build-bundle';
import { loadEnvironmentConfig } from '../environment-config';
import { buildMappings, type Mappings } from '../mappings';
import { parseTenantYaml, readTenantText, TENANT_FILE } from '../tenant-file';
import { networkErrorOf } from '../../../local-tenant/shared/network-error';
import { UserError } from '../user-error';
import { validateBundle } from '../validate/validate-bundle';
import { type BundleNames, type CurrentState, readCurrentState } from './current-state';
import type { DeployTarget } from './deploy-target';
import { writeDeployTenantFile } from './deploy-tenant-file';
import { readDesiredState } from './desired-state';
import { formatPlan, pendingTypes, plan, type ResourceChange } from './plan';
import { checkBindingCount, mergePostLoginBindings } from './post-login-bindings';
import type { Reporter } from './reporter';
import { type ResourceType, secretsFingerprintKey } from './resources';

export type Importer = (request: {
  tenantFile: string;
  mappings: Mappings;
  includedOnly: readonly ResourceType[];
}) => Promise<void>;

export interface DeployOptions {
  readonly root: string;
  readonly target: DeployTarget;
  readonly reporter: Reporter;
  readonly importer: Importer;
  /** The tenant's post-login list is the bundle's alone (other bindings are removed). */
  readonly ownsPostLogin: boolean;
  readonly planOnly: boolean;
  /** For tests: a ManagementClient option set (e.g. maxRetries). */
  readonly managementClient?: ManagementClient;
}

export interface DeployResult {
  readonly changes: ResourceChange[];
  readonly imports: number;
}

const PENDING = '(assigned at deploy)';

type Entry = Record<string, unknown>;

/** The names of the bundle's resources; a grant's audience holds the domain keyword. */
function bundleNames(root: string, domain: string): BundleNames {
  const text = readTenantText(root).split('##AUTH0_DOMAIN##').join(domain);
  const assets = parseTenantYaml(text, TENANT_FILE) as Entry;
  const names = (key: string) => ((assets[key] ?? []) as Entry[]).map((e) => String(e.name));
  return {
    clients: names('clients'),
    clientGrants: ((assets.clientGrants ?? []) as Entry[]).map((g) => ({
      client: String(g.client_id),
      audience: String(g.audience),
    })),
    flowVaultConnections: names('flowVaultConnections'),
    actions: names('actions'),
    flows: names('flows'),
    forms: names('forms'),
  };
}

/**
 * How long an import takes, said before it starts. deploy-cli runs in this process
 * (deploy-to-target.ts): about a second of loading, once, then its requests; an Action adds
 * its build and deploy on the tenant (local tenant, 2 cores: 0.3 s, 1.2 s and 3.0 s for the
 * three imports of a first deploy).
 */
export function importEstimate(includedOnly: readonly ResourceType[]): string {
  return includedOnly.includes('actions') ? 'about 3 s (an Action is built and deployed)' : 'about 1 s';
}

export async function deployBundle(options: DeployOptions): Promise<DeployResult> {
  const { root, target, reporter } = options;
  const config = loadEnvironmentConfig(root, target.envName);
  const distDir = join(root, 'dist');
  await reporter.step('build', () => buildBundle(root, { outDir: distDir, env: process.env }));
  // deploy-cli checks its own schema on import; the bundle's checks run here, before any request.
  await reporter.step(`validate for "${target.envName}"`, () =>
    validateBundle(root, target.envName, { skipDeployCliSchema: true }),
  );

  const client =
    options.managementClient ??
    new ManagementClient({ domain: target.domain, clientId: target.clientId, clientSecret: target.clientSecret });
  const names = bundleNames(root, target.domain);
  const ours = names.actions;
  const audience = `https://${target.domain}/api/v2/`;
  const vaultClientName = names.clients[0];
  let imports = 0;

  // The first request to the tenant: a network failure names the tenant and what to do.
  const readTenant = () =>
    reporter.step(`read ${target.domain}`, () =>
      readCurrentState(client, names).catch((error: unknown) => {
        const network = networkErrorOf(error, target.domain);
        throw network ? new UserError(`Network error: ${network.message}`) : error;
      }),
    );
  const vaultSetup = async (current: CurrentState): Promise<object | undefined> => {
    const id = vaultClientName ? current.ids[`clients/${vaultClientName}`] : undefined;
    if (!id) return undefined;
    const vault = (await client.clients.get(id, { fields: 'client_id,client_secret', include_fields: true })) as Entry;
    if (typeof vault.client_secret !== 'string') {
      throw new UserError(
        `Could not read the credentials of the ${vaultClientName} application: the deploy application needs the read:client_keys scope.`,
      );
    }
    return {
      type: 'OAUTH_CLIENT_CREDENTIALS',
      client_id: vault.client_id,
      client_secret: vault.client_secret,
      token_endpoint: `https://${target.domain}/oauth/token`,
      audience,
    };
  };
  const mappingsFor = async (current: CurrentState): Promise<Mappings> =>
    buildMappings(
      config,
      {
        AUTH0_DOMAIN: target.domain,
        EMAIL_CHANGE_FORM_ID: current.ids[`forms/${FORM_NAME}`] ?? PENDING,
        MANAGEMENT_API_VAULT_SETUP: (await vaultSetup(current)) ?? {
          type: 'OAUTH_CLIENT_CREDENTIALS',
          client_id: PENDING,
        },
        SENDGRID_VAULT_SETUP: { type: 'BEARER', token: target.sendgridApiKey },
        SENDGRID_API_URL: target.sendgridApiUrl,
      },
      { placeholders: false },
    );
  const bindingsFor = (current: CurrentState) => {
    const merged = mergePostLoginBindings(current.postLoginBindings, ours, { ownsList: options.ownsPostLogin });
    checkBindingCount(merged);
    return merged;
  };
  const runImport = async (current: CurrentState, mappings: Mappings, includedOnly: readonly ResourceType[]) => {
    const tenantFile = writeDeployTenantFile(root, distDir, bindingsFor(current));
    // Said before it starts: an import is the one step that takes seconds, not milliseconds.
    reporter.note(`importing ${includedOnly.join(', ')} with auth0-deploy-cli: ${importEstimate(includedOnly)}`);
    await reporter.step(`import ${includedOnly.join(', ')} with auth0-deploy-cli`, () =>
      options.importer({ tenantFile, mappings, includedOnly }),
    );
    imports += 1;
  };

  let current = await readTenant();
  let desired = readDesiredState(root, await mappingsFor(current), bindingsFor(current));
  const changes = plan(desired.resources, current.resources);
  if (options.planOnly) return { changes, imports };
  if (pendingTypes(changes).length === 0) {
    reporter.note('Nothing to change: nothing was written.');
    return { changes, imports };
  }

  // First deploy: the vault connection needs the vault client's credentials, and the Action
  // needs the form's id, which deploy-cli cannot put into Action code (docs/platform-facts.md §5).
  if (vaultClientName && !current.ids[`clients/${vaultClientName}`]) {
    await runImport(current, desired.mappings, ['clients', 'clientGrants']);
    current = await readTenant();
  }
  /** The vault connections' secrets fingerprints as this deploy imported them, if it did. */
  const vaultFingerprints = (mappings: Mappings): string =>
    JSON.stringify(
      names.flowVaultConnections.map(
        (name) =>
          (mappings.VAULT_CLIENT_METADATA as Record<string, unknown>)[
            secretsFingerprintKey('flowVaultConnections', name)
          ],
      ),
    );
  let vaultsImportedWith: string | undefined;
  if (!current.ids[`forms/${FORM_NAME}`]) {
    desired = readDesiredState(root, await mappingsFor(current), bindingsFor(current));
    await runImport(current, desired.mappings, ['flowVaultConnections', 'flows', 'forms']);
    vaultsImportedWith = vaultFingerprints(desired.mappings);
    current = await readTenant();
    if (!current.ids[`forms/${FORM_NAME}`]) {
      throw new UserError(
        `deploy-cli reported success but the form "${FORM_NAME}" is not on ${target.domain}; nothing else was imported.`,
      );
    }
  }
  desired = readDesiredState(root, await mappingsFor(current), bindingsFor(current));
  let remaining = pendingTypes(plan(desired.resources, current.resources));
  // Vault connections this deploy has just imported with these same secrets differ from the
  // tenant only in the fingerprint the vault client's metadata keeps (written by the first import,
  // before the client's secret existed); the clients import writes it. Importing them again would
  // be two writes for nothing (verify below checks the result).
  if (vaultsImportedWith === vaultFingerprints(desired.mappings) && remaining.includes('clients')) {
    remaining = remaining.filter((type) => type !== 'flowVaultConnections');
  }
  if (remaining.length > 0) await runImport(current, desired.mappings, remaining);

  await reporter.step('verify', async () => {
    const after = await readCurrentState(client, names);
    const left = plan(
      readDesiredState(root, await mappingsFor(after), bindingsFor(after)).resources,
      after.resources,
    ).filter((c) => c.kind !== 'unchanged');
    const problems = left.map(
      (c) =>
        `${c.type}/${c.name} is still ${c.kind === 'create' ? 'missing' : 'different'}: ${c.differences.join('; ')}`,
    );
    for (const action of ours) {
      if (!after.postLoginBindings.includes(action)) problems.push(`actions/${action} is not bound to post-login`);
    }
    const vaults = await Promise.all(
      names.flowVaultConnections.map(async (name) => {
        const id = after.ids[`flowVaultConnections/${name}`];
        const vault = id ? ((await client.flows.vault.connections.get(id)) as unknown as Entry) : undefined;
        return vault?.ready === true ? undefined : `flowVaultConnections/${name} is not ready`;
      }),
    );
    problems.push(...vaults.filter((p): p is string => p !== undefined));
    if (problems.length > 0)
      throw new UserError(`The deploy did not take effect as planned:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  });
  return { changes, imports };
}

export { formatPlan };
