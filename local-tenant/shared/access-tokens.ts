// Access tokens for the Management API: issued at /oauth/token (client credentials, the tokens
// service), checked on every Management API call (the management-api service), signed with the
// tenant's secret (state.secrets.tokenSigningKey).
import { signHs256, verifyHs256 } from './jwt';

// docs/platform-facts.md §4: client-credentials tokens live 86,400 s by default.
export const ACCESS_TOKEN_LIFETIME_SECONDS = 86_400;

export const managementAudience = (domain: string): string => `https://${domain}/api/v2/`;

export type AccessTokenClaims = {
  iss: string;
  sub: string;
  aud: string;
  iat: number;
  exp: number;
  scope: string;
  gty: 'client-credentials';
  azp: string;
};

export async function issueAccessToken(
  signingSecret: string,
  input: { domain: string; clientId: string; audience: string; scopes: readonly string[]; nowMs: number },
): Promise<{ token: string; expiresIn: number }> {
  const iat = Math.floor(input.nowMs / 1000);
  const claims: AccessTokenClaims = {
    iss: `https://${input.domain}/`,
    sub: `${input.clientId}@clients`,
    aud: input.audience,
    iat,
    exp: iat + ACCESS_TOKEN_LIFETIME_SECONDS,
    scope: input.scopes.join(' '),
    gty: 'client-credentials',
    azp: input.clientId,
  };
  return { token: await signHs256(claims, signingSecret), expiresIn: ACCESS_TOKEN_LIFETIME_SECONDS };
}

export type TokenCheck = { ok: true; clientId: string; scopes: ReadonlySet<string> } | { ok: false; message: string };

/**
 * Checks a bearer token for the Management API. Auth0 answers 401 to a missing, malformed,
 * badly signed, expired or wrong-audience token; the exact wording of each message is not
 * documented, these say what is wrong.
 */
export async function checkAccessToken(
  signingSecret: string,
  authorization: string | undefined,
  input: { domain: string; nowMs: number },
): Promise<TokenCheck> {
  if (!authorization) return { ok: false, message: 'Missing authentication' };
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  if (!match) return { ok: false, message: 'Bad HTTP authentication header format' };
  const result = await verifyHs256(match[1] as string, signingSecret, Math.floor(input.nowMs / 1000));
  if (!result.ok) {
    const messages = {
      malformed: 'Invalid token',
      signature: 'Invalid signature received for JSON Web Token validation',
      expired: 'Expired token received for JSON Web Token validation',
    };
    return { ok: false, message: messages[result.reason] };
  }
  const claims = result.claims as Partial<AccessTokenClaims>;
  if (claims.aud !== managementAudience(input.domain)) {
    return { ok: false, message: `Bad audience: ${String(claims.aud)}` };
  }
  return {
    ok: true,
    clientId: String(claims.azp),
    scopes: new Set(typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : []),
  };
}
