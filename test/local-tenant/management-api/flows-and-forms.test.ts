// Vault connections, flows and forms, and the references between them: a flow's connection_id
// and a form's flow_id that point at nothing are refused on write.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Management } from 'auth0';
import { startLocalTenant } from '../../../local-tenant';
import { MAX_FLOWS_PER_TENANT } from '../../../local-tenant/management-api/flows';
import { newFlowId } from '../../../local-tenant/shared/ids';
import { readStateFile, STATE_FILE } from '../../../local-tenant/state/store';
import { testTenantOptions, useLocalTenant } from '../../helpers/local-tenant';
import { managementClient, managementError } from '../../helpers/management-client';

const tenant = useLocalTenant();
const client = () => managementClient(tenant());

async function sendgridConnection(name: string) {
  return client().flows.vault.connections.create({
    name,
    app_id: 'SENDGRID',
    setup: { type: 'API_KEY', api_key: 'SG.local-test-key-value' },
  } as Management.CreateFlowsVaultConnectionRequestContent);
}

async function httpConnection(name: string) {
  return client().flows.vault.connections.create({
    name,
    app_id: 'HTTP',
    setup: { type: 'BEARER', token: 'SG.local-test-key-value' },
  } as Management.CreateFlowsVaultConnectionRequestContent);
}

const sendAction = (connectionId: string) => ({
  id: 'send',
  type: 'HTTP',
  action: 'SEND_REQUEST',
  params: {
    connection_id: connectionId,
    url: 'https://api.sendgrid.com/v3/mail/send',
    method: 'POST',
    payload: { personalizations: [{ to: [{ email: '{{vars.x}}' }] }] },
  },
});

test('a vault connection setup is stored but never returned', async () => {
  const created = await sendgridConnection('vault-secret');
  expect(created).toMatchObject({ name: 'vault-secret', app_id: 'SENDGRID', ready: true });
  const fetched = await client().flows.vault.connections.get(created.id as string);
  const listed = await client().flows.vault.connections.list();
  for (const shown of [created, fetched, listed.data])
    expect(JSON.stringify(shown)).not.toContain('SG.local-test-key-value');
  expect(tenant().state.vaultConnections.find((c) => c.connection.id === created.id)?.setup).toEqual({
    type: 'API_KEY',
    api_key: 'SG.local-test-key-value',
  });
});

test('a flow whose connection_id names no vault connection is refused, saying why', async () => {
  const error = await managementError(
    client().flows.create({
      name: 'dangling',
      actions: [sendAction('email-change-sendgrid-http')],
    } as Management.CreateFlowRequestContent),
  );
  expect(error.statusCode).toBe(400);
  expect(error.body.message).toContain(
    'actions.0.params.connection_id is "email-change-sendgrid-http", which is no vault connection of this tenant',
  );
  expect(error.body.message).toContain("Auth0's behaviour for this is undocumented");
  expect(tenant().state.flows.map((f) => f.name)).not.toContain('dangling');
});

test('a connection_id in a condition branch is checked too, and must be of the action app', async () => {
  const auth0 = await client().flows.vault.connections.create({
    name: 'auth0-conn',
    app_id: 'AUTH0',
    setup: { type: 'OAUTH_APP', client_id: 'id', client_secret: 'secret', domain: tenant().domain },
  } as Management.CreateFlowsVaultConnectionRequestContent);
  const nested = {
    id: 'branch',
    type: 'FLOW',
    action: 'BOOLEAN_CONDITION',
    params: {
      if: { operator: 'AND', operands: [{ operator: 'EQ', operands: ['1', '1'] }] },
      then: [sendAction('nothing-here')],
      else: [],
    },
  };
  const dangling = await managementError(
    client().flows.create({ name: 'nested', actions: [nested] } as Management.CreateFlowRequestContent),
  );
  expect(dangling.body.message).toContain('actions.0.params.then.0.params.connection_id');
  const wrongApp = await managementError(
    client().flows.create({
      name: 'wrong-app',
      actions: [sendAction(auth0.id as string)],
    } as Management.CreateFlowRequestContent),
  );
  expect(wrongApp.statusCode).toBe(400);
  expect(wrongApp.body.message).toContain('needs a HTTP vault connection');
});

test('a form whose flow_id names no flow is refused; with a real flow it is stored, listed lean and read whole', async () => {
  const connection = await httpConnection('for-form');
  const flow = await client().flows.create({
    name: 'send',
    actions: [sendAction(connection.id as string)],
  } as Management.CreateFlowRequestContent);
  const nodes = (flowId: string) => [{ id: 'run', type: 'FLOW', config: { flow_id: flowId, next_node: '$ending' } }];
  const error = await managementError(
    client().forms.create({
      name: 'bad form',
      start: { next_node: 'run' },
      nodes: nodes('send'),
      ending: {},
    } as Management.CreateFormRequestContent),
  );
  expect(error.statusCode).toBe(400);
  expect(error.body.message).toContain('nodes.0.config.flow_id is "send", which is no flow of this tenant');
  const form = await client().forms.create({
    name: 'good form',
    start: { next_node: 'run' },
    nodes: nodes(flow.id as string),
    ending: { resume_flow: true },
  } as Management.CreateFormRequestContent);
  expect(form.id).toMatch(/^ap_/);
  const listed = await client().forms.list();
  expect(listed.data.find((f) => f.id === form.id)).not.toHaveProperty('nodes');
  expect((await client().forms.get(form.id as string)).nodes).toEqual(nodes(flow.id as string));
  // A flow a form uses cannot go (Auth0 undocumented; refusing keeps the form runnable).
  const inUse = await managementError(client().flows.delete(flow.id as string));
  expect(inUse.statusCode).toBe(409);
});

test('pagination: every flow exactly once, then empty pages past the end', async () => {
  const connection = await httpConnection('for-paging');
  for (let i = 0; i < 5; i++)
    await client().flows.create({
      name: `paged-${i}`,
      actions: [sendAction(connection.id as string)],
    } as Management.CreateFlowRequestContent);
  const names: string[] = [];
  let page = await client().flows.list({ per_page: 2 });
  for (;;) {
    names.push(...page.data.map((f) => f.name as string));
    if (!page.hasNextPage()) break;
    page = await page.getNextPage();
  }
  expect(names.filter((n) => n.startsWith('paged-')).sort()).toEqual([
    'paged-0',
    'paged-1',
    'paged-2',
    'paged-3',
    'paged-4',
  ]);
  expect(new Set(names).size).toBe(names.length);
  expect((await client().flows.list({ page: 50, per_page: 2 })).data).toEqual([]);
});

test('client grants page by checkpoint (from/take) until next is absent', async () => {
  const t = tenant();
  for (let i = 0; i < 3; i++) {
    const app = await client().clients.create({ name: `grant-${i}`, app_type: 'non_interactive' });
    await client().clientGrants.create({
      client_id: app.client_id as string,
      audience: `https://${t.domain}/api/v2/`,
      scope: ['read:users'],
    });
  }
  const ids: string[] = [];
  let pages = 0;
  let page = await client().clientGrants.list({ take: 2 } as Management.ListClientGrantsRequestParameters);
  for (;;) {
    pages += 1;
    expect(page.data.length).toBeLessThanOrEqual(2);
    ids.push(...page.data.map((g) => g.id as string));
    if (!page.hasNextPage()) break;
    page = await page.getNextPage();
  }
  expect(ids.sort()).toEqual(t.state.clientGrants.map((g) => String(g.id)).sort());
  expect(pages).toBe(Math.ceil(ids.length / 2));
});

test(`a tenant holds at most ${MAX_FLOWS_PER_TENANT} flows (docs/platform-facts.md §2)`, async () => {
  // A tenant of its own, filled to one flow below the limit through its state file: a flow made
  // through the API, copied under new ids and names, then a restart. Making all 499 through the
  // API is 499 durable writes of a growing state (about 5 s) before the creates this test is about.
  const options = testTenantOptions();
  try {
    const first = await startLocalTenant(options);
    let made;
    try {
      made = await managementClient(first).flows.create({ name: 'limit-0', actions: [] });
    } finally {
      await first.stop();
    }
    const stateFile = join(options.stateDir, STATE_FILE);
    const state = readStateFile(stateFile);
    const flow = state.flows.find((f) => f.id === made.id);
    if (!flow) throw new Error(`flow ${made.id} is not in ${stateFile}`);
    for (let i = state.flows.length; i < MAX_FLOWS_PER_TENANT - 1; i++)
      state.flows.push({ ...flow, id: newFlowId(), name: `limit-${i}` });
    writeFileSync(stateFile, JSON.stringify(state));

    const full = await startLocalTenant(options);
    try {
      const last = await managementClient(full).flows.create({ name: 'the last one', actions: [] });
      expect(full.state.flows).toHaveLength(MAX_FLOWS_PER_TENANT);
      expect(full.state.flows.at(-1)?.id).toBe(last.id);
      const error = await managementError(managementClient(full).flows.create({ name: 'one too many', actions: [] }));
      expect(error.statusCode).toBe(403);
      expect(error.body.message).toBe(`A tenant can have at most ${MAX_FLOWS_PER_TENANT} flows; delete one first.`);
      expect(full.state.flows).toHaveLength(MAX_FLOWS_PER_TENANT);
    } finally {
      await full.stop();
    }
  } finally {
    rmSync(options.stateDir, { recursive: true, force: true });
  }
});
