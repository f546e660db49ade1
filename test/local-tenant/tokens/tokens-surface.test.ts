// /oauth/token and the bearer check of the Management API: client credentials, expiry with an
// injected clock, and Auth0's refusals.
import { ManagementClient, ManagementError } from 'auth0';
import { useLocalTenant } from '../../helpers/local-tenant';

let nowMs = Date.UTC(2026, 10, 21, 12, 0, 0);
const tenant = useLocalTenant({ now: () => nowMs });

async function token(params: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${tenant().httpsUrl}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(params),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const deployCredentials = () => ({
  grant_type: 'client_credentials',
  client_id: tenant().env.AUTH0_CLIENT_ID,
  client_secret: tenant().env.AUTH0_CLIENT_SECRET,
  audience: `https://${tenant().domain}/api/v2/`,
});

test('client credentials: a Bearer token for 86,400 s with the granted scopes', async () => {
  const { status, body } = await token(deployCredentials());
  expect(status).toBe(200);
  expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 86400 });
  expect(String(body.scope).split(' ')).toEqual(
    expect.arrayContaining(['read:users', 'update:users', 'create:flows', 'update:forms']),
  );
});

test('a wrong secret: 401 access_denied "Unauthorized"', async () => {
  const { status, body } = await token({ ...deployCredentials(), client_secret: 'not-the-secret' });
  expect(status).toBe(401);
  expect(body).toEqual({ error: 'access_denied', error_description: 'Unauthorized' });
});

test('an audience that is no API of the tenant: 403 "Service not enabled within domain"', async () => {
  const { status, body } = await token({ ...deployCredentials(), audience: 'https://elsewhere.test/api/' });
  expect(status).toBe(403);
  expect(body).toEqual({
    error: 'access_denied',
    error_description: 'Service not enabled within domain: https://elsewhere.test/api/',
  });
});

test('a client without a grant for the API: 403 naming the audience', async () => {
  const t = tenant();
  const admin = new ManagementClient({
    domain: t.domain,
    clientId: t.env.AUTH0_CLIENT_ID,
    clientSecret: t.env.AUTH0_CLIENT_SECRET,
    maxRetries: 0,
  });
  const app = await admin.clients.create({
    name: 'no grant',
    app_type: 'non_interactive',
    grant_types: ['client_credentials'],
  });
  const { status, body } = await token({
    ...deployCredentials(),
    client_id: app.client_id as string,
    client_secret: app.client_secret as string,
  });
  expect(status).toBe(403);
  expect(body.error_description).toContain(`Client is not authorized to access "https://${t.domain}/api/v2/"`);
});

test('an unsupported grant type is refused', async () => {
  const { status, body } = await token({ ...deployCredentials(), grant_type: 'password' });
  expect(status).toBe(400);
  expect(body).toEqual({ error: 'unsupported_grant_type', error_description: 'Unsupported grant type: password' });
});

test('the Management API refuses no token, a forged token and an expired one with 401', async () => {
  const t = tenant();
  const users = `${t.httpsUrl}/api/v2/users`;
  const none = await fetch(users);
  expect(none.status).toBe(401);
  expect(await none.json()).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'Missing authentication' });

  const { body } = await token(deployCredentials());
  const valid = String(body.access_token);
  const [header, payload] = valid.split('.');
  const forged = `${header}.${payload}.${'A'.repeat(43)}`;
  const refused = await fetch(users, { headers: { authorization: `Bearer ${forged}` } });
  expect(refused.status).toBe(401);
  expect(((await refused.json()) as { message: string }).message).toBe(
    'Invalid signature received for JSON Web Token validation',
  );

  expect((await fetch(users, { headers: { authorization: `Bearer ${valid}` } })).status).toBe(200);
  nowMs += 86_400 * 1000 + 1000;
  try {
    const expired = await fetch(users, { headers: { authorization: `Bearer ${valid}` } });
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { message: string }).message).toBe(
      'Expired token received for JSON Web Token validation',
    );
  } finally {
    nowMs -= 86_400 * 1000 + 1000;
  }
});

test('the SDK gets its own token and works; a 401 from the token endpoint surfaces as an error', async () => {
  const t = tenant();
  const ok = new ManagementClient({
    domain: t.domain,
    clientId: t.env.AUTH0_CLIENT_ID,
    clientSecret: t.env.AUTH0_CLIENT_SECRET,
    maxRetries: 0,
  });
  expect((await ok.users.list({ per_page: 1 })).data).toEqual([]);
  const bad = new ManagementClient({
    domain: t.domain,
    clientId: t.env.AUTH0_CLIENT_ID,
    clientSecret: 'wrong',
    maxRetries: 0,
  });
  const error = await bad.users.list({ per_page: 1 }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ManagementError);
  expect((error as ManagementError).statusCode).toBe(401);
});
