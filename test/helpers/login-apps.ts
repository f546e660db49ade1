// Apps and users for tests of the login side: a client registered through the real auth0 SDK
// (as an admin would), a database user, and a sign-in through the login pages that ends at the
// app's callback. The callback URL is never served: the chain stops there and the test reads it.
import { createHash, randomBytes } from 'node:crypto';
import { ManagementClient } from 'auth0';
import type { LocalTenant } from '../../local-tenant';
import { DEFAULT_DATABASE_CONNECTION } from '../../local-tenant/state/seed';
import { HttpBrowser, type HttpPage } from './http-browser';

export const APP_CALLBACK = 'http://app.test/callback';
export const APP_LOGOUT_RETURN = 'http://app.test/signed-out';
export const PASSWORD = 'correct horse battery staple';

export function management(tenant: LocalTenant): ManagementClient {
  const env = tenant.env;
  return new ManagementClient({
    domain: env.AUTH0_DOMAIN,
    clientId: env.AUTH0_CLIENT_ID,
    clientSecret: env.AUTH0_CLIENT_SECRET,
    maxRetries: 0,
  });
}

export interface TestApp {
  readonly clientId: string;
  readonly clientSecret: string;
}

/** An application allowed the code flow, public (PKCE, no secret) unless `confidential`. */
export async function createApp(
  tenant: LocalTenant,
  options: { confidential?: boolean; name?: string } = {},
): Promise<TestApp> {
  const client = await management(tenant).clients.create({
    name: options.name ?? `Test app ${randomBytes(4).toString('hex')}`,
    app_type: options.confidential ? 'regular_web' : 'spa',
    token_endpoint_auth_method: options.confidential ? 'client_secret_post' : 'none',
    grant_types: ['authorization_code'],
    callbacks: [APP_CALLBACK],
    allowed_logout_urls: [APP_LOGOUT_RETURN],
  });
  return { clientId: String(client.client_id), clientSecret: String(client.client_secret) };
}

let users = 0;

export async function createUser(tenant: LocalTenant, prefix = 'user'): Promise<{ user_id: string; email: string }> {
  users += 1;
  const email = `${prefix}.${process.pid}.${users}@example.com`;
  const created = await management(tenant).users.create({
    connection: DEFAULT_DATABASE_CONNECTION,
    email,
    password: PASSWORD,
    email_verified: true,
  });
  return { user_id: String(created.user_id), email: String(created.email) };
}

export interface Pkce {
  readonly verifier: string;
  readonly challenge: string;
}

export function pkce(): Pkce {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** An /authorize URL for `app` with PKCE, a state and a nonce, plus `extra` parameters. */
export function authorizeUrl(
  tenant: LocalTenant,
  app: TestApp,
  challenge: Pkce,
  extra: Record<string, string> = {},
): URL {
  const url = new URL('/authorize', tenant.httpUrl);
  const params = {
    response_type: 'code',
    client_id: app.clientId,
    redirect_uri: APP_CALLBACK,
    scope: 'openid profile email',
    state: 'app-state-123',
    nonce: 'app-nonce-456',
    code_challenge: challenge.challenge,
    code_challenge_method: 'S256',
    ...extra,
  };
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url;
}

/** Opens `url` and, if the login page shows, signs in with `email`; returns where the chain ended. */
export async function signInAt(browser: HttpBrowser, url: URL, email: string, password = PASSWORD): Promise<HttpPage> {
  const page = await browser.open(url);
  if (page.callback || !page.url.pathname.startsWith('/u/login')) return page;
  return browser.submit(page, { username: email, password });
}

/** The code-for-tokens exchange as a public client posts it. */
export async function exchange(
  tenant: LocalTenant,
  app: TestApp,
  code: string,
  params: Record<string, string>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${tenant.httpUrl}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: app.clientId,
      code,
      redirect_uri: APP_CALLBACK,
      ...params,
    }).toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The payload of a JWT, unverified (tests that check the signature do so separately). */
export function jwtPayload(token: unknown): Record<string, unknown> {
  return JSON.parse(Buffer.from(String(token).split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}

/** Gives a user a TOTP factor through the login side's test control; returns its base32 secret. */
export async function enrolTotp(tenant: LocalTenant, userId: string): Promise<string> {
  const response = await fetch(`${tenant.httpUrl}/__local/users/${encodeURIComponent(userId)}/totp`, {
    method: 'POST',
  });
  if (response.status !== 201)
    throw new Error(`TOTP enrolment of ${userId} failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { secret: string }).secret;
}
