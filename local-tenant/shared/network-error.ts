// Network failures in words: `TypeError: fetch failed` hides its reason in `error.cause.code`
// (undici), axios puts it in `error.code`, and the auth0 SDK keeps only a message. This reads
// whichever is there and says what happened and what to do, for every command and for the
// local tenant's own calls.

const CERTIFICATE_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

export type NetworkFailure = 'refused' | 'unknown-host' | 'untrusted-certificate' | 'reset' | 'timeout';

export interface NetworkErrorDescription {
  readonly kind: NetworkFailure;
  readonly code: string;
  /** One sentence: what happened and what to do. */
  readonly message: string;
}

function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const { code, name, message } = current as { code?: unknown; name?: unknown; message?: unknown };
    if (typeof code === 'string') codes.push(code);
    // Happy eyeballs: one error per address tried, each with its code.
    const { errors } = current as { errors?: unknown };
    if (Array.isArray(errors))
      for (const e of errors)
        if (typeof (e as { code?: unknown }).code === 'string') codes.push((e as { code: string }).code);
    if (name === 'TimeoutError' || name === 'AbortError') codes.push(name);
    // The auth0 SDK rethrows with only the text: keep the codes the text names.
    if (typeof message === 'string')
      for (const m of message.matchAll(/\b(E[A-Z_]{4,}|[A-Z_]*CERT[A-Z_]*|UND_ERR_[A-Z_]+)\b/g)) codes.push(m[1]!);
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}

function hostOf(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const { address, port, hostname, host } = current as Record<string, unknown>;
    if (typeof hostname === 'string') return hostname;
    if (typeof address === 'string') return typeof port === 'number' ? `${address}:${port}` : address;
    if (typeof host === 'string') return host;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** What kind of network failure `error` is, in words; undefined when it is not one. */
export function networkErrorOf(error: unknown, target?: string): NetworkErrorDescription | undefined {
  const where = target ?? hostOf(error) ?? 'the server';
  const localHint = /localhost|127\.0\.0\.1|::1/.test(where);
  for (const code of codesOf(error)) {
    if (code === 'ECONNREFUSED') {
      return {
        kind: 'refused',
        code,
        message: `connection refused by ${where}: nothing is listening there.${localHint ? ' The local tenant is not running: start it with npm start (or npm run local-tenant) and try again.' : ' Check the address and that the service is up.'}`,
      };
    }
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
      return {
        kind: 'unknown-host',
        code,
        message: `unknown host ${where}: no such name could be resolved. Check AUTH0_DOMAIN (or the URL) for a typo, and this machine's network.`,
      };
    }
    if (CERTIFICATE_CODES.has(code)) {
      return {
        kind: 'untrusted-certificate',
        code,
        message: `untrusted certificate at ${where} (${code}).${localHint ? ' For the local tenant, point NODE_EXTRA_CA_CERTS at its certificate: set -a; . .local-tenant/env; set +a' : ' Check that the address is the server you meant; a corporate proxy needs its CA in NODE_EXTRA_CA_CERTS.'}`,
      };
    }
    if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET') {
      return {
        kind: 'reset',
        code,
        message: `the connection to ${where} was closed before it answered. Try again; if it goes on, the server is failing.`,
      };
    }
    if (
      code === 'ETIMEDOUT' ||
      code === 'UND_ERR_CONNECT_TIMEOUT' ||
      code === 'UND_ERR_HEADERS_TIMEOUT' ||
      code === 'TimeoutError' ||
      code === 'ECONNABORTED'
    ) {
      return {
        kind: 'timeout',
        code,
        message: `${where} did not answer in time. Try again; check the address and the network.`,
      };
    }
  }
  return undefined;
}

/** The error's message, or the network failure in words when it is one. */
export function describeNetworkError(error: unknown, target?: string): string {
  return networkErrorOf(error, target)?.message ?? (error instanceof Error ? error.message : String(error));
}
