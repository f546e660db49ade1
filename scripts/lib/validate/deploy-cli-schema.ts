// deploy-cli's own validation, run without a tenant through its library (docs/platform-facts.md §5):
// keyword replacement on the raw YAML, js-yaml, then what Auth0#validate does (its ajv schema and
// each handler's validate stage). No request is made: a client that fails on any use proves it.
//
// Why not call Auth0#validate itself: it compiles deploy-cli's whole schema with a new ajv on
// every call (lib/tools/auth0/index.js, `new Ajv(...).validate(schema, nonNullAssets)`), and that
// schema is 8.1 MB, 8.06 MB of it under `prompts` (its custom text for every screen and
// language): the compiled code is about 116 MB of JavaScript, 5-12 s of CPU and over a GB of
// memory, twice per import (Auth0#validate is called by the YAML context's loadAssetsFromLocal
// and again by tools/deploy.js). installFastDeployCliValidate below makes it do the same check with
// a schema compiled only for the top-level keys the file has (about 40 ms for this bundle): the
// root keeps every key name (additionalProperties: false refuses the same unknown keys), a present
// key keeps its whole sub-schema, in the same order (ajv stops at the same first error), a key with
// a default keeps its sub-schema (useDefaults inserts the same values), and an absent key's
// sub-schema, which ajv never evaluates, becomes {}. Same verdicts, same error text, same asset
// defaults. When deploy-cli's validate is not the one this was read from (another version), it
// falls back to calling it as it is.
import { createHash } from 'node:crypto';
import { dirname } from 'node:path';
import type { Mappings } from '../mappings';
import { loadAsDeployCli, TENANT_FILE } from '../tenant-file';

type Assets = Record<string, unknown>;

/** An instance of deploy-cli's Auth0 class (lib/tools/auth0/index.js), as far as it is used here. */
export interface DeployCliAuth0 {
  assets: Assets;
  validate(): Promise<void>;
  runStage(stage: 'validate' | 'processChanges'): Promise<void>;
  processChanges(): Promise<void>;
}

export interface DeployCliTools {
  keywordReplace(input: string, mappings: Mappings): string;
  Auth0: new (client: unknown, assets: unknown, config: (key: string) => unknown) => DeployCliAuth0;
}

interface JsonSchema {
  readonly properties: Record<string, { readonly default?: unknown; readonly [key: string]: unknown } | undefined>;
  readonly [key: string]: unknown;
}

interface AjvInstance {
  compile(schema: object): ((data: unknown) => boolean) & { errors?: unknown[] | null };
}

const DEPLOY_CLI_DIR = dirname(require.resolve('auth0-deploy-cli/package.json'));

// Loaded lazily: requiring deploy-cli pulls in all of its handlers.
export function deployCliTools(): DeployCliTools {
  return (require('auth0-deploy-cli/lib/tools') as { default: DeployCliTools }).default;
}

function deployCliSchema(): JsonSchema {
  return (require('auth0-deploy-cli/lib/tools/auth0/schema') as { default: JsonSchema }).default;
}

/**
 * deploy-cli 8.44.0's top-level keys, in its schema's order (lib/tools/auth0/schema.js: one per
 * handler, then exclude and include). Reading them from the schema loads all of deploy-cli's
 * handlers and its auth0 SDK, over a second, which the bundle's key check would add to every
 * validate, plan and deploy for 47 names; deploy-cli-schema.test.ts checks this list against the
 * schema. Another version of deploy-cli: read from its schema.
 */
const KNOWN_TOP_LEVEL_KEYS = {
  version: '8.44.0',
  keys: [
    'rules',
    'rulesConfigs',
    'hooks',
    'pages',
    'resourceServers',
    'clients',
    'databases',
    'connections',
    'tenant',
    'emailProvider',
    'emailTemplates',
    'clientGrants',
    'guardianFactors',
    'guardianFactorProviders',
    'guardianFactorTemplates',
    'guardianPolicies',
    'guardianPhoneFactorSelectedProvider',
    'guardianPhoneFactorMessageTypes',
    'roles',
    'branding',
    'phoneProviders',
    'phoneTemplates',
    'prompts',
    'actions',
    'actionModules',
    'triggers',
    'organizations',
    'attackProtection',
    'riskAssessment',
    'logStreams',
    'customDomains',
    'themes',
    'forms',
    'flows',
    'flowVaultConnections',
    'selfServiceProfiles',
    'networkACLs',
    'userAttributeProfiles',
    'connectionProfiles',
    'tokenExchangeProfiles',
    'supplementalSignals',
    'rateLimitPolicies',
    'eventStreams',
    'clientAuthCredentials',
    'clientAuthCredentialsPre',
    'exclude',
    'include',
  ],
} as const;

/** The top-level keys the installed deploy-cli accepts in a file. */
export function deployCliTopLevelKeys(): string[] {
  const { version } = require('auth0-deploy-cli/package.json') as { version: string };
  return version === KNOWN_TOP_LEVEL_KEYS.version
    ? [...KNOWN_TOP_LEVEL_KEYS.keys]
    : Object.keys(deployCliSchema().properties);
}

/**
 * The sha256 of Auth0#validate's source as read for this file (deploy-cli 8.44.0). Another
 * text means deploy-cli changed how it validates: deployCliValidate then calls it unchanged.
 */
const KNOWN_VALIDATE_SHA256 = 'f3815fcae644bb0b44c49c1b8cb69b9fc5592d6cc51de3442de0d38ae6da213b';

export function validateSourceHash(tools: DeployCliTools = deployCliTools()): string {
  const source = (tools.Auth0 as unknown as { prototype: DeployCliAuth0 }).prototype.validate
    .toString()
    .replace(/\s+/g, ' ');
  return createHash('sha256').update(source).digest('hex');
}

/** deploy-cli's schema with the sub-schemas of the keys `present` lacks (and that have no default) as {}. */
export function schemaFor(schema: JsonSchema, present: ReadonlySet<string>): JsonSchema {
  const properties = Object.fromEntries(
    Object.entries(schema.properties).map(([key, sub]) => [
      key,
      present.has(key) || sub?.default !== undefined ? sub : {},
    ]),
  );
  return { ...schema, properties };
}

type Validator = ReturnType<AjvInstance['compile']>;
/** Compiled validators of this process, by the set of top-level keys they were compiled for. */
const validators = new Map<string, Validator>();

function validatorFor(keys: readonly string[]): Validator {
  const id = [...keys].sort().join(',');
  let validator = validators.get(id);
  if (!validator) {
    // deploy-cli's own ajv (6.x, resolved from its folder) with its options.
    const Ajv = require(require.resolve('ajv/lib/ajv', { paths: [DEPLOY_CLI_DIR] })) as new (
      options: object,
    ) => AjvInstance;
    validator = new Ajv({ useDefaults: true, nullable: true }).compile(schemaFor(deployCliSchema(), new Set(keys)));
    validators.set(id, validator);
  }
  return validator;
}

/**
 * What Auth0#validate does, with the schema compiled for the keys the assets have: the schema
 * check (same error text), then every handler's validate stage. Mutates auth0.assets as it does
 * (ajv's defaults).
 */
async function validateForKeys(auth0: DeployCliAuth0): Promise<void> {
  const nonNullAssets = Object.fromEntries(Object.entries(auth0.assets).filter(([, value]) => value != null));
  const validate = validatorFor(Object.keys(nonNullAssets));
  if (!validate(nonNullAssets)) {
    throw new Error(`Schema validation failed loading ${JSON.stringify(validate.errors, null, 4)}`);
  }
  await auth0.runStage('validate');
}

/**
 * Makes Auth0#validate do validateForKeys, wherever deploy-cli calls it: an import validates
 * twice (lib/context/yaml/index.js loadAssetsFromLocal, then lib/tools/deploy.js). Returns what
 * restores deploy-cli's own validate. On a deploy-cli whose validate is not the one read
 * (KNOWN_VALIDATE_SHA256), nothing is replaced and it returns undefined: its own validate runs,
 * slow but its own.
 */
export function installFastDeployCliValidate(tools: DeployCliTools = deployCliTools()): (() => void) | undefined {
  const prototype = (tools.Auth0 as unknown as { prototype: DeployCliAuth0 }).prototype;
  if (validateSourceHash(tools) !== KNOWN_VALIDATE_SHA256) return undefined;
  const original = prototype.validate;
  prototype.validate = function validate(this: DeployCliAuth0) {
    return validateForKeys(this);
  };
  return () => {
    prototype.validate = original;
  };
}

/** Runs `work` with installFastDeployCliValidate's validate in place, restored afterwards. */
export async function withFastDeployCliValidate<T>(
  work: () => Promise<T>,
  tools: DeployCliTools = deployCliTools(),
): Promise<T> {
  const restore = installFastDeployCliValidate(tools);
  try {
    return await work();
  } finally {
    restore?.();
  }
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
  const assets = loadAsDeployCli(tenantText, mappings);
  try {
    await withFastDeployCliValidate(() => new tools.Auth0(noTenant, assets, () => undefined).validate(), tools);
    return undefined;
  } catch (error) {
    return `${TENANT_FILE}: deploy-cli 8.44 refuses it: ${(error as Error).message}`;
  }
}
