// deploy-cli-schema.ts checks tenant.yaml with deploy-cli's schema compiled for the keys the
// file has. Here: that check against deploy-cli's whole schema compiled as Auth0#validate
// compiles it (one compile, several seconds of CPU: the only one in the suite), on the bundle's
// own tenant.yaml and on files that break it in different places: same verdict, same errors,
// same defaults written into the assets.
import { dirname } from 'node:path';
import {
  deployCliTools,
  deployCliTopLevelKeys,
  schemaFor,
  validateSourceHash,
} from '../../../../scripts/lib/validate/deploy-cli-schema';
import { loadEnvironmentConfig } from '../../../../scripts/lib/environment-config';
import { buildMappings } from '../../../../scripts/lib/mappings';
import { deployCliKeywordReplace, loadAsDeployCli, readTenantText } from '../../../../scripts/lib/tenant-file';
import { ROOT } from '../../../helpers/paths';

type Assets = Record<string, unknown>;
type Validator = ((data: unknown) => boolean) & { errors?: unknown[] | null };
interface Ajv {
  compile(schema: object): Validator;
}

const Ajv = require(
  require.resolve('ajv/lib/ajv', { paths: [dirname(require.resolve('auth0-deploy-cli/package.json'))] }),
) as new (o: object) => Ajv;
const schema = (
  require('auth0-deploy-cli/lib/tools/auth0/schema') as { default: { properties: Record<string, unknown> } }
).default;
const compile = (s: object): Validator => new Ajv({ useDefaults: true, nullable: true }).compile(s);

function tenantAssets(): Assets {
  // As validate reads it: config/local.json's values, placeholders for the deploy keywords.
  const mappings = buildMappings(loadEnvironmentConfig(ROOT, 'local'), {}, { placeholders: true });
  return loadAsDeployCli(readTenantText(ROOT), mappings) as Assets;
}

const cases: Record<string, (a: Assets) => Assets> = {
  'the bundle as it is': (a) => a,
  'an unknown top-level key': (a) => ({ ...a, flowVaultConnection: [] }),
  'a wrong type deep in actions': (a) => ({ ...a, actions: [{ ...(a.actions as Assets[])[0], runtime: 22 }] }),
  'a client without a name': (a) => ({ ...a, clients: [{ app_type: 'non_interactive' }] }),
  'two broken keys (the first error in schema order wins)': (a) => ({ ...a, forms: 'x', clients: 'y' }),
  'an empty file': () => ({}),
};

test('the check is for the deploy-cli whose validate it copies (8.44.0)', () => {
  const version = (require('auth0-deploy-cli/package.json') as { version: string }).version;
  expect({
    version,
    known: validateSourceHash(deployCliTools()) === 'f3815fcae644bb0b44c49c1b8cb69b9fc5592d6cc51de3442de0d38ae6da213b',
  }).toEqual({ version: '8.44.0', known: true });
});

// What validate, plan and deploy read of deploy-cli without loading its handlers (over a second).
test("the top-level keys and the keyword replacement are deploy-cli's own", () => {
  expect(deployCliTopLevelKeys()).toEqual(Object.keys(schema.properties));
  expect(deployCliTools().keywordReplace).toBe(
    (require('auth0-deploy-cli/lib/tools/utils') as { keywordReplace: unknown }).keywordReplace,
  );
  const mappings = buildMappings(loadEnvironmentConfig(ROOT, 'local'), {}, { placeholders: true });
  expect(deployCliKeywordReplace(readTenantText(ROOT), mappings)).toBe(
    deployCliTools().keywordReplace(readTenantText(ROOT), mappings),
  );
});

test('schemaFor keeps every key name and the defaults, and drops only what ajv would not evaluate', () => {
  const s = {
    type: 'object',
    additionalProperties: false,
    properties: { a: { type: 'string' }, b: { type: 'number' }, c: { type: 'array', default: [] } },
  };
  expect(schemaFor(s, new Set(['a']))).toEqual({
    ...s,
    properties: { a: { type: 'string' }, b: {}, c: { type: 'array', default: [] } },
  });
});

// One compile of the whole schema takes 5-15 s of CPU on a shared 2-core machine.
test('same verdict, errors and defaults as the whole schema, for each case', () => {
  const whole = compile(schema);
  for (const [name, make] of Object.entries(cases)) {
    const forWhole = make(tenantAssets());
    const forPruned = make(tenantAssets());
    const pruned = compile(schemaFor(schema as never, new Set(Object.keys(forPruned))));
    const got = { name, valid: pruned(forPruned), errors: pruned.errors ?? null, assets: forPruned };
    const want = { name, valid: whole(forWhole), errors: whole.errors ?? null, assets: forWhole };
    expect(got).toEqual(want);
  }
  expect(Object.values(cases).map((make) => whole(make(tenantAssets())))).toEqual([
    true,
    false,
    false,
    false,
    false,
    true,
  ]);
}, 120_000);
