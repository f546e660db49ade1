// Starts the local tenant as npm start and npm run local-tenant run it: on the ports and in the
// state folder the environment names (local-tenant-ports.ts), with the demo app and the project's
// sender verified, printing one line per flow execution and per email as they happen
// (local-tenant/state/terminal-lines.ts).
import { type LocalTenant, startLocalTenant } from '../../local-tenant';
import { DEMO_APP_SURFACES } from '../../demo-app/demo-app-surfaces';
import { localSenderEmail } from './environment-config';
import { localTenantPlace } from './local-tenant-ports';
import { UserError } from './user-error';

/** A port the local tenant needs is taken. */
export class PortInUseError extends UserError {
  override name = 'PortInUseError';
}

/** `likelyHolder`: who probably holds the port, for the message (another local tenant, ...). */
export async function startProjectTenant(
  root: string,
  options: { reset: boolean; likelyHolder: string },
): Promise<LocalTenant> {
  const { httpsPort, httpPort, stateDir } = localTenantPlace(root);
  try {
    // docs/design.md: the demo client and user are seeded on first start, and DEMO_* written to the env file.
    return await startLocalTenant({
      stateDir,
      reset: options.reset,
      httpsPort,
      httpPort,
      demo: true,
      apps: DEMO_APP_SURFACES,
      verifiedSenders: [localSenderEmail(root)],
      log: (line) => console.log(line),
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    throw new PortInUseError(
      `Port ${httpsPort} or ${httpPort} is in use (${options.likelyHolder}). Stop it, or choose others with LOCAL_TENANT_HTTPS_PORT and LOCAL_TENANT_HTTP_PORT.`,
    );
  }
}
