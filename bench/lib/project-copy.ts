// A copy of the project's sources in a temp folder, with node_modules linked, to run its npm
// scripts as a user would without touching the real dist/ or config/ (the bench's deploys and
// timings, and the tests that run the scripts).
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TENANT_FILE } from '../../scripts/lib/tenant-file';

const ROOT = join(__dirname, '..', '..');

/** The source folders tsconfig.json compiles, but for the tests and the bench: what a script can import. */
const SOURCE_FOLDERS = (
  JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8')) as { include: string[] }
).include.filter((folder) => folder !== 'test' && folder !== 'bench');

/** What a copy holds: the sources, tenant.yaml, config/ and the npm and TypeScript settings. */
export const PROJECT_ENTRIES = [TENANT_FILE, 'config', ...SOURCE_FOLDERS, 'package.json', 'tsconfig.json'];

export function copyProject(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  for (const entry of PROJECT_ENTRIES) cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
