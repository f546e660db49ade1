// What npm run revert checks before it calls anything, or loads the auth0 SDK to: the change id's
// form and, on a real tenant, the file the ticket goes to.
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { UserError } from '../user-error';
import type { RecoveryTarget } from './recovery-target';

/** A change id is the UUID the flows write; anything else is refused before it reaches a query. */
export const CHANGE_ID_FORMAT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Checks what can be checked before any call: a real tenant's ticket file. */
export function checkTicketFile(
  target: RecoveryTarget,
  options: { readonly ticketFile: string | undefined; readonly dryRun: boolean },
): void {
  if (target.kind === 'local-tenant' || options.dryRun) return;
  if (!options.ticketFile) {
    throw new UserError(
      'On a real tenant, pass --ticket-file <path>: the password-reset ticket is a URL that Auth0 does not email (support delivers it), ' +
        'and a credential, so it is written to that file (readable by you only) and never printed. Nothing was read or changed.',
    );
  }
  if (existsSync(options.ticketFile))
    throw new UserError(
      `--ticket-file ${options.ticketFile} exists already: name a new file; nothing was read or changed.`,
    );
  if (!existsSync(dirname(options.ticketFile)))
    throw new UserError(
      `--ticket-file: the folder ${dirname(options.ticketFile)} does not exist; nothing was read or changed.`,
    );
}
