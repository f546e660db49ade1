import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
/** The bundle built for this test run by test/global-setup.ts. */
export const DIST = process.env.TEST_DIST_DIR ?? join(ROOT, 'dist');

/** How package.json's npm scripts start node for a TypeScript script: tsx as a loader, in one process. */
export const SCRIPT_LAUNCHER = ['--import', 'tsx'] as const;

/**
 * node's arguments that run a project script as `npm run <name>` runs it (`node --import tsx
 * scripts/<name>.ts ...`), for spawn(process.execPath, scriptArgs('scripts/revert.ts', ...)).
 * node resolves tsx from the child's working directory: the project, or a copy with node_modules
 * linked.
 */
export function scriptArgs(script: string, ...args: string[]): string[] {
  return [...SCRIPT_LAUNCHER, script, ...args];
}
