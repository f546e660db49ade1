// A temporary copy of the project's templates/ and config/, for tests that edit or push
// templates: the repository's own files are never touched.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './paths';

export function copyTemplatesProject(dir: string): string {
  cpSync(join(ROOT, 'templates'), join(dir, 'templates'), {
    recursive: true,
    filter: (source) => !source.includes(`${join('templates', '.preview')}`),
  });
  cpSync(join(ROOT, 'config'), join(dir, 'config'), { recursive: true });
  return dir;
}

/** Replaces the first `from` in a project file; fails the test if `from` is not there. */
export function editFile(root: string, path: string, from: string, to: string): void {
  const file = join(root, path);
  const text = readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${path} does not contain ${JSON.stringify(from)}`);
  writeFileSync(file, text.replace(from, to));
}

/** The 1-based line of the first `needle` in a project file. */
export function lineOf(root: string, path: string, needle: string): number {
  const text = readFileSync(join(root, path), 'utf8');
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`${path} does not contain ${JSON.stringify(needle)}`);
  return text.slice(0, index).split('\n').length;
}
