// Post-login Actions put on a local tenant through the real auth0 SDK, as an admin would: created,
// deployed, and bound in the order given (the binding list is replaced: docs/platform-facts.md §5).
import type { LocalTenant } from '../../local-tenant';
import { management } from './login-apps';

export interface ActionSource {
  readonly name: string;
  /** The Action's code.js (CommonJS). */
  readonly code: string;
  readonly secrets?: Readonly<Record<string, string>>;
}

export async function bindPostLoginActions(tenant: LocalTenant, actions: readonly ActionSource[]): Promise<void> {
  const client = management(tenant);
  for (const action of actions) {
    const existing = tenant.state.actions.find((a) => a.action.name === action.name);
    const body = {
      code: action.code,
      runtime: 'node22',
      secrets: Object.entries(action.secrets ?? {}).map(([name, value]) => ({ name, value })),
    };
    const id = existing
      ? (await client.actions.update(existing.action.id, body), existing.action.id)
      : String(
          (
            await client.actions.create({
              name: action.name,
              supported_triggers: [{ id: 'post-login', version: 'v3' }],
              ...body,
            })
          ).id,
        );
    await client.actions.deploy(id);
  }
  await client.actions.triggers.bindings.updateMany('post-login', {
    bindings: actions.map((a) => ({ ref: { type: 'action_name', value: a.name }, display_name: a.name })),
  });
}
