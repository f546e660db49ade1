// What npm run revert calls, through the real `auth0` SDK (v7): search in nested app_metadata
// arrays, password-change tickets, and the Enterprise-only refresh-token and session deletion.
import { useLocalTenant } from '../../helpers/local-tenant';
import { managementClient, managementError } from '../../helpers/management-client';

const CONNECTION = 'Username-Password-Authentication';
const free = useLocalTenant();

async function userWithHistory(email: string, changeId: string) {
  return managementClient(free()).users.create({
    connection: CONNECTION,
    email,
    password: 'pw-search-1234',
    app_metadata: {
      email_change_history: [
        { kind: 'change', change_id: changeId },
        { kind: 'change', change_id: 'Other-Id' },
      ],
    } as never,
  });
}

test('search finds app_metadata values nested in arrays, case-sensitively (docs user-search-query-syntax.mdx)', async () => {
  const client = managementClient(free());
  const mine = await userWithHistory('search-a@example.test', 'id-a');
  await userWithHistory('search-b@example.test', 'id-b');
  const search = async (q: string) => (await client.users.list({ q, search_engine: 'v3' })).data.map((u) => u.user_id);
  expect(await search('app_metadata.email_change_history.change_id:"id-a"')).toEqual([mine.user_id]);
  expect(await search('app_metadata.email_change_history.change_id:"Other-Id"')).toHaveLength(2);
  expect(await search('app_metadata.email_change_history.change_id:"other-id"')).toEqual([]);
  expect(await search('app_metadata.email_change_history.change_id:"id-a" AND email:"SEARCH-A@example.test"')).toEqual([
    mine.user_id,
  ]);
});

test('password-change ticket: a URL for a database user; 404 for an unknown one', async () => {
  const client = managementClient(free());
  const user = await client.users.create({
    connection: CONNECTION,
    email: 'ticket@example.test',
    password: 'pw-ticket-1234',
  });
  const { ticket } = await client.tickets.changePassword({ user_id: user.user_id as string });
  expect(ticket).toMatch(new RegExp(`^https://${free().domain}/lo/reset\\?ticket=[A-Za-z0-9_-]{32}#$`));
  const unknown = await managementError(client.tickets.changePassword({ user_id: 'auth0|nobody' }));
  expect(unknown.statusCode).toBe(404);
  expect(unknown.body.message).toBe('The user does not exist.');
});

test('refresh tokens and sessions on a free plan: 403, Enterprise only', async () => {
  const client = managementClient(free());
  const user = await client.users.create({
    connection: CONNECTION,
    email: 'free-plan@example.test',
    password: 'pw-free-1234',
  });
  for (const call of [
    client.users.refreshToken.delete(user.user_id as string),
    client.users.sessions.delete(user.user_id as string),
  ]) {
    const error = await managementError(call);
    expect(error.statusCode).toBe(403);
    expect(error.body.message).toContain('available on Enterprise plans only');
  }
});

describe('on an Enterprise plan', () => {
  const enterprise = useLocalTenant({ plan: 'enterprise' });

  test('refresh tokens and sessions are deleted (204); an unknown user is 404', async () => {
    const client = managementClient(enterprise());
    const user = await client.users.create({
      connection: CONNECTION,
      email: 'ent-plan@example.test',
      password: 'pw-ent-1234',
    });
    await expect(client.users.refreshToken.delete(user.user_id as string)).resolves.toBeUndefined();
    await expect(client.users.sessions.delete(user.user_id as string)).resolves.toBeUndefined();
    expect((await managementError(client.users.sessions.delete('auth0|nobody'))).statusCode).toBe(404);
  });
});
