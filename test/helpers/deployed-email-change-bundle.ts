// The email-change form and flows as a tenant holds them once deployed: the BUILT bodies from
// DIST with their keywords replaced by config/local.json's values, through deploy-cli's own
// keywordReplace (platform-facts.md §5). Names stay names (deploy-cli would swap them for ids;
// the Forms runtime accepts either).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLED_FLOWS, BUNDLED_FORMS } from '../../forms/bundle';
import { AUTH0_VAULT_CONNECTION, FORM_NAME, SENDGRID_VAULT_CONNECTION } from '../../forms/names';
import type { DeployedFlow, DeployedForm, VaultConnection } from '../../local-tenant/forms-runtime';
import { loadEnvironmentConfig } from '../../scripts/lib/environment-config';
import { buildMappings, type Mappings } from '../../scripts/lib/mappings';
import { DIST, ROOT } from './paths';

function keywordReplace(text: string, mappings: Mappings): string {
  const tools = (require('auth0-deploy-cli/lib/tools') as { default: { keywordReplace(t: string, m: Mappings): string } }).default;
  return tools.keywordReplace(text, mappings);
}

/** config/local.json's keyword values, as deploy would map them. */
export function localMappings(): Mappings {
  return buildMappings(loadEnvironmentConfig(ROOT, 'local'), {}, { placeholders: true });
}

function readBuilt(file: string, mappings: Mappings): Record<string, unknown> {
  return JSON.parse(keywordReplace(readFileSync(join(DIST, file), 'utf8'), mappings));
}

export interface DeployedBundle {
  readonly form: DeployedForm;
  readonly flows: DeployedFlow[];
}

export function deployedEmailChangeBundle(mappings: Mappings = localMappings()): DeployedBundle {
  const formEntry = BUNDLED_FORMS.find((f) => f.name === FORM_NAME);
  if (!formEntry) throw new Error(`forms/bundle.ts has no form ${FORM_NAME}`);
  return {
    form: { name: FORM_NAME, ...readBuilt(formEntry.file, mappings) },
    flows: BUNDLED_FLOWS.map((flow) => ({ name: flow.name, ...readBuilt(flow.file, mappings) }) as DeployedFlow),
  };
}

/** The two vault connections, set up with a local tenant's M2M client and SendGrid key. */
export function localVaultConnections(tenant: { domain: string; env: Readonly<Record<string, string>> }): VaultConnection[] {
  const env = (name: string): string => {
    const value = tenant.env[name];
    if (!value) throw new Error(`the local tenant's env has no ${name}`);
    return value;
  };
  return [
    {
      name: AUTH0_VAULT_CONNECTION,
      app_id: 'AUTH0',
      setup: { type: 'OAUTH_APP', client_id: env('AUTH0_CLIENT_ID'), client_secret: env('AUTH0_CLIENT_SECRET'), domain: tenant.domain },
    },
    { name: SENDGRID_VAULT_CONNECTION, app_id: 'SENDGRID', setup: { type: 'API_KEY', api_key: env('SENDGRID_API_KEY') } },
  ];
}
