// Bundles each Action (actions/<name>/index.ts) into dist/actions/<name>/code.js: CommonJS for
// Node 22, minified (Auth0 runs CJS JavaScript only, docs/platform-facts.md §1). npm packages are
// left to Auth0 to install only when tenant.yaml declares them; any other import fails the build.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import type { BuiltFile } from './check-built-files';

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

/**
 * The entry esbuild bundles for an Action: a CommonJS module that imports the Action's handlers
 * and assigns them to `exports`. From an entry with ES exports (index.ts itself), esbuild's
 * CommonJS output defines every export as a getter on a fresh object (__export, __toCommonJS),
 * which each new Action instance pays before its first login (bench, issue 10: cold start 1.56x an
 * empty Action with it, 1.14x without). An entry with no ES exports has nothing to convert: esbuild
 * bundles the imports and leaves `exports.name = binding;` as written, the module shape Auth0
 * runs (docs/platform-facts.md §1). "use strict" as a banner: the handlers were written as ES module
 * code, which is strict.
 */
function commonJsEntry(entry: string, exportNames: readonly string[]): Pick<BuildOptions, 'stdin' | 'banner'> {
  const names = [...exportNames].sort();
  const contents = [
    `import { ${names.join(', ')} } from ${JSON.stringify(`./${basename(entry)}`)};`,
    ...names.map((name) => `exports.${name} = ${name};`),
  ].join('\n');
  return {
    stdin: { contents, resolveDir: dirname(entry), sourcefile: `${basename(entry)} (CommonJS entry)`, loader: 'ts' },
    banner: { js: '"use strict";' },
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
    // What the Action exports, from esbuild's own analysis of its entry (the metafile).
    const analysed = await build({ ...common, format: 'esm', metafile: true });
    const exportNames = Object.values(analysed.metafile?.outputs ?? {})[0]?.exports ?? [];
    const { entryPoints: _analysedOnly, ...settings } = common;
    const code =
      (await build({ ...settings, ...commonJsEntry(entry, exportNames), format: 'cjs' })).outputFiles?.[0]?.text ?? '';
    const dir = join(options.outDir, 'actions', name);
    mkdirSync(dir, { recursive: true });
    const path = join(dir, 'code.js');
    writeFileSync(path, code);
    built.push({ path, kind: 'action' });
  }
  return built;
}
