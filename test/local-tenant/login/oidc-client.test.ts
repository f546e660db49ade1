// The login side as a real OpenID Connect client sees it: openid-client 6 (discovery, the code
// flow with PKCE, the ID token's signature checked against the JWKS) and jose as a second,
// independent verifier. What an attacker tries at the edges: a redirect_uri that is not a
// callback never gets a redirect, a wrong PKCE verifier gets nothing, a code works once.
import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as oidc from 'openid-client';
import { useLocalTenant } from '../../helpers/local-tenant';
import { HttpBrowser } from '../../helpers/http-browser';
import {
  APP_CALLBACK,
  authorizeUrl,
  createApp,
  createUser,
  exchange,
  pkce,
  signInAt,
  type TestApp,
} from '../../helpers/login-apps';

const tenant = useLocalTenant();

async function discover(app: TestApp, auth = oidc.None()): Promise<oidc.Configuration> {
  const config = await oidc.discovery(new URL(tenant().httpUrl), app.clientId, undefined, auth, {
    execute: [oidc.allowInsecureRequests],
  });
  // Check the ID token's signature with the keys of jwks_uri, not only the TLS-less response it came in.
  oidc.enableNonRepudiationChecks(config);
  return config;
}

/** Signs in through the pages with openid-client's authorization URL; returns the callback URL. */
async function callbackFor(
  config: oidc.Configuration,
  email: string,
  checks: { verifier: string; state: string; nonce: string },
): Promise<URL> {
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: APP_CALLBACK,
    scope: 'openid email profile',
    code_challenge: await oidc.calculatePKCECodeChallenge(checks.verifier),
    code_challenge_method: 'S256',
    state: checks.state,
    nonce: checks.nonce,
  });
  const page = await signInAt(new HttpBrowser(tenant().httpUrl), url, email);
  if (!page.callback) throw new Error(`the login did not reach the callback: ${page.url.href}\n${page.text}`);
  return page.callback;
}

function newChecks() {
  return { verifier: oidc.randomPKCECodeVerifier(), state: oidc.randomState(), nonce: oidc.randomNonce() };
}

test('discovery: the issuer is the login URL, with the endpoints and the algorithms a client needs', async () => {
  const config = await discover(await createApp(tenant()));
  const metadata = config.serverMetadata();
  const base = tenant().httpUrl;
  expect(metadata).toMatchObject({
    issuer: `${base}/`,
    authorization_endpoint: `${base}/authorize`,
    token_endpoint: `${base}/oauth/token`,
    userinfo_endpoint: `${base}/userinfo`,
    jwks_uri: `${base}/.well-known/jwks.json`,
    response_types_supported: ['code'],
    id_token_signing_alg_values_supported: ['RS256'],
  });
  expect(metadata.code_challenge_methods_supported).toEqual(['S256']);
});

test('the code flow with PKCE: an ID token signed with a JWKS key, for this client, with the nonce and the user', async () => {
  const app = await createApp(tenant());
  const user = await createUser(tenant(), 'oidc');
  const config = await discover(app);
  const checks = newChecks();
  const before = Math.floor(Date.now() / 1000);
  const callback = await callbackFor(config, user.email, checks);
  expect(callback.searchParams.get('state')).toBe(checks.state);

  const tokens = await oidc.authorizationCodeGrant(config, callback, {
    pkceCodeVerifier: checks.verifier,
    expectedState: checks.state,
    expectedNonce: checks.nonce,
  });
  const claims = tokens.claims();
  expect(claims).toMatchObject({
    iss: `${tenant().httpUrl}/`,
    aud: app.clientId,
    sub: user.user_id,
    email: user.email,
    email_verified: true,
    nonce: checks.nonce,
  });
  expect(claims?.auth_time).toBeGreaterThanOrEqual(before);
  expect((claims?.exp as number) - (claims?.iat as number)).toBe(36000);

  // A second, independent verifier: jose against the published JWKS.
  const jwks = createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri as string));
  const verified = await jwtVerify(tokens.id_token as string, jwks, {
    issuer: `${tenant().httpUrl}/`,
    audience: app.clientId,
    algorithms: ['RS256'],
  });
  expect(verified.payload.sub).toBe(user.user_id);
  expect(verified.protectedHeader.kid).toEqual(expect.any(String));

  const info = await oidc.fetchUserInfo(config, tokens.access_token, user.user_id);
  expect(info).toMatchObject({ sub: user.user_id, email: user.email, email_verified: true });
});

test('a confidential client exchanges with its secret; a wrong secret gets 401 and nothing else', async () => {
  const app = await createApp(tenant(), { confidential: true });
  const user = await createUser(tenant(), 'confidential');
  const checks = newChecks();
  const wrong = await discover(app, oidc.ClientSecretPost('not-the-secret'));
  const callback = await callbackFor(wrong, user.email, checks);
  const refused = await oidc
    .authorizationCodeGrant(wrong, callback, {
      pkceCodeVerifier: checks.verifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
    })
    .catch((e: unknown) => e);
  expect(refused).toMatchObject({ status: 401, error: 'access_denied', error_description: 'Unauthorized' });

  const right = await discover(app, oidc.ClientSecretPost(app.clientSecret));
  const again = newChecks();
  const tokens = await oidc.authorizationCodeGrant(right, await callbackFor(right, user.email, again), {
    pkceCodeVerifier: again.verifier,
    expectedState: again.state,
    expectedNonce: again.nonce,
  });
  expect(tokens.claims()?.sub).toBe(user.user_id);
});

test('a redirect_uri that is not exactly a callback of the client gets an error page, never a redirect', async () => {
  const app = await createApp(tenant());
  const browser = new HttpBrowser(tenant().httpUrl);
  const scripted = 'http://evil.test/"><script>alert(1)</script>';
  for (const redirectUri of [
    'http://evil.test/callback',
    `${APP_CALLBACK}/more`,
    `${APP_CALLBACK}?next=http://evil.test`,
    'http://APP.test/callback',
    scripted,
    '',
  ]) {
    const url = authorizeUrl(tenant(), app, pkce(), { redirect_uri: redirectUri });
    const response = await browser.request(url);
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    const { text } = response;
    expect(text).toContain(redirectUri === '' ? 'Missing required parameter: redirect_uri' : 'Callback URL mismatch');
    // The URL is shown to the person, escaped: it never becomes markup.
    if (redirectUri === scripted) {
      expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(text).not.toContain('<script>alert(1)');
    }
  }
  const unknown = await browser.request(
    authorizeUrl(tenant(), { clientId: 'no-such-client', clientSecret: '' }, pkce()),
  );
  expect(unknown.status).toBe(400);
  expect(unknown.headers.get('location')).toBeNull();
});

test('a wrong PKCE verifier is refused, and the code is spent: the right verifier after it gets nothing', async () => {
  const app = await createApp(tenant());
  const user = await createUser(tenant(), 'pkce');
  const config = await discover(app);
  const checks = newChecks();
  const callback = await callbackFor(config, user.email, checks);

  const wrong = await oidc
    .authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: oidc.randomPKCECodeVerifier(),
      expectedState: checks.state,
      expectedNonce: checks.nonce,
    })
    .catch((e: unknown) => e);
  expect(wrong).toMatchObject({
    status: 403,
    error: 'invalid_grant',
    error_description: 'Failed to verify code verifier',
  });

  const right = await exchange(tenant(), app, callback.searchParams.get('code') as string, {
    code_verifier: checks.verifier,
  });
  expect(right).toEqual({
    status: 403,
    body: { error: 'invalid_grant', error_description: 'Invalid authorization code' },
  });
});

test('a code works once; presented again it is refused and the access token issued for it stops working', async () => {
  const app = await createApp(tenant());
  const user = await createUser(tenant(), 'replay');
  const challenge = pkce();
  const page = await signInAt(new HttpBrowser(tenant().httpUrl), authorizeUrl(tenant(), app, challenge), user.email);
  const code = page.callback?.searchParams.get('code') as string;

  const first = await exchange(tenant(), app, code, { code_verifier: challenge.verifier });
  expect(first.status).toBe(200);
  const userinfo = () =>
    fetch(`${tenant().httpUrl}/userinfo`, { headers: { authorization: `Bearer ${String(first.body.access_token)}` } });
  expect((await userinfo()).status).toBe(200);

  const second = await exchange(tenant(), app, code, { code_verifier: challenge.verifier });
  expect(second).toEqual({
    status: 403,
    body: { error: 'invalid_grant', error_description: 'Invalid authorization code' },
  });
  expect((await userinfo()).status).toBe(401);
});

test('a code is only good for its client and its redirect_uri', async () => {
  const app = await createApp(tenant());
  const other = await createApp(tenant());
  const user = await createUser(tenant(), 'binding');
  const challenge = pkce();
  const browser = new HttpBrowser(tenant().httpUrl);
  let page = await signInAt(browser, authorizeUrl(tenant(), app, challenge), user.email);
  expect(
    await exchange(tenant(), other, page.callback?.searchParams.get('code') as string, {
      code_verifier: challenge.verifier,
    }),
  ).toEqual({
    status: 403,
    body: { error: 'invalid_grant', error_description: 'Invalid authorization code' },
  });
  page = await browser.open(authorizeUrl(tenant(), app, challenge));
  const wrongRedirect = await exchange(tenant(), app, page.callback?.searchParams.get('code') as string, {
    code_verifier: challenge.verifier,
    redirect_uri: 'http://app.test/other',
  });
  expect(wrongRedirect.status).toBe(403);
  expect(wrongRedirect.body.error).toBe('invalid_grant');
});

test('a public client must send a S256 code_challenge: without one, or with plain, the callback gets invalid_request', async () => {
  const app = await createApp(tenant());
  const browser = new HttpBrowser(tenant().httpUrl);
  const without = authorizeUrl(tenant(), app, pkce());
  without.searchParams.delete('code_challenge');
  without.searchParams.delete('code_challenge_method');
  const plain = authorizeUrl(tenant(), app, pkce(), { code_challenge_method: 'plain' });
  for (const url of [without, plain]) {
    const page = await browser.open(url);
    expect(page.callback?.origin).toBe('http://app.test');
    expect(page.callback?.searchParams.get('error')).toBe('invalid_request');
    expect(page.callback?.searchParams.get('state')).toBe('app-state-123');
    expect(page.callback?.searchParams.get('code')).toBeNull();
  }
});

test('response_mode=form_post: a page that posts the code and state to the callback, its one script allowed by nonce', async () => {
  const app = await createApp(tenant(), { confidential: true });
  const user = await createUser(tenant(), 'form-post');
  const browser = new HttpBrowser(tenant().httpUrl);
  const page = await signInAt(browser, authorizeUrl(tenant(), app, pkce(), { response_mode: 'form_post' }), user.email);
  expect(page.callback).toBeUndefined();
  expect(page.html).toContain(`<form method="post" action="${APP_CALLBACK}">`);
  expect(page.html).toMatch(/<input type="hidden" name="code" value="[A-Za-z0-9_-]{43}">/);
  expect(page.html).toContain('<input type="hidden" name="state" value="app-state-123">');
  const nonce = /<script nonce="([^"]+)">document\.forms\[0\]\.submit\(\);<\/script>/.exec(page.html)?.[1];
  expect(page.headers.get('content-security-policy')).toContain(`script-src 'nonce-${nonce}'`);
});
