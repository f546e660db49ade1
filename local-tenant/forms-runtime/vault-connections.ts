// Vault connections as deployed ({id?, name, app_id, setup}: docs/platform-facts.md §3). Flows name
// them in params.connection_id by id once deployed, by name in the bundle's files (deploy-cli
// swaps names for ids: §5); this runtime accepts either.
import { DefinitionError } from './unsupported';

export interface VaultConnection {
  readonly id?: string;
  readonly name: string;
  readonly app_id: string;
  readonly setup: Readonly<Record<string, unknown>>;
}

export function findVaultConnection(
  connections: readonly VaultConnection[],
  reference: unknown,
  appId: string,
  where: string,
): VaultConnection {
  if (typeof reference !== 'string' || reference === '')
    throw new DefinitionError(
      `${where}: params.connection_id must name a vault connection, got ${JSON.stringify(reference)}`,
    );
  const found = connections.find((c) => c.id === reference) ?? connections.find((c) => c.name === reference);
  if (!found) {
    const known = connections.map((c) => c.name).join(', ') || 'none';
    throw new DefinitionError(`${where}: no vault connection "${reference}" (known: ${known})`);
  }
  if (found.app_id !== appId)
    throw new DefinitionError(
      `${where}: vault connection "${found.name}" is ${found.app_id}, this action needs ${appId}`,
    );
  return found;
}

export function setupString(connection: VaultConnection, key: string, where: string): string {
  const value = connection.setup[key];
  if (typeof value !== 'string' || value === '')
    throw new DefinitionError(`${where}: vault connection "${connection.name}" has no setup.${key}`);
  return value;
}
