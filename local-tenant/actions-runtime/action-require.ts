// The `require` an Action's code gets: Node's built-in modules, and the npm packages the Action
// declares (Auth0 installs those; docs/platform-facts.md §1, docs manage-dependencies.mdx). Anything
// else fails as Node fails a missing module, the way Auth0's require (Node's createRequire) does.
// Every call is recorded, so a test can show which modules the Action loaded.
import { builtinModules, createRequire } from 'node:module';
import { join } from 'node:path';

export interface RequireRecord {
  readonly specifier: string;
  readonly allowed: boolean;
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string);
}

export function isBuiltinModule(specifier: string): boolean {
  return (
    specifier.startsWith('node:') ||
    builtinModules.includes(specifier) ||
    builtinModules.includes(packageName(specifier))
  );
}

export function createActionRequire(
  dependencies: readonly string[],
  records: RequireRecord[],
  /** Where declared packages are resolved from: the local tenant's own node_modules. */
  resolveFrom: string = join(process.cwd(), 'package.json'),
): (specifier: string) => unknown {
  const hostRequire = createRequire(resolveFrom);
  return (specifier: string): unknown => {
    const allowed =
      typeof specifier === 'string' && (isBuiltinModule(specifier) || dependencies.includes(packageName(specifier)));
    records.push({ specifier: String(specifier), allowed });
    if (!allowed) {
      const error = new Error(`Cannot find module '${String(specifier)}'`) as Error & { code: string };
      error.code = 'MODULE_NOT_FOUND';
      throw error;
    }
    return hostRequire(specifier);
  };
}
