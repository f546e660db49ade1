// The local tenant's own outbound calls (the Forms runtime's token requests and HTTP requests to
// its Management API and SendGrid stand-in go back to this same process over HTTPS) trust the tenant's own
// self-signed certificate explicitly, in-process. NODE_EXTRA_CA_CERTS is read once when Node
// starts, so a shell where it is unset, or points at the system bundle, must not decide whether
// `npm start` can send a code. Only this certificate is trusted: these calls never leave the tenant.
import { Agent as UndiciAgent, fetch as undiciFetch } from 'undici';

export interface OwnCertificateTrust {
  /** A fetch (the auth0 SDK's, the token cache's, HTTP/SEND_REQUEST's) that trusts the tenant's certificate. */
  readonly fetch: typeof fetch;
}

export function trustOwnCertificate(certificatePem: string): OwnCertificateTrust {
  const dispatcher = new UndiciAgent({ connect: { ca: certificatePem } });
  const trustingFetch = ((input: Parameters<typeof fetch>[0], init?: RequestInit) =>
    undiciFetch(input as Parameters<typeof undiciFetch>[0], {
      ...(init as Parameters<typeof undiciFetch>[1]),
      dispatcher,
    })) as unknown as typeof fetch;
  return { fetch: trustingFetch };
}
