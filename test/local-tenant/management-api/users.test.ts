// The user endpoints, through the real `auth0` SDK (v7) ManagementClient, as the flows and admin
// scripts call them.
import { ManagementClient, ManagementError } from 'auth0';
import { MAX_USER_SEARCH_RESULTS } from '../../../local-tenant/management-api/users';
import { useLocalTenant } from '../../helpers/local-tenant';

const tenant = useLocalTenant();
const CONNECTION = 'Username-Password-Authentication';

function deployClient(): ManagementClient {
  const t = tenant();
  return new ManagementClient({
    domain: t.domain,
    clientId: t.env.AUTH0_CLIENT_ID,
    clientSecret: t.env.AUTH0_CLIENT_SECRET,
    maxRetries: 0,
  });
}

async function failure(promise: Promise<unknown>): Promise<ManagementError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ManagementError);
  return error as ManagementError;
}

async function createUser(email: string) {
  return deployClient().users.create({ connection: CONNECTION, email, password: 'correct horse battery staple' });
}

test('PATCH to an address another user has: 400 with Auth0 message, and neither user changes', async () => {
  const client = deployClient();
  const alice = await createUser('alice@example.test');
  await createUser('bob@example.test');
  // docs/platform-facts.md §4: case does not help, database connections compare lower case.
  const error = await failure(client.users.update(alice.user_id as string, { email: 'Bob@Example.test' }));
  expect(error.statusCode).toBe(400);
  expect(error.body).toEqual({
    statusCode: 400,
    error: 'Bad Request',
    message: 'The specified new email already exists',
    errorCode: 'auth0_idp_error',
  });
  const emails = tenant()
    .state.users.map((u) => u.email)
    .sort();
  expect(emails).toEqual(['alice@example.test', 'bob@example.test']);
});

test('PATCH email and email_verified: stored lower case, app_metadata merged at the top level', async () => {
  const client = deployClient();
  const carol = await client.users.create({
    connection: CONNECTION,
    email: 'carol@example.test',
    password: 'pw-carol-1234',
    app_metadata: { keep: 1, drop: 2 },
  });
  const updated = await client.users.update(carol.user_id as string, {
    email: 'Carol.New@Example.TEST',
    email_verified: true,
    app_metadata: { drop: null, audit: { at: 'now' } } as never,
  });
  expect(updated.email).toBe('carol.new@example.test');
  expect(updated.email_verified).toBe(true);
  expect(updated.app_metadata).toEqual({ keep: 1, audit: { at: 'now' } });
  expect(updated).not.toHaveProperty('password_hash');
});

test('POST /users with a taken address: 409 "The user already exists."', async () => {
  await createUser('dave@example.test');
  const error = await failure(createUser('DAVE@example.test'));
  expect(error.statusCode).toBe(409);
  expect((error.body as { message: string }).message).toBe('The user already exists.');
});

test('120 users paged 50 at a time come back each exactly once, then an empty page', async () => {
  const client = deployClient();
  const before = tenant().state.users.length;
  for (let i = 0; i < 120; i++) await createUser(`paged-${String(i).padStart(3, '0')}@bulk.test`);
  const seen: string[] = [];
  let page = await client.users.list({
    per_page: 50,
    include_totals: true,
    q: 'identities.connection:"Username-Password-Authentication"',
  });
  let pages = 0;
  for (;;) {
    pages += 1;
    seen.push(...page.data.map((u) => u.email as string));
    if (!page.hasNextPage()) break;
    page = await page.getNextPage();
  }
  const bulk = seen.filter((e) => e.endsWith('@bulk.test'));
  expect(bulk).toHaveLength(120);
  expect(new Set(bulk).size).toBe(120);
  expect(seen).toHaveLength(before + 120);
  expect(pages).toBe(Math.ceil((before + 120) / 50));
  const past = await client.users.list({ page: Math.ceil((before + 120) / 50), per_page: 50, include_totals: true });
  expect(past.data).toEqual([]);
  // docs (user search, view results by page): only the first 1,000 results can be paged through.
  const beyond = await failure(client.users.list({ page: MAX_USER_SEARCH_RESULTS / 50, per_page: 50 }));
  expect(beyond.statusCode).toBe(400);
  expect((beyond.body as { message: string }).message).toContain(`first ${MAX_USER_SEARCH_RESULTS} records`);
});

test('a token without update:users gets 403 insufficient_scope; its read still works', async () => {
  const admin = deployClient();
  const t = tenant();
  const app = await admin.clients.create({
    name: 'read-only app',
    app_type: 'non_interactive',
    grant_types: ['client_credentials'],
  });
  await admin.clientGrants.create({
    client_id: app.client_id as string,
    audience: `https://${t.domain}/api/v2/`,
    scope: ['read:users'],
  });
  const readOnly = new ManagementClient({
    domain: t.domain,
    clientId: app.client_id as string,
    clientSecret: app.client_secret as string,
    maxRetries: 0,
  });
  const erin = await createUser('erin@example.test');
  expect((await readOnly.users.get(erin.user_id as string)).email).toBe('erin@example.test');
  const error = await failure(readOnly.users.update(erin.user_id as string, { email: 'erin2@example.test' }));
  expect(error.statusCode).toBe(403);
  expect(error.body).toEqual({
    statusCode: 403,
    error: 'Forbidden',
    message: 'Insufficient scope, expected any of: update:users,update:users_app_metadata',
    errorCode: 'insufficient_scope',
  });
  expect(t.state.users.find((u) => u.user_id === erin.user_id)?.email).toBe('erin@example.test');
});

test('users-by-email is case-sensitive; search by email is not', async () => {
  const client = deployClient();
  await createUser('Frank@Example.test');
  expect((await client.users.listUsersByEmail({ email: 'frank@example.test' })).map((u) => u.email)).toEqual([
    'frank@example.test',
  ]);
  expect(await client.users.listUsersByEmail({ email: 'Frank@Example.test' })).toEqual([]);
  const found = await client.users.list({ q: 'email:"FRANK@example.test"', search_engine: 'v3' });
  expect(found.data.map((u) => u.email)).toEqual(['frank@example.test']);
});

test('get and delete: an unknown user is 404 "The user does not exist."', async () => {
  const client = deployClient();
  const gina = await createUser('gina@example.test');
  await client.users.delete(gina.user_id as string);
  const error = await failure(client.users.get(gina.user_id as string));
  expect(error.statusCode).toBe(404);
  expect(error.body).toEqual({
    statusCode: 404,
    error: 'Not Found',
    message: 'The user does not exist.',
    errorCode: 'inexistent_user',
  });
});

test('a property Auth0 does not accept is refused and changes nothing', async () => {
  const client = deployClient();
  const hank = await createUser('hank@example.test');
  const error = await failure(
    client.users.update(hank.user_id as string, { email: 'hank2@example.test', colour: 'blue' } as never),
  );
  expect(error.statusCode).toBe(400);
  expect((error.body as { message: string }).message).toBe(
    "Payload validation error: 'Additional properties not allowed: colour'.",
  );
  expect(tenant().state.users.find((u) => u.user_id === hank.user_id)?.email).toBe('hank@example.test');
});

test('an unknown search syntax is refused with what is supported, not matched loosely', async () => {
  const error = await failure(deployClient().users.list({ q: 'email:*@example.test' }));
  expect(error.statusCode).toBe(400);
  expect((error.body as { message: string }).message).toContain("the local tenant's user search supports field:value");
});

test('an endpoint the local tenant lacks: 404 naming the path', async () => {
  const t = tenant();
  const token = await (
    await fetch(`${t.httpsUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: t.env.AUTH0_CLIENT_ID,
        client_secret: t.env.AUTH0_CLIENT_SECRET,
        audience: `https://${t.domain}/api/v2/`,
      }),
    })
  ).json();
  const response = await fetch(`${t.httpsUrl}/api/v2/hooks`, {
    headers: { authorization: `Bearer ${(token as { access_token: string }).access_token}` },
  });
  expect(response.status).toBe(404);
  expect(((await response.json()) as { message: string }).message).toContain('GET /api/v2/hooks');
});
