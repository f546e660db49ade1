// The resources a deploy manages, in one comparable shape for the desired state (tenant.yaml
// after keyword replacement) and the current state (read from the tenant with the auth0 SDK).
// References between resources are by NAME on both sides (ids are swapped for names when the
// current state is read), so that a tenant's ids never show up as differences.

export type ResourceType =
  'clients' | 'clientGrants' | 'flowVaultConnections' | 'actions' | 'triggers' | 'flows' | 'forms';

/** deploy-cli's import order (docs/platform-facts.md §5); plan prints in this order too. */
export const RESOURCE_TYPES: readonly ResourceType[] = [
  'clients',
  'clientGrants',
  'flowVaultConnections',
  'actions',
  'triggers',
  'flows',
  'forms',
];

export interface Resource {
  readonly type: ResourceType;
  readonly name: string;
  /** Only what the bundle sets: keys the tenant adds on its own (ids, dates) are left out. */
  readonly value: Readonly<Record<string, unknown>>;
}

export function resourceKey(resource: Pick<Resource, 'type' | 'name'>): string {
  return `${resource.type}/${resource.name}`;
}

/**
 * Auth0 never returns secret values (Action secrets, vault connection setups), so their
 * SHA-256 is recorded in the vault client's client_metadata at each deploy; a resource's
 * `secrets_sha256` is compared instead of the values. This is the metadata key for a resource.
 */
export function secretsFingerprintKey(type: 'actions' | 'flowVaultConnections', name: string): string {
  return `sha256_${type === 'actions' ? 'action' : 'vault'}_${name.replace(/[^A-Za-z0-9]/g, '_')}`;
}
