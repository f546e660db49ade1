// The demo app's side of the code flow with PKCE, through openid-client as any app would: it knows
// the tenant only by its issuer URL, finds the endpoints by discovery, exchanges the code, and
// lets the library check the ID token (signature against the published JWKS, iss, aud, exp,
// nonce, state) before believing a word of it. The login side is served over plain
// http://localhost (its issuer is http://localhost:<port>/), which openid-client accepts only
// when told to (allowInsecureRequests); its calls use the fetch the caller gives, the one that
// trusts the tenant's own certificate (local-tenant/shared/own-certificate-trust.ts).
import * as oidc from 'openid-client';

export interface DemoClientConfig {
  /** The tenant's login URL, http://localhost:<port> (the issuer is this with a trailing slash). */
  readonly tenantUrl: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly now: () => number;
  readonly fetch: typeof fetch;
}

export interface IdTokenClaims {
  readonly sub: string;
  readonly email?: string;
  readonly email_verified?: boolean;
  readonly name?: string;
  readonly auth_time?: number;
  readonly amr?: string[];
  readonly iat: number;
  readonly exp: number;
}

/** What the app remembers between the redirect to /authorize and the callback. */
export interface PendingChecks {
  readonly state: string;
  readonly nonce: string;
  readonly verifier: string;
}

export class DemoSignInError extends Error {}

const DISCOVERY_TIMEOUT_SECONDS = 10;

const discovered = new Map<string, Promise<oidc.Configuration>>();

/** The tenant's configuration for this client, by discovery (once per issuer and client). */
function configuration(config: DemoClientConfig): Promise<oidc.Configuration> {
  const key = `${config.tenantUrl} ${config.clientId}`;
  let found = discovered.get(key);
  if (!found) {
    // clockSkew: the library's clock is the app's (a test may inject one).
    const metadata: Partial<oidc.ClientMetadata> = { [oidc.clockSkew]: Math.round((config.now() - Date.now()) / 1000) };
    found = oidc
      .discovery(new URL(config.tenantUrl), config.clientId, metadata, oidc.None(), {
        execute: [oidc.allowInsecureRequests],
        [oidc.customFetch]: config.fetch as oidc.CustomFetch,
        timeout: DISCOVERY_TIMEOUT_SECONDS,
      })
      .then((server) => {
        // The token response comes over plain HTTP: check the ID token's signature against jwks_uri too.
        oidc.enableNonRepudiationChecks(server);
        return server;
      });
    found.catch(() => discovered.delete(key));
    discovered.set(key, found);
  }
  return found;
}

function signInError(error: unknown): DemoSignInError {
  if (error instanceof oidc.ResponseBodyError)
    return new DemoSignInError(`The code exchange failed: ${error.error}: ${error.error_description ?? ''}`);
  const cause = (error as { cause?: unknown }).cause;
  const detail = cause instanceof Error ? ` (${cause.message})` : '';
  return new DemoSignInError(`The sign-in could not be completed: ${(error as Error).message}${detail}`);
}

/** A fresh state, nonce and PKCE verifier, and the /authorize URL that carries them with `extra`. */
export async function authorizeUrl(
  config: DemoClientConfig,
  extra: Record<string, string>,
): Promise<{ url: string; checks: PendingChecks }> {
  let server: oidc.Configuration;
  try {
    server = await configuration(config);
  } catch (error) {
    throw signInError(error);
  }
  const checks: PendingChecks = {
    state: oidc.randomState(),
    nonce: oidc.randomNonce(),
    verifier: oidc.randomPKCECodeVerifier(),
  };
  const url = oidc.buildAuthorizationUrl(server, {
    response_type: 'code',
    redirect_uri: config.redirectUri,
    scope: 'openid profile email',
    state: checks.state,
    nonce: checks.nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(checks.verifier),
    code_challenge_method: 'S256',
    ...extra,
  });
  return { url: url.href, checks };
}

/** The code exchange and the ID token's checks; throws DemoSignInError with what went wrong. */
export async function exchangeCode(
  config: DemoClientConfig,
  callbackUrl: URL,
  checks: PendingChecks,
): Promise<{ idToken: string; claims: IdTokenClaims }> {
  try {
    const tokens = await oidc.authorizationCodeGrant(await configuration(config), callbackUrl, {
      pkceCodeVerifier: checks.verifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (tokens.id_token === undefined || claims === undefined)
      throw new DemoSignInError('The token response has no ID token.');
    return { idToken: tokens.id_token, claims: claims as unknown as IdTokenClaims };
  } catch (error) {
    if (error instanceof DemoSignInError) throw error;
    throw signInError(error);
  }
}
