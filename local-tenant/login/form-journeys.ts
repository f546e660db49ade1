// The forms an Action renders, run by the Forms runtime with the tenant's deployed form, flows and
// vault connections (setups included: the flows need their secrets), and the user of the login as
// {{context.user}}.
import {
  type DeployedFlow,
  type DeployedForm,
  DefinitionError,
  type FormsDeploymentWithVault,
  type Journey,
  type VaultConnection,
} from '../forms-runtime';
import type { StoredUser } from '../state/types';
import type { TenantContext } from '../surface';
import { flattenUser } from '../state/flatten-user';
import { loginState } from './login-state';

export class FormNotDeployedError extends Error {}

function deployment(context: TenantContext, formId: string): FormsDeploymentWithVault {
  const state = context.store.state;
  const form = state.forms.find((f) => f.id === formId);
  if (!form)
    throw new FormNotDeployedError(
      `An Action rendered form ${formId}, which this tenant does not have. Deploy the bundle again (npm run deploy).`,
    );
  return {
    form: structuredClone(form) as unknown as DeployedForm,
    flows: structuredClone(state.flows) as unknown as DeployedFlow[],
    vaultConnections: state.vaultConnections.map(
      (c) => ({ ...structuredClone(c.connection), setup: structuredClone(c.setup) }) as unknown as VaultConnection,
    ),
  };
}

export async function startJourney(
  context: TenantContext,
  input: {
    formId: string;
    vars: Record<string, unknown>;
    fields: Record<string, unknown>;
    user: StoredUser;
    language: string;
  },
): Promise<Journey> {
  const deployed = deployment(context, input.formId);
  return loginState(context).forms.startJourney({
    ...deployed,
    vars: input.vars,
    fields: input.fields,
    user: flattenUser(input.user),
    language: input.language,
  });
}

export { DefinitionError };
