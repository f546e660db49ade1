// The email-change form and flows as a tenant holds them once deployed: the BUILT bodies from
// DIST with their keywords replaced by config/local.json's values, through deploy-cli's own
// keywordReplace (docs/platform-facts.md §5). Names stay names (deploy-cli would swap them for ids;
// the Forms runtime accepts either).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLED_FLOWS, BUNDLED_FORMS } from '../../forms/bundle';
import { FORM_NAME, MANAGEMENT_API_VAULT_CONNECTION, SENDGRID_VAULT_CONNECTION } from '../../forms/names';
import type { DeployedFlow, DeployedForm, VaultConnection } from '../../local-tenant/forms-runtime';
import { loadEnvironmentConfig } from '../../scripts/lib/environment-config';
import { buildMappings, type Mappings } from '../../scripts/lib/mappings';
import { DIST, ROOT } from './paths';

function keywordReplace(text: string, mappings: Mappings): string {
  const tools = (
    require('auth0-deploy-cli/lib/tools') as { default: { keywordReplace(t: string, m: Mappings): string } }
  ).default;
  return tools.keywordReplace(text, mappings);
}

export interface TenantLike {
  readonly domain: string;
  readonly env: Readonly<Record<string, string>>;
}

/** config/local.json's keyword values, as deploy would map them (for `tenant`: its domain and SendGrid). */
export function localMappings(tenant?: TenantLike): Mappings {
  const deployValues = tenant ? { AUTH0_DOMAIN: tenant.domain, SENDGRID_API_URL: tenant.env.SENDGRID_BASE_URL } : {};
  return buildMappings(loadEnvironmentConfig(ROOT, 'local'), deployValues, { placeholders: true });
}

function readBuilt(file: string, mappings: Mappings): Record<string, unknown> {
  return JSON.parse(keywordReplace(readFileSync(join(DIST, file), 'utf8'), mappings));
}

export interface DeployedBundle {
  readonly form: DeployedForm;
  readonly flows: DeployedFlow[];
}

/** The bundle as deployed to `tenant` (or with placeholders for what only a deploy knows). */
export function deployedEmailChangeBundle(tenantOrMappings?: TenantLike | Mappings): DeployedBundle {
  const mappings =
    tenantOrMappings === undefined || !('domain' in tenantOrMappings && 'env' in tenantOrMappings)
      ? ((tenantOrMappings as Mappings | undefined) ?? localMappings())
      : localMappings(tenantOrMappings as TenantLike);
  const formEntry = BUNDLED_FORMS.find((f) => f.name === FORM_NAME);
  if (!formEntry) throw new Error(`forms/bundle.ts has no form ${FORM_NAME}`);
  return {
    form: { name: FORM_NAME, ...readBuilt(formEntry.file, mappings) },
    flows: BUNDLED_FLOWS.map((flow) => ({ name: flow.name, ...readBuilt(flow.file, mappings) }) as DeployedFlow),
  };
}

/** The two vault connections, set up with a local tenant's M2M client and SendGrid key. */
export function localVaultConnections(tenant: TenantLike): VaultConnection[] {
  const env = (name: string): string => {
    const value = tenant.env[name];
    if (!value) throw new Error(`the local tenant's env has no ${name}`);
    return value;
  };
  return [
    {
      name: MANAGEMENT_API_VAULT_CONNECTION,
      app_id: 'HTTP',
      setup: {
        type: 'OAUTH_CLIENT_CREDENTIALS',
        client_id: env('AUTH0_CLIENT_ID'),
        client_secret: env('AUTH0_CLIENT_SECRET'),
        token_endpoint: `https://${tenant.domain}/oauth/token`,
        audience: `https://${tenant.domain}/api/v2/`,
      },
    },
    { name: SENDGRID_VAULT_CONNECTION, app_id: 'HTTP', setup: { type: 'BEARER', token: env('SENDGRID_API_KEY') } },
  ];
}
