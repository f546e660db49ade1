// The ID token of a login (OpenID Connect Core §2): signed RS256 with the tenant's key, for the
// client (aud), about the user as stored at the exchange, with the nonce of the request and the
// time of the last first-factor authentication (auth_time: docs authenticate/login/max-age-reauthentication).
import type { StoredUser } from '../state/types';
import type { AuthorizationCode } from './login-state';
import { type SigningKey, signWithTenantKey } from './signing-key';

/** The issuer: the login side's own URL with a trailing slash, as Auth0's iss is https://{domain}/. */
export const issuerOf = (httpUrl: string): string => `${httpUrl}/`;

export interface IdTokenInput {
  readonly issuer: string;
  readonly code: AuthorizationCode;
  readonly user: StoredUser;
  readonly nowMs: number;
  readonly lifetimeSeconds: number;
}

export function idTokenClaims(input: IdTokenInput): Record<string, unknown> {
  const { code, user } = input;
  const iat = Math.floor(input.nowMs / 1000);
  const scope = new Set(code.scope);
  return {
    iss: input.issuer,
    sub: user.user_id,
    aud: code.clientId,
    iat,
    exp: iat + input.lifetimeSeconds,
    auth_time: Math.floor(code.authTimeMs / 1000),
    ...(code.nonce === undefined ? {} : { nonce: code.nonce }),
    ...(code.amr.length > 0 ? { amr: [...code.amr] } : {}),
    ...(code.acr === undefined ? {} : { acr: code.acr }),
    ...(scope.has('email') ? { email: user.email, email_verified: user.email_verified } : {}),
    ...(scope.has('profile')
      ? { name: user.name, nickname: user.nickname, picture: user.picture, updated_at: user.updated_at }
      : {}),
  };
}

export function signIdToken(input: IdTokenInput, key: SigningKey): Promise<string> {
  return signWithTenantKey(idTokenClaims(input), key);
}
