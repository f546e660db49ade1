// AUTH0/GET_USER, UPDATE_USER and SEND_REQUEST through the real auth0 SDK against the local
// tenant, with the vault connection's cached token.
import { AUTH0_VAULT_CONNECTION } from '../../../forms/names';
import { createFormsRuntime, type DeployedFlow, DefinitionError, type Journey } from '../../../local-tenant/forms-runtime';
import { localVaultConnections } from '../../helpers/deployed-email-change-bundle';
import { TestClock, useEmailChangeJourneys } from '../../helpers/email-change-journeys';

const scenario = useEmailChangeJourneys();

/** A form with one button that runs `actions`, then ends. */
async function runActions(actions: unknown[], runtime = scenario.runtime()): Promise<Journey> {
  const flow: DeployedFlow = { name: 'probe', actions };
  const journey = await runtime.startJourney({
    form: {
      name: 'probe-form',
      start: { next_node: 'ask' },
      nodes: [
        { id: 'ask', type: 'STEP', config: { components: [{ id: 'go', category: 'BLOCK', type: 'NEXT_BUTTON', config: { text: 'Go' } }], next_node: 'run' } },
        { id: 'run', type: 'FLOW', config: { flow_id: 'probe', next_node: '$ending' } },
      ],
      ending: { resume_flow: true },
    },
    flows: [flow],
    vaultConnections: localVaultConnections(scenario.tenant()),
    user: { user_id: 'auth0|nobody' },
  });
  await journey.submit({});
  return journey;
}

const auth0 = (id: string, action: string, params: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  id,
  type: 'AUTH0',
  action,
  params: { connection_id: AUTH0_VAULT_CONNECTION, ...params },
  ...extra,
});
const keep = (vars: Record<string, string>) => ({ id: 'keep', type: 'FLOW', action: 'STORE_VARS', params: { vars } });

test('GET_USER and SEND_REQUEST answer what the Management API answers; UPDATE_USER changes the user', async () => {
  const user = await scenario.createUser('probe.{n}@example.com');
  const journey = await runActions([
    auth0('get', 'GET_USER', { user_id: user.user_id }),
    auth0('find', 'SEND_REQUEST', { pathname: '/api/v2/users-by-email', method: 'GET', params: { email: user.email } }),
    auth0('update', 'UPDATE_USER', { user_id: user.user_id, changes: { user_metadata: { probed: true } } }),
    keep({ got: '{{actions.get.email}}', found: '{{actions.find}}', updated: '{{actions.update.user_metadata.probed}}' }),
  ]);
  expect(journey.vars).toEqual({ got: user.email, found: [expect.objectContaining({ user_id: user.user_id, email: user.email })], updated: true });
  expect(scenario.user(user.user_id).user_metadata).toEqual({ probed: true });
});

test('an error status fails the action with the API message, and allow_failure lets the flow go on', async () => {
  const failing = await runActions([auth0('get', 'GET_USER', { user_id: 'auth0|does-not-exist' })]);
  expect(failing.state.errors.form).toBe('Something went wrong on our side. Please try again in a moment.');
  expect(failing.state.executions[0]).toMatchObject({ outcome: 'failed', error: 'AUTH0/GET_USER: the Management API answered 404: The user does not exist.' });

  const lenient = await runActions([auth0('get', 'GET_USER', { user_id: 'auth0|does-not-exist' }, { allow_failure: true }), keep({ after: 'yes' })]);
  expect(lenient.ended).toBe(true);
  expect(lenient.vars).toEqual({ after: 'yes' });
});

test('SEND_REQUEST only reaches the Management API', async () => {
  await expect(runActions([auth0('out', 'SEND_REQUEST', { pathname: '/oauth/token', method: 'POST' })])).rejects.toThrow(
    new DefinitionError('AUTH0/SEND_REQUEST: params.pathname must start with /api/v2/, got "/oauth/token"'),
  );
});

test('a refused token request fails the action, says so, and shows no secret', async () => {
  const runtime = createFormsRuntime({ managementDomain: scenario.tenant().domain, sendgridBaseUrl: 'http://127.0.0.1:9', now: new TestClock().now });
  scenario.tenant().faults.failNext('management.token', { status: 401, message: 'Unauthorized' });
  const journey = await runActions([auth0('get', 'GET_USER', { user_id: 'auth0|x' })], runtime);
  const record = journey.state.executions[0];
  expect(record).toMatchObject({ outcome: 'failed', error: expect.stringContaining(`the Management API token request to ${scenario.tenant().domain} answered 401`) });
  expect(JSON.stringify(journey.state)).not.toContain(scenario.tenant().env.AUTH0_CLIENT_SECRET);
});

test('a vault connection that points at another domain is refused, not quietly redirected', async () => {
  const runtime = createFormsRuntime({ managementDomain: 'localhost:1', sendgridBaseUrl: 'http://127.0.0.1:9' });
  const journey = runActions([auth0('get', 'GET_USER', { user_id: 'auth0|x' })], runtime);
  await expect(journey).rejects.toThrow(new DefinitionError(`AUTH0/GET_USER: vault connection "${AUTH0_VAULT_CONNECTION}" points at ${scenario.tenant().domain}, but this runtime serves localhost:1`));
});
