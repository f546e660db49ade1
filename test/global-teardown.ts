// Removes the bundle test/global-setup.ts built for this run.
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';

export default function globalTeardown(): void {
  const outDir = process.env.TEST_DIST_DIR;
  if (outDir) rmSync(dirname(outDir), { recursive: true, force: true });
}
