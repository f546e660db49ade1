// A copy of the project (bench/lib/project-copy.ts) holds everything its scripts import: every
// relative import of a copied source lands in a copied folder, so npm start, deploy and validate
// run in a copy as in the repository (the bench's first npm start once failed on a folder the
// copy left out).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { PROJECT_ENTRIES } from '../../../bench/lib/project-copy';
import { ROOT } from '../../helpers/paths';

test('every relative import of a copied source lands in the copy', () => {
  const tracked = execFileSync('git', ['ls-files', '*.ts'], { cwd: ROOT, encoding: 'utf8' }).split('\n');
  // scripts/bench.ts (npm run bench) is the one script a copy does not run: the bench makes the copies.
  const copied = tracked.filter(
    (file) => PROJECT_ENTRIES.includes(file.split('/')[0] as string) && file !== 'scripts/bench.ts',
  );
  expect(copied.length).toBeGreaterThan(100);
  const outside = copied.flatMap((file) =>
    [
      ...readFileSync(join(ROOT, file), 'utf8').matchAll(
        /(?:from\s+|import\s*\(\s*|require\s*\(\s*)'(\.{1,2}\/[^']+)'/g,
      ),
    ]
      .map((m) => relative(ROOT, resolve(ROOT, dirname(file), m[1] as string)))
      .filter((target) => !PROJECT_ENTRIES.includes(target.split('/')[0] as string))
      .map((target) => `${file} -> ${target}`),
  );
  expect(outside).toEqual([]);
});
