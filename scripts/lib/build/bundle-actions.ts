// Bundles each Action (actions/<name>/index.ts) into dist/actions/<name>/code.js: CommonJS for
// Node 22, minified (Auth0 runs CJS JavaScript only, platform-facts.md §1). npm packages are
// left to Auth0 to install only when tenant.yaml declares them; any other import fails the build.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import type { BuiltFile } from './check-built-files';
import { toPlainCommonJsExports } from './plain-commonjs-exports';

export interface ActionBundleOptions {
  readonly actionsDir: string;
  readonly outDir: string;
  /** npm dependencies tenant.yaml declares, per action name. */
  readonly declaredDependencies: Readonly<Record<string, readonly string[]>>;
}

export function actionNames(actionsDir: string): string[] {
  return readdirSync(actionsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(actionsDir, d.name, 'index.ts')))
    .map((d) => d.name)
    .sort();
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string);
}

function dependencyGuard(action: string, declared: readonly string[]): Plugin {
  const builtins = new Set(builtinModules);
  return {
    name: 'dependency-guard',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        const name = packageName(args.path);
        if (args.path.startsWith('node:') || builtins.has(name)) return { path: args.path, external: true };
        if (declared.includes(name)) return { path: args.path, external: true };
        return {
          errors: [
            {
              text:
                `actions/${action} imports "${name}", which tenant.yaml does not declare in the action's dependencies. ` +
                'Declare it there (Auth0 installs it) or remove the import.',
            },
          ],
        };
      });
    },
  };
}

export async function bundleActions(options: ActionBundleOptions): Promise<BuiltFile[]> {
  const built: BuiltFile[] = [];
  for (const name of actionNames(options.actionsDir)) {
    const entry = join(options.actionsDir, name, 'index.ts');
    const common: BuildOptions & { write: false } = {
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      target: 'node22',
      minify: true,
      legalComments: 'none',
      write: false,
      logLevel: 'silent',
      plugins: [dependencyGuard(name, options.declaredDependencies[name] ?? [])],
    };
    // An Action that imports nothing at run time gets plain CommonJS exports (plain-commonjs-exports.ts);
    // one that requires a builtin or a declared dependency keeps esbuild's CommonJS output.
    const esm = await build({ ...common, format: 'esm', metafile: true });
    const output = Object.values(esm.metafile?.outputs ?? {})[0];
    const code =
      output && output.imports.length === 0
        ? toPlainCommonJsExports(esm.outputFiles?.[0]?.text ?? '', output.exports)
        : ((await build({ ...common, format: 'cjs' })).outputFiles?.[0]?.text ?? '');
    const dir = join(options.outDir, 'actions', name);
    mkdirSync(dir, { recursive: true });
    const path = join(dir, 'code.js');
    writeFileSync(path, code);
    built.push({ path, kind: 'action' });
  }
  return built;
}
