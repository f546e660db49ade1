// deploy-cli's own validation, run without a tenant through its library (platform-facts.md §5):
// keyword replacement on the raw YAML, js-yaml, then Auth0#validate (its ajv schema and each
// handler's validate stage). No request is made: a client that fails on any use proves it.
import { load } from 'js-yaml';
import type { Mappings } from '../mappings';
import { TENANT_FILE } from '../tenant-file';

interface DeployCliTools {
  keywordReplace(input: string, mappings: Mappings): string;
  Auth0: new (client: unknown, assets: unknown, config: (key: string) => unknown) => { validate(): Promise<void> };
}

// Loaded lazily: requiring deploy-cli pulls in all of its handlers.
function deployCliTools(): DeployCliTools {
  return (require('auth0-deploy-cli/lib/tools') as { default: DeployCliTools }).default;
}

export function deployCliTopLevelKeys(): string[] {
  const schema = (require('auth0-deploy-cli/lib/tools/auth0/schema') as { default: { properties: object } }).default;
  return Object.keys(schema.properties);
}

const noTenant = new Proxy(
  {},
  {
    get(_target, property) {
      throw new Error(`validate must not call the Management API, but deploy-cli asked for client.${String(property)}`);
    },
  },
);

/** Returns deploy-cli's complaint, or undefined when it accepts the file. */
export async function deployCliValidate(tenantText: string, mappings: Mappings): Promise<string | undefined> {
  const tools = deployCliTools();
  const assets = load(tools.keywordReplace(tenantText, mappings));
  try {
    await new tools.Auth0(noTenant, assets, () => undefined).validate();
    return undefined;
  } catch (error) {
    return `${TENANT_FILE}: deploy-cli 8.44 refuses it: ${(error as Error).message}`;
  }
}
