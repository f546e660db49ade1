// Actions: build status, deploy and versions, Auth0's limits, and trigger bindings.
import type { Management } from 'auth0';
import { MAX_ACTION_CODE_BYTES } from '../../../platform/actions-limits';
import {
  MAX_ACTION_DEPENDENCIES,
  MAX_ACTION_SECRET_VALUE_CHARS,
  MAX_ACTION_SECRETS,
} from '../../../local-tenant/management-api/actions';
import { MAX_BINDINGS_PER_TRIGGER } from '../../../local-tenant/management-api/triggers';
import { useLocalTenant } from '../../helpers/local-tenant';
import { managementClient, managementError } from '../../helpers/management-client';

const BUILD_MS = 5000;
let nowMs = Date.UTC(2026, 10, 21, 12, 0, 0);
const tenant = useLocalTenant({ now: () => nowMs, actionBuildMs: BUILD_MS });
const client = () => managementClient(tenant());

const postLogin = (
  name: string,
  extra: Partial<Management.CreateActionRequestContent> = {},
): Management.CreateActionRequestContent => ({
  name,
  supported_triggers: [{ id: 'post-login', version: 'v3' }],
  code: 'exports.onExecutePostLogin = async () => {};',
  runtime: 'node22',
  ...extra,
});

async function builtAndDeployed(name: string) {
  const action = await client().actions.create(postLogin(name));
  nowMs += BUILD_MS;
  await client().actions.deploy(action.id as string);
  return action;
}

test('an action is pending until built; deploying before fails as deploy-cli expects, after makes version 1', async () => {
  const action = await client().actions.create(
    postLogin('builds', { secrets: [{ name: 'KEY', value: 'secret-value' }] }),
  );
  expect(action.status).toBe('pending');
  // deploy-cli (handlers/actions.js) retries while the message says "must be in the 'built' state".
  const early = await managementError(client().actions.deploy(action.id as string));
  expect(early.statusCode).toBe(400);
  expect(early.body.message).toContain("must be in the 'built' state");
  nowMs += BUILD_MS;
  expect((await client().actions.get(action.id as string)).status).toBe('built');
  const version = await client().actions.deploy(action.id as string);
  expect(version).toMatchObject({ number: 1, deployed: true, status: 'built' });
  // Secret values never come back, only names; the runtimes read them from the state.
  const fetched = await client().actions.get(action.id as string);
  expect(JSON.stringify(fetched)).not.toContain('secret-value');
  expect(fetched.secrets?.map((s) => s.name)).toEqual(['KEY']);
  const stored = tenant().state.actions.find((a) => a.action.id === action.id);
  expect(stored?.versionSecretValues[version.id as string]).toEqual({ KEY: 'secret-value' });
});

test('Auth0 limits: code over 100 kB and more than 30 secrets are refused', async () => {
  const big = await managementError(
    client().actions.create(postLogin('too-big', { code: 'x'.repeat(MAX_ACTION_CODE_BYTES + 1) })),
  );
  expect(big.statusCode).toBe(400);
  expect(big.body.message).toContain(`at most ${MAX_ACTION_CODE_BYTES} bytes`);
  const secrets = Array.from({ length: MAX_ACTION_SECRETS + 1 }, (_, i) => ({ name: `S${i}`, value: 'v' }));
  const many = await managementError(client().actions.create(postLogin('too-many-secrets', { secrets })));
  expect(many.statusCode).toBe(400);
  expect(many.body.message).toContain(`at most ${MAX_ACTION_SECRETS} secrets`);
  expect(tenant().state.actions.map((a) => a.action.name)).not.toContain('too-big');
});

test('PATCH bindings replaces the whole list of the trigger, in order', async () => {
  await builtAndDeployed('first');
  await builtAndDeployed('second');
  const bind = (names: string[]) =>
    client().actions.triggers.bindings.updateMany('post-login', {
      bindings: names.map((value) => ({ ref: { type: 'action_name', value }, display_name: value })),
    });
  await bind(['first', 'second']);
  await bind(['second']);
  const listed = await client().actions.triggers.bindings.list('post-login');
  expect(listed.data.map((b) => b.action?.name)).toEqual(['second']);
});

test('binding an action that was never deployed, or more than 20, is refused and changes nothing', async () => {
  await client().actions.create(postLogin('never-deployed'));
  const before = tenant().state.triggers['post-login'];
  const undeployed = await managementError(
    client().actions.triggers.bindings.updateMany('post-login', {
      bindings: [{ ref: { type: 'action_name', value: 'never-deployed' } }],
    }),
  );
  expect(undeployed.statusCode).toBe(400);
  expect(undeployed.body.message).toContain('no deployed version');
  const tooMany = await managementError(
    client().actions.triggers.bindings.updateMany('post-login', {
      bindings: Array.from({ length: MAX_BINDINGS_PER_TRIGGER + 1 }, () => ({
        ref: { type: 'action_name' as const, value: 'first' },
      })),
    }),
  );
  expect(tooMany.statusCode).toBe(400);
  expect(tenant().state.triggers['post-login']).toEqual(before);
});

test('the actions list pages with {actions, total, page, per_page} and refuses include_totals', async () => {
  const all = [];
  let page = await client().actions.list({ per_page: 2 });
  for (;;) {
    all.push(...page.data);
    if (!page.hasNextPage()) break;
    page = await page.getNextPage();
  }
  expect(all.map((a) => a.name).sort()).toEqual(
    tenant()
      .state.actions.map((a) => a.action.name)
      .sort(),
  );
  const t = tenant();
  const token = await (
    await fetch(`${t.httpsUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: t.env.AUTH0_CLIENT_ID,
        client_secret: t.env.AUTH0_CLIENT_SECRET,
        audience: `https://${t.domain}/api/v2/`,
      }),
    })
  ).json();
  const refused = await fetch(`${t.httpsUrl}/api/v2/actions/actions?include_totals=true`, {
    headers: { authorization: `Bearer ${(token as { access_token: string }).access_token}` },
  });
  expect(refused.status).toBe(400);
  expect(((await refused.json()) as { message: string }).message).toBe(
    "Query validation error: 'Additional properties not allowed: include_totals'.",
  );
});

test('Auth0 limits: a secret over 4,096 characters and more than 10 dependencies are refused', async () => {
  const long = await managementError(
    client().actions.create(
      postLogin('long-secret', { secrets: [{ name: 'S', value: 'x'.repeat(MAX_ACTION_SECRET_VALUE_CHARS + 1) }] }),
    ),
  );
  expect(long.statusCode).toBe(400);
  expect(long.body.message).toContain(`at most ${MAX_ACTION_SECRET_VALUE_CHARS}`);
  const dependencies = Array.from({ length: MAX_ACTION_DEPENDENCIES + 1 }, (_, i) => ({
    name: `dep-${i}`,
    version: '1.0.0',
  }));
  const many = await managementError(client().actions.create(postLogin('many-deps', { dependencies })));
  expect(many.statusCode).toBe(400);
  expect(many.body.message).toContain(`at most ${MAX_ACTION_DEPENDENCIES} dependencies`);
});
