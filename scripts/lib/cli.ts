// Runs a script's main function. A UserError prints its message; anything else, its stack.
// Either way the exit code is 1, so that npm and CI see the failure.
import { UserError } from './user-error';

export function runCli(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error instanceof UserError ? error.message : error instanceof Error ? error.stack : String(error));
    process.exitCode = 1;
  });
}
