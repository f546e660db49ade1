// Read access to a running tenant's state for in-process tests and the runtimes: copies, so
// that nothing outside the API can change the tenant by accident.
import type { StateStore } from './store';
import type {
  JsonObject,
  OutboxMessage,
  SendgridTemplate,
  StoredAction,
  StoredUser,
  StoredVaultConnection,
  TenantState,
  TriggerBinding,
} from './types';

export class TenantStateView {
  constructor(private readonly store: StateStore) {}

  private copy<T>(pick: (state: TenantState) => T): T {
    return structuredClone(pick(this.store.state));
  }

  /** Users as stored, including password hashes (never shown by the API). */
  get users(): StoredUser[] {
    return this.copy((s) => s.users);
  }
  /** Every message the local SendGrid accepted, oldest first. */
  get outbox(): OutboxMessage[] {
    return this.copy((s) => s.outbox);
  }
  get clients(): JsonObject[] {
    return this.copy((s) => s.clients);
  }
  get clientGrants(): JsonObject[] {
    return this.copy((s) => s.clientGrants);
  }
  get resourceServers(): JsonObject[] {
    return this.copy((s) => s.resourceServers);
  }
  get connections(): JsonObject[] {
    return this.copy((s) => s.connections);
  }
  get emailProvider(): JsonObject | null {
    return this.copy((s) => s.emailProvider);
  }
  get emailTemplates(): JsonObject[] {
    return this.copy((s) => s.emailTemplates);
  }
  /** Actions with their versions and the secret values each version runs with. */
  get actions(): StoredAction[] {
    return this.copy((s) => s.actions);
  }
  /** Trigger bindings by trigger id, in execution order. */
  get triggers(): Record<string, TriggerBinding[]> {
    return this.copy((s) => s.triggerBindings);
  }
  get flows(): JsonObject[] {
    return this.copy((s) => s.flows);
  }
  get forms(): JsonObject[] {
    return this.copy((s) => s.forms);
  }
  /** Vault connections with their setup (secrets included: the flows need them). */
  get vaultConnections(): StoredVaultConnection[] {
    return this.copy((s) => s.vaultConnections);
  }
  get sendgridTemplates(): SendgridTemplate[] {
    return this.copy((s) => s.sendgrid.templates);
  }
  get tenantSettings(): JsonObject {
    return this.copy((s) => s.tenantSettings);
  }
  /** The whole state, for comparisons (e.g. "a second deploy changes nothing"). */
  snapshot(): TenantState {
    return this.copy((s) => s);
  }
}
