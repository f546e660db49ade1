// Reads and checks an /authorize request. Until the client and its redirect_uri are known good,
// a problem is shown on an error page and never redirected (docs universal-login/error-pages: an
// invalid callback URL gets the error page); after that, problems go to the callback as OAuth
// errors with the app's state (RFC 6749 §4.1.2.1).
import type { JsonObject } from '../state/types';
import type { AuthorizeRequest } from './login-state';

export type AuthorizeCheck =
  | { readonly kind: 'error-page'; readonly error: string; readonly description: string }
  | {
      readonly kind: 'callback-error';
      readonly redirectUri: string;
      readonly responseMode: 'query' | 'form_post';
      readonly state?: string;
      readonly error: string;
      readonly description: string;
    }
  | { readonly kind: 'ok'; readonly request: AuthorizeRequest; readonly client: JsonObject };

const PROMPTS = ['none', 'login', 'consent', 'select_account'];
const RESPONSE_MODES = ['query', 'form_post'] as const;

const list = (value: string | null): string[] => (value ?? '').split(' ').filter(Boolean);

/** A public client has no secret to authenticate with at /oauth/token: PKCE is what binds its code. */
export function isPublicClient(client: JsonObject): boolean {
  return client.token_endpoint_auth_method === 'none';
}

export function checkAuthorizeRequest(query: URLSearchParams, clients: readonly JsonObject[]): AuthorizeCheck {
  const clientId = query.get('client_id');
  if (!clientId)
    return { kind: 'error-page', error: 'invalid_request', description: 'Missing required parameter: client_id' };
  const client = clients.find((c) => c.client_id === clientId);
  if (!client) return { kind: 'error-page', error: 'invalid_request', description: `Unknown client: ${clientId}` };
  const redirectUri = query.get('redirect_uri');
  if (!redirectUri)
    return { kind: 'error-page', error: 'invalid_request', description: 'Missing required parameter: redirect_uri' };
  const callbacks = Array.isArray(client.callbacks) ? client.callbacks.map(String) : [];
  // An exact match only: a redirect anywhere else would hand the code to whoever owns that URL.
  if (!callbacks.includes(redirectUri)) {
    return {
      kind: 'error-page',
      error: 'invalid_request',
      description: `Callback URL mismatch: ${redirectUri} is not one of the allowed callback URLs of the application "${String(client.name)}". Add it to the application's callbacks, or send one of those.`,
    };
  }

  const requestedMode = query.get('response_mode') ?? 'query';
  const responseMode = (RESPONSE_MODES as readonly string[]).includes(requestedMode)
    ? (requestedMode as 'query' | 'form_post')
    : 'query';
  const state = query.get('state') ?? undefined;
  const fail = (error: string, description: string): AuthorizeCheck => ({
    kind: 'callback-error',
    redirectUri,
    responseMode,
    ...(state === undefined ? {} : { state }),
    error,
    description,
  });
  if (!(RESPONSE_MODES as readonly string[]).includes(requestedMode)) {
    return fail(
      'invalid_request',
      `Unsupported response_mode: ${requestedMode}. The local tenant supports query and form_post.`,
    );
  }
  const responseType = query.get('response_type');
  if (!responseType) return fail('invalid_request', 'Missing required parameter: response_type');
  if (responseType !== 'code') {
    return fail(
      'unsupported_response_type',
      `Unsupported response type: ${responseType}. The local tenant implements the authorization code flow (response_type=code).`,
    );
  }
  const grantTypes = Array.isArray(client.grant_types) ? client.grant_types.map(String) : [];
  if (!grantTypes.includes('authorization_code')) {
    return fail('unauthorized_client', "Grant type 'authorization_code' not allowed for the client.");
  }
  const challenge = query.get('code_challenge') ?? undefined;
  const method = query.get('code_challenge_method');
  if (challenge !== undefined) {
    // RFC 7636 §4.3: without a method the challenge is "plain", which proves nothing against an attacker who saw it.
    if (method !== 'S256')
      return fail(
        'invalid_request',
        `code_challenge_method must be S256 (got ${method ?? 'none, which means plain'}).`,
      );
    // RFC 7636 §4.2: BASE64URL(SHA256(verifier)) is 43 characters.
    if (!/^[A-Za-z0-9_-]{43}$/.test(challenge))
      return fail(
        'invalid_request',
        'code_challenge must be the base64url SHA-256 of the code_verifier (43 characters).',
      );
  } else if (method !== null) {
    return fail('invalid_request', 'code_challenge_method was sent without a code_challenge.');
  } else if (isPublicClient(client)) {
    return fail(
      'invalid_request',
      'This application has no client secret: send a PKCE code_challenge with code_challenge_method=S256.',
    );
  }
  const prompt = list(query.get('prompt'));
  const unknownPrompt = prompt.find((p) => !PROMPTS.includes(p));
  if (unknownPrompt !== undefined) return fail('invalid_request', `Unsupported prompt value: ${unknownPrompt}`);
  // OpenID Connect Core §3.1.2.1: none with any other value is an error.
  if (prompt.includes('none') && prompt.length > 1)
    return fail('invalid_request', 'prompt=none cannot be combined with other prompt values.');
  const rawMaxAge = query.get('max_age');
  let maxAgeSeconds: number | undefined;
  if (rawMaxAge !== null) {
    if (!/^[0-9]{1,10}$/.test(rawMaxAge))
      return fail('invalid_request', `max_age must be a whole number of seconds, got "${rawMaxAge}".`);
    maxAgeSeconds = Number(rawMaxAge);
  }
  const nonce = query.get('nonce') ?? undefined;
  const loginHint = query.get('login_hint') ?? undefined;
  const request: AuthorizeRequest = {
    clientId,
    clientName: String(client.name ?? clientId),
    redirectUri,
    responseMode,
    ...(state === undefined ? {} : { state }),
    ...(nonce === undefined ? {} : { nonce }),
    scope: list(query.get('scope')),
    ...(challenge === undefined ? {} : { codeChallenge: challenge }),
    ...(maxAgeSeconds === undefined ? {} : { maxAgeSeconds }),
    prompt,
    uiLocales: list(query.get('ui_locales')),
    acrValues: list(query.get('acr_values')),
    ...(loginHint === undefined ? {} : { loginHint }),
    query: Object.fromEntries(query),
  };
  return { kind: 'ok', request, client };
}
