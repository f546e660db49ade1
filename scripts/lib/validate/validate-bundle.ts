// validate: the bundle's own checks first (fast, precise messages); deploy-cli's schema check
// (deploy-cli-schema.ts: its ajv schema compiled for the keys the file has, well under a second) only once those pass.
import { loadEnvironmentConfig } from '../environment-config';
import { buildMappings } from '../mappings';
import { parseTenantYaml, readTenantText, TENANT_FILE } from '../tenant-file';
import { UserError } from '../user-error';
import { checkBundle } from './check-bundle';
import { deployCliValidate } from './deploy-cli-schema';
import { placeholderProblems } from './placeholder-values';

export class ValidationError extends UserError {
  constructor(readonly problems: string[]) {
    super(`Validation failed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export interface ValidateOptions {
  /** Skip deploy-cli's slow schema check (tests of the bundle's own checks). */
  readonly skipDeployCliSchema?: boolean;
}

export async function validateBundle(
  root: string,
  envName: string,
  options: ValidateOptions = {},
): Promise<{ checked: string[] }> {
  const config = loadEnvironmentConfig(root, envName);
  const tenantText = readTenantText(root);
  const assets = parseTenantYaml(tenantText, TENANT_FILE);
  const checkedBundle = checkBundle({ root, tenantText, assets, config });
  const { checked } = checkedBundle;
  const problems = [...checkedBundle.problems, ...placeholderProblems(envName, config)];
  if (problems.length > 0) throw new ValidationError(problems);
  if (!options.skipDeployCliSchema) {
    const complaint = await deployCliValidate(tenantText, buildMappings(config, {}, { placeholders: true }));
    if (complaint) throw new ValidationError([complaint]);
  }
  return { checked };
}
