// What a real `a0deploy` child needs to run with the project's slim Auth0#validate
// (scripts/lib/validate/deploy-cli-schema.ts) in place of deploy-cli's whole-schema compile:
// NODE_OPTIONS that preload tsx's CommonJS hook, then deploy-cli-slim-validate-preload.ts.
// Kept apart from the preload itself, which swaps deploy-cli's validate as soon as it is loaded.
import { join } from 'node:path';

/** The line the preload writes to stderr as the child exits, followed by the number of calls. */
export const SLIM_VALIDATE_CALLS = 'deploy-cli-slim-validate-preload: slim Auth0#validate calls:';

const PRELOAD = join(__dirname, 'deploy-cli-slim-validate-preload.ts');

/** The child's NODE_OPTIONS: any it already has, then tsx's CommonJS hook and the preload. */
export function slimValidateNodeOptions(existing = process.env.NODE_OPTIONS ?? ''): string {
  // Double quotes keep a path with spaces in one option (node's NODE_OPTIONS parsing).
  const preload = (path: string) => `--require ${JSON.stringify(path)}`;
  return [existing, preload(require.resolve('tsx/cjs')), preload(PRELOAD)].filter((o) => o !== '').join(' ');
}
