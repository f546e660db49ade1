// Runs a script's main function. A UserError prints its message, a network failure its cause in
// words; anything else, its stack.
// Either way the exit code is 1, so that npm and CI see the failure. A network failure anywhere
// (fetch, axios, the auth0 SDK) never shows as `TypeError: fetch failed` and a stack.
import { networkErrorOf } from '../../local-tenant/shared/network-error';
import { UserError } from './user-error';

export function runCli(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    const network = error instanceof UserError ? undefined : networkErrorOf(error);
    console.error(
      error instanceof UserError
        ? error.message
        : network
          ? `Network error: ${network.message}`
          : error instanceof Error
            ? error.stack
            : String(error),
    );
    process.exitCode = 1;
  });
}
