// Writes the Form and Flow bodies (TypeScript values in forms/) as the JSON files deploy-cli reads.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BUNDLED_FLOWS, BUNDLED_FORMS } from '../../../forms/bundle';
import type { BuiltFile } from './check-built-files';

export function writeFormBodies(outDir: string): BuiltFile[] {
  const entries = [
    ...BUNDLED_FLOWS.map((f) => ({ file: f.file, body: f.body, kind: 'flow' as const })),
    ...BUNDLED_FORMS.map((f) => ({ file: f.file, body: f.body, kind: 'form' as const })),
  ];
  return entries.map(({ file, body, kind }) => {
    const path = join(outDir, file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${JSON.stringify(body, null, 2)}\n`);
    return { path, kind };
  });
}
