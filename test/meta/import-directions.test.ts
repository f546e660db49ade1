// The imports between the top-level folders run one way (issue 18): platform/ imports only
// itself; the local tenant models Auth0 and SendGrid, not our bundle or our tools; the bench and
// the scripts never import the tests. Read from the sources' relative imports.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { ROOT } from '../helpers/paths';

function sourcesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourcesUnder(join(dir, entry.name)) : /\.(ts|js)$/.test(entry.name) ? [join(dir, entry.name)] : [],
  );
}

/** "file -> top-level folder" for every relative import of `file` that leaves its own folder tree. */
function importsOf(file: string): { file: string; folder: string }[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const specifiers = [...text.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)'(\.{1,2}\/[^']+)'/g)].map((m) => m[1] as string);
  return specifiers.map((specifier) => ({ file, folder: relative(ROOT, resolve(ROOT, dirname(file), specifier)).split(sep)[0] as string }));
}

function importsFrom(dir: string, allowed: readonly string[], except: (file: string) => boolean = () => false): string[] {
  return sourcesUnder(dir)
    .filter((file) => !except(file))
    .flatMap(importsOf)
    .filter((use) => !allowed.includes(use.folder))
    .map((use) => `${use.file} -> ${use.folder}/`);
}

test('platform/ imports only platform/', () => {
  expect(importsFrom('platform', ['platform'])).toEqual([]);
});

test('local-tenant/ imports only local-tenant/ and platform/ (the demo app, an app, is moving out)', () => {
  expect(importsFrom('local-tenant', ['local-tenant', 'platform'], (file) => file.startsWith(join('local-tenant', 'demo-app')))).toEqual([]);
});

test('scripts/ and bench/ never import test/', () => {
  const all = ['platform', 'actions', 'forms', 'templates', 'local-tenant', 'scripts', 'bench', 'demo-app', 'node_modules'];
  expect(importsFrom('scripts', all.filter((folder) => folder !== 'bench'), (file) => file === join('scripts', 'bench.ts'))).toEqual([]);
  expect(importsFrom('bench', all)).toEqual([]);
});

test('the product (actions/, forms/, templates/) imports only itself and platform/', () => {
  expect(importsFrom('actions', ['actions', 'platform'])).toEqual([]);
  expect(importsFrom('forms', ['actions', 'forms', 'templates', 'platform'])).toEqual([]);
  expect(importsFrom('templates', ['actions', 'forms', 'templates', 'platform'])).toEqual([]);
});
