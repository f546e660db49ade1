import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
export const DIST = join(ROOT, 'dist');
export const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
