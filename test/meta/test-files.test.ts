// One suffix, one glob: a test file whose name misses `.test.ts` would silently never run.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from '../helpers/paths';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

test('every file under test/ that declares tests is named *.test.ts, so jest runs it', () => {
  const hidden = filesUnder(join(ROOT, 'test'))
    .filter((f) => /\.(ts|js|mjs|cjs)$/.test(f) && !f.endsWith('.test.ts'))
    .filter((f) => /^\s*(describe|test|it)(\.each|\.only)?\s*\(/m.test(readFileSync(f, 'utf8')))
    .map((f) => relative(ROOT, f));
  expect(hidden).toEqual([]);
});
