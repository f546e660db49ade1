import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
/** The bundle built for this test run by test/global-setup.ts. */
export const DIST = process.env.TEST_DIST_DIR ?? join(ROOT, 'dist');
export const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
