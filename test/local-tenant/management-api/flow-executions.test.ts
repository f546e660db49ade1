// GET/DELETE /api/v2/flows/{flow_id}/executions[/{execution_id}] on a local tenant with the
// bundle deployed, read with the real auth0 SDK after changes driven over HTTP: a completed
// change, a send that SendGrid refuses, and a wrong code. And the tenant's terminal lines for
// the same journeys (the logger is injected; npm start passes console.log).
import type { Management } from 'auth0';

type GetFlowExecutionResponseContent = Management.GetFlowExecutionResponseContent;
import { SEND_CODE_FLOW, VERIFY_CODE_FLOW } from '../../../forms/names';
import { useDeployedLocalTenant } from '../../helpers/deployed-local-tenant';
import { startEmailChange } from '../../helpers/email-change-over-http';
import { createApp, createUser, management, type TestApp } from '../../helpers/login-apps';
import { managementClient, managementError } from '../../helpers/management-client';

const lines: string[] = [];
const tenant = useDeployedLocalTenant({ log: (line) => lines.push(line) });

let app: TestApp;
beforeAll(async () => {
  app = await createApp(tenant());
});
afterEach(() => tenant().faults.clear());

const flowId = (name: string): string => tenant().state.flows.find((f) => f.name === name)?.id as string;

type Debug = {
  user: { email: string };
  outcome: string;
  message?: string;
  error?: { action_id: string; message: string };
  actions: { id: string; action: string; status: string; output?: unknown; error?: string }[];
};

/** Every execution of `flow` whose details name `email`, through the SDK, oldest first. */
async function executionsOf(flow: string, email: string): Promise<(GetFlowExecutionResponseContent & { debug: Debug })[]> {
  const client = management(tenant());
  const found = [];
  for await (const summary of await client.flows.executions.list(flowId(flow))) {
    const details = await client.flows.executions.get(flowId(flow), summary.id, { hydrate: ['debug'] });
    if ((details.debug as Debug | undefined)?.user.email === email) found.push(details as GetFlowExecutionResponseContent & { debug: Debug });
  }
  return found.reverse();
}

const action = (details: { debug: Debug }, id: string) => details.debug.actions.find((a) => a.id === id);

test('a completed change: one send-code and one verify-code execution of the same journey, completed, the code nowhere in them', async () => {
  const user = await createUser(tenant(), 'executions-completed');
  const change = await startEmailChange(tenant(), app, user);
  const address = `moved.${user.email}`;
  expect((await change.sendCode(address)).text).toContain('Check your email');
  const code = change.codeSentTo(address);
  // README "The contract with apps": the app hears email_change_completed.
  expect((await change.enterCode(code)).callback?.searchParams.get('error_description')).toBe('email_change_completed');

  const [sent, ...moreSent] = await executionsOf(SEND_CODE_FLOW, user.email);
  const [verified, ...moreVerified] = await executionsOf(VERIFY_CODE_FLOW, user.email);
  expect([moreSent, moreVerified]).toEqual([[], []]);
  for (const execution of [sent, verified]) {
    expect(execution).toMatchObject({ status: 'completed', id: expect.any(String), trace_id: expect.stringMatching(/^[0-9a-f]{32}$/), created_at: expect.any(String), ended_at: expect.any(String) });
    expect(JSON.stringify(execution)).not.toContain(code);
  }
  expect(verified?.journey_id).toBe(sent?.journey_id);
  expect(action(sent as { debug: Debug }, 'generate_code')).toMatchObject({ action: 'OTP/GENERATE_CODE', status: 'completed', output: '███' });
  expect(action(sent as { debug: Debug }, 'send_code')).toMatchObject({ action: 'SENDGRID/SEND_EMAIL', status: 'completed', output: { status: 202 } });
  expect(action(verified as { debug: Debug }, 'verify_code')).toMatchObject({ action: 'OTP/VERIFY_CODE', output: { valid: true, result: 'VALID' } });
  expect(action(verified as { debug: Debug }, 'update_user')).toMatchObject({ status: 'completed', output: '███' });

  // The terminal: one line per execution as it ended, one per email (with the code: local only).
  expect(lines).toContainEqual(expect.stringMatching(new RegExp(`Z  flow ${SEND_CODE_FLOW}  journey ${sent?.journey_id}  user ${user.email.replace(/\./g, '\\.')}  ok$`)));
  expect(lines).toContainEqual(expect.stringMatching(new RegExp(`Z  flow ${VERIFY_CODE_FLOW}  journey ${sent?.journey_id}  user .*  ok$`)));
  expect(lines).toContainEqual(expect.stringMatching(new RegExp(`Z  email to ${address.replace(/\./g, '\\.')}  template \\S+ \\(.+\\)  code ${code}$`)));
  expect(lines).toContainEqual(expect.stringContaining(`email to ${user.email}  template `));
});

test('a send SendGrid refuses: a failed execution naming send_code and SendGrid\'s answer, and a FAILED line', async () => {
  const user = await createUser(tenant(), 'executions-refused');
  const change = await startEmailChange(tenant(), app, user);
  tenant().faults.failNext('sendgrid.send', { status: 500 });
  expect((await change.sendCode(`refused.${user.email}`)).text).not.toContain('Check your email');

  const [failed] = await executionsOf(SEND_CODE_FLOW, user.email);
  expect(failed).toMatchObject({ status: 'failed', debug: { error: { action_id: 'send_code', message: expect.stringContaining('SendGrid answered 500') } } });
  expect(action(failed as { debug: Debug }, 'send_code')).toMatchObject({ status: 'failed', error: expect.stringContaining('SendGrid answered 500') });
  expect(lines).toContainEqual(expect.stringMatching(new RegExp(`journey ${failed?.journey_id}  user .*  FAILED at send_code: SENDGRID/SEND_EMAIL: SendGrid answered 500`)));
});

test('a wrong code: a completed execution that ended with the message the page shows, VERIFY_CODE saying UNEQUAL', async () => {
  const user = await createUser(tenant(), 'executions-wrong-code');
  const change = await startEmailChange(tenant(), app, user);
  const address = `wrong.${user.email}`;
  await change.sendCode(address);
  const right = change.codeSentTo(address);
  const wrong = right.replace(/.$/, (d) => String((Number(d) + 1) % 10));
  const page = await change.enterCode(wrong);

  const [execution] = await executionsOf(VERIFY_CODE_FLOW, user.email);
  expect(execution).toMatchObject({ status: 'completed', debug: { outcome: 'error-message', message: expect.any(String) } });
  expect(page.text).toContain(execution?.debug.message);
  expect(action(execution as { debug: Debug }, 'verify_code')).toMatchObject({ output: { valid: false, result: 'UNEQUAL' } });
  expect(lines).toContainEqual(expect.stringMatching(new RegExp(`journey ${execution?.journey_id}  user .*  ok, ended by \\S+: ${JSON.stringify(execution?.debug.message).replace(/[.?()]/g, '\\$&')}$`)));
});

test('the list pages with take and from as the SDK drives it, newest first, without repeats; get without hydrate has no debug', async () => {
  const client = management(tenant());
  const all = (await client.flows.executions.list(flowId(SEND_CODE_FLOW), { take: 100 })).data.map((e) => e.id);
  expect(all.length).toBeGreaterThanOrEqual(3);
  const paged: string[] = [];
  for await (const summary of await client.flows.executions.list(flowId(SEND_CODE_FLOW), { take: 1 })) paged.push(summary.id);
  expect(paged).toEqual(all);
  const one = await client.flows.executions.get(flowId(SEND_CODE_FLOW), all[0] as string);
  expect(Object.keys(one).sort()).toEqual(['created_at', 'ended_at', 'id', 'journey_id', 'started_at', 'status', 'trace_id', 'updated_at']);
});

test('scopes: read:flows_executions to read, delete:flows_executions to delete; a deleted execution is gone', async () => {
  const admin = management(tenant());
  const reader = await admin.clients.create({ name: 'flows reader', app_type: 'non_interactive', grant_types: ['client_credentials'], token_endpoint_auth_method: 'client_secret_post' });
  await admin.clientGrants.create({ client_id: reader.client_id as string, audience: `https://${tenant().domain}/api/v2/`, scope: ['read:flows'] });
  const limited = managementClient(tenant(), { clientId: reader.client_id as string, clientSecret: reader.client_secret as string });
  const refused = await managementError(limited.flows.executions.list(flowId(SEND_CODE_FLOW)));
  expect([refused.statusCode, refused.body.message]).toEqual([403, 'Insufficient scope, expected any of: read:flows_executions']);

  const [first] = (await admin.flows.executions.list(flowId(SEND_CODE_FLOW))).data;
  await admin.flows.executions.delete(flowId(SEND_CODE_FLOW), first?.id as string);
  const gone = await managementError(admin.flows.executions.get(flowId(SEND_CODE_FLOW), first?.id as string));
  expect([gone.statusCode, gone.body.message]).toEqual([404, 'The flow execution does not exist.']);
  const noFlow = await managementError(admin.flows.executions.list('af_doesnotexist'));
  expect([noFlow.statusCode, noFlow.body.message]).toEqual([404, 'The flow does not exist.']);
});
