// A real @sendgrid/client pointed at a local tenant's SendGrid stand-in.
import sendgridModule from '@sendgrid/client';

type SendgridClient = typeof sendgridModule;
// The package exports its default instance, with the class as a property the types omit.
const { Client } = sendgridModule as unknown as { Client: new () => SendgridClient };

/**
 * A new client (never the shared default) for `baseUrl` and `apiKey`. docs/platform-facts.md §6:
 * setApiKey() resets the base URL, so it is set afterwards; no proxy for loopback.
 */
export function sendgridClient(
  env: { SENDGRID_BASE_URL: string; SENDGRID_API_KEY: string },
  apiKey = env.SENDGRID_API_KEY,
): SendgridClient {
  const client = new Client();
  client.setApiKey(apiKey);
  // `proxy` is an axios option the client passes through but does not type.
  client.setDefaultRequest({ baseUrl: env.SENDGRID_BASE_URL, proxy: false } as unknown as Parameters<
    SendgridClient['setDefaultRequest']
  >[0]);
  return client;
}
