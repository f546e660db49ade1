// The whole build: Actions, Form and Flow bodies, then the checks over everything written.
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UserError } from '../user-error';
import { secretValuesFromEnvironment } from '../secret-patterns';
import { declaredDependencies, parseTenantYaml, readTenantText, TENANT_FILE } from '../tenant-file';
import { bundleActions } from './bundle-actions';
import { type BuiltFile, checkBuiltFiles } from './check-built-files';
import { writeFormBodies } from './write-form-bodies';

export class BuildError extends UserError {
  constructor(readonly problems: string[]) {
    super(`The build failed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export interface BuildOptions {
  readonly outDir: string;
  /** Defaults to <root>/actions; tests point it at fixtures. */
  readonly actionsDir?: string;
  readonly env: NodeJS.ProcessEnv;
}

export async function buildBundle(root: string, options: BuildOptions): Promise<BuiltFile[]> {
  const assets = parseTenantYaml(readTenantText(root), TENANT_FILE);
  rmSync(options.outDir, { recursive: true, force: true });
  let files: BuiltFile[];
  try {
    files = [
      ...(await bundleActions({
        actionsDir: options.actionsDir ?? join(root, 'actions'),
        outDir: options.outDir,
        declaredDependencies: declaredDependencies(assets),
      })),
      ...writeFormBodies(options.outDir),
    ];
  } catch (error) {
    const esbuildErrors = (error as { errors?: { text: string }[] }).errors;
    if (esbuildErrors) throw new BuildError(esbuildErrors.map((e) => e.text));
    throw error;
  }
  const problems = checkBuiltFiles(dirname(options.outDir), files, {
    knownSecretValues: secretValuesFromEnvironment(options.env),
  });
  if (problems.length > 0) {
    // Nothing half-checked is left for deploy-cli to pick up.
    rmSync(options.outDir, { recursive: true, force: true });
    throw new BuildError(problems);
  }
  return files;
}
