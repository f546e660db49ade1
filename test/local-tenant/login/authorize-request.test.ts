// The checks of an /authorize request, as a pure function: which problems stay on the error page
// (unknown client, a redirect_uri that is not a callback) and which go back to the app.
import { checkAuthorizeRequest } from '../../../local-tenant/login/authorize-request';
import type { JsonObject } from '../../../local-tenant/state/types';

const CALLBACK = 'http://app.test/callback';
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
const spa: JsonObject = {
  client_id: 'spa',
  name: 'SPA',
  token_endpoint_auth_method: 'none',
  grant_types: ['authorization_code'],
  callbacks: [CALLBACK],
};
const web: JsonObject = {
  client_id: 'web',
  name: 'Web',
  token_endpoint_auth_method: 'client_secret_post',
  grant_types: ['authorization_code'],
  callbacks: [CALLBACK],
};
const m2m: JsonObject = {
  client_id: 'm2m',
  name: 'M2M',
  token_endpoint_auth_method: 'client_secret_post',
  grant_types: ['client_credentials'],
  callbacks: [CALLBACK],
};

function check(params: Record<string, string>) {
  return checkAuthorizeRequest(new URLSearchParams(params), [spa, web, m2m]);
}

const good = {
  client_id: 'spa',
  redirect_uri: CALLBACK,
  response_type: 'code',
  state: 's1',
  code_challenge: CHALLENGE,
  code_challenge_method: 'S256',
};

test('a good request: everything the login needs, the query kept whole for the Actions', () => {
  const result = check({
    ...good,
    scope: 'openid email',
    prompt: 'login',
    max_age: '0',
    ui_locales: 'es en',
    acr_values: 'x y',
    email_change: 'true',
  });
  expect(result.kind).toBe('ok');
  if (result.kind !== 'ok') return;
  expect(result.request).toMatchObject({
    clientId: 'spa',
    redirectUri: CALLBACK,
    responseMode: 'query',
    state: 's1',
    scope: ['openid', 'email'],
    codeChallenge: CHALLENGE,
    maxAgeSeconds: 0,
    prompt: ['login'],
    uiLocales: ['es', 'en'],
    acrValues: ['x', 'y'],
  });
  expect(result.request.query.email_change).toBe('true');
});

test.each([
  ['no client_id', { ...good, client_id: '' }, 'Missing required parameter: client_id'],
  ['an unknown client', { ...good, client_id: 'nobody' }, 'Unknown client: nobody'],
  ['no redirect_uri', { ...good, redirect_uri: '' }, 'Missing required parameter: redirect_uri'],
  [
    'a redirect_uri one slash off',
    { ...good, redirect_uri: 'http://app.test/callback/' },
    'Callback URL mismatch: http://app.test/callback/ is not one of the allowed callback URLs of the application "SPA".',
  ],
])('%s stays on the error page', (_label, params, description) => {
  const result = check(params);
  expect(result.kind).toBe('error-page');
  expect(result.kind === 'error-page' && result.description).toContain(description);
});

test.each([
  [
    'response_type=token',
    { ...good, response_type: 'token' },
    'unsupported_response_type',
    'Unsupported response type: token.',
  ],
  ['no response_type', { ...good, response_type: '' }, 'invalid_request', 'Missing required parameter: response_type'],
  [
    'response_mode=fragment',
    { ...good, response_mode: 'fragment' },
    'invalid_request',
    'Unsupported response_mode: fragment.',
  ],
  [
    'a client without the code grant',
    { ...good, client_id: 'm2m' },
    'unauthorized_client',
    "Grant type 'authorization_code' not allowed for the client.",
  ],
  [
    'a plain PKCE challenge',
    { ...good, code_challenge_method: 'plain' },
    'invalid_request',
    'code_challenge_method must be S256 (got plain).',
  ],
  [
    'a challenge that is no SHA-256',
    { ...good, code_challenge: 'short' },
    'invalid_request',
    'code_challenge must be the base64url SHA-256 of the code_verifier (43 characters).',
  ],
  [
    'a public client without PKCE',
    { client_id: 'spa', redirect_uri: CALLBACK, response_type: 'code', state: 's1' },
    'invalid_request',
    'This application has no client secret: send a PKCE code_challenge',
  ],
  [
    'prompt=none with login',
    { ...good, prompt: 'none login' },
    'invalid_request',
    'prompt=none cannot be combined with other prompt values.',
  ],
  ['an unknown prompt', { ...good, prompt: 'please' }, 'invalid_request', 'Unsupported prompt value: please'],
  [
    'a negative max_age',
    { ...good, max_age: '-1' },
    'invalid_request',
    'max_age must be a whole number of seconds, got "-1".',
  ],
])('%s goes back to the app with an OAuth error and its state', (_label, params, error, description) => {
  const result = check(params);
  expect(result).toMatchObject({ kind: 'callback-error', redirectUri: CALLBACK, state: 's1', error });
  expect(result.kind === 'callback-error' && result.description).toContain(description);
});

test('a confidential client may go without PKCE; form_post is kept for the answer', () => {
  const result = check({ client_id: 'web', redirect_uri: CALLBACK, response_type: 'code', response_mode: 'form_post' });
  expect(result).toMatchObject({ kind: 'ok', request: { responseMode: 'form_post' } });
  expect(result.kind === 'ok' && result.request.codeChallenge).toBeUndefined();
});
