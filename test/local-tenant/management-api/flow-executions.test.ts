// GET/DELETE /api/v2/flows/{flow_id}/executions[/{execution_id}] on a local tenant with the
// bundle deployed, read with the real auth0 SDK after changes driven over HTTP: a completed
// change, a send that SendGrid refuses (under each reading of httpErrorStatus), and wrong codes.
// And the tenant's terminal lines for the same journeys (the logger is injected; npm start
// passes console.log).
import type { Management } from 'auth0';

type GetFlowExecutionResponseContent = Management.GetFlowExecutionResponseContent;
import { FLOW_MESSAGES, wrongCodeMessage } from '../../../forms/flow-messages';
import { MAX_WRONG_CODES } from '../../../forms/limits';
import { SEND_CODE_FLOW, VERIFY_CODE_FLOW } from '../../../forms/names';
import { DEFAULT_READINGS, type LocalTenant } from '../../../local-tenant';
import { useDeployedLocalTenant } from '../../helpers/deployed-local-tenant';
import { startEmailChange } from '../../helpers/email-change-over-http';
import { createApp, createUser, management, type TestApp } from '../../helpers/login-apps';
import { managementClient, managementError } from '../../helpers/management-client';

const lines: string[] = [];
const tenant = useDeployedLocalTenant({ log: (line) => lines.push(line) });
// Under the other reading of a non-2xx answer to HTTP/SEND_REQUEST: the action fails.
const failingTenant = useDeployedLocalTenant({
  log: (line) => lines.push(line),
  readings: { ...DEFAULT_READINGS, httpErrorStatus: 'fails' },
});

let app: TestApp;
let failingApp: TestApp;
beforeAll(async () => {
  app = await createApp(tenant());
  failingApp = await createApp(failingTenant());
});
afterEach(() => {
  tenant().faults.clear();
  failingTenant().faults.clear();
});

const flowIdOn = (on: LocalTenant, name: string): string => on.state.flows.find((f) => f.name === name)?.id as string;
const flowId = (name: string): string => flowIdOn(tenant(), name);

type Debug = {
  user: { email: string };
  outcome: string;
  message?: string;
  error?: { action_id: string; message: string };
  actions: { id: string; action: string; status: string; output?: unknown; error?: string }[];
};

/** Every execution of `flow` whose details name `email`, through the SDK, oldest first. */
async function executionsOf(
  flow: string,
  email: string,
  on: LocalTenant = tenant(),
): Promise<(GetFlowExecutionResponseContent & { debug: Debug })[]> {
  const client = management(on);
  const found = [];
  for await (const summary of await client.flows.executions.list(flowIdOn(on, flow))) {
    const details = await client.flows.executions.get(flowIdOn(on, flow), summary.id, { hydrate: ['debug'] });
    if ((details.debug as Debug | undefined)?.user.email === email)
      found.push(details as GetFlowExecutionResponseContent & { debug: Debug });
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
    expect(execution).toMatchObject({
      status: 'completed',
      id: expect.any(String),
      trace_id: expect.stringMatching(/^[0-9a-f]{32}$/),
      created_at: expect.any(String),
      ended_at: expect.any(String),
    });
    expect(JSON.stringify(execution)).not.toContain(code);
  }
  expect(verified?.journey_id).toBe(sent?.journey_id);
  expect(action(sent as { debug: Debug }, 'generate_code')).toMatchObject({
    action: 'OTP/GENERATE_CODE',
    status: 'completed',
    output: '███',
  });
  // The Management API through HTTP/SEND_REQUEST, masked: other users' records and this one's stay out of the record.
  for (const id of ['read_user', 'record_send', 'find_owner'])
    expect(action(sent as { debug: Debug }, id)).toMatchObject({
      action: 'HTTP/SEND_REQUEST',
      status: 'completed',
      output: '███',
    });
  for (const id of ['recheck_user', 'update_user', 'record_notice'])
    expect(action(verified as { debug: Debug }, id)).toMatchObject({
      action: 'HTTP/SEND_REQUEST',
      status: 'completed',
      output: '███',
    });
  // How many accounts own the address, as the flow counted users-by-email's list (a number under singleTemplateValue=typed).
  expect(action(sent as { debug: Debug }, 'count_owners')).toMatchObject({
    action: 'FLOW/STORE_VARS',
    output: { owners: 0 },
  });
  // SendGrid through HTTP/SEND_REQUEST: the documented output {headers, body, status, success}.
  for (const [execution, id] of [
    [sent, 'send_code'],
    [verified, 'notify_old_address'],
  ] as const) {
    expect(action(execution as { debug: Debug }, id)).toMatchObject({
      action: 'HTTP/SEND_REQUEST',
      status: 'completed',
      output: { status: 202, success: true, headers: expect.any(Object) },
    });
    expect(action(execution as { debug: Debug }, id)?.output).toHaveProperty('body');
  }
  expect(action(verified as { debug: Debug }, 'verify_code')).toMatchObject({
    action: 'OTP/VERIFY_CODE',
    output: { valid: true, result: 'VALID' },
  });

  // The terminal: one line per execution as it ended, one per email (with the code: local only).
  expect(lines).toContainEqual(
    expect.stringMatching(
      new RegExp(
        `Z  flow ${SEND_CODE_FLOW}  journey ${sent?.journey_id}  user ${user.email.replace(/\./g, '\\.')}  ok$`,
      ),
    ),
  );
  expect(lines).toContainEqual(
    expect.stringMatching(new RegExp(`Z  flow ${VERIFY_CODE_FLOW}  journey ${sent?.journey_id}  user .*  ok$`)),
  );
  expect(lines).toContainEqual(
    expect.stringMatching(
      new RegExp(`Z  email to ${address.replace(/\./g, '\\.')}  template \\S+ \\(.+\\)  code ${code}$`),
    ),
  );
  expect(lines).toContainEqual(expect.stringContaining(`email to ${user.email}  template `));
});

test('a send SendGrid refuses (httpErrorStatus=output): send_code completes with {status: 500, success: false}, the flow ends with its message, an ok line', async () => {
  const user = await createUser(tenant(), 'executions-refused');
  const change = await startEmailChange(tenant(), app, user);
  tenant().faults.failNext('sendgrid.send', { status: 500 });
  const page = await change.sendCode(`refused.${user.email}`);
  expect(page.text).not.toContain('Check your email');
  expect(page.text).toContain(FLOW_MESSAGES.sendFailed.en);

  const [refused, ...more] = await executionsOf(SEND_CODE_FLOW, user.email);
  expect(more).toEqual([]);
  expect(refused).toMatchObject({
    status: 'completed',
    debug: { outcome: 'error-message', message: FLOW_MESSAGES.sendFailed.en, message_action_id: 'code_not_sent_en' },
  });
  expect(action(refused as { debug: Debug }, 'send_code')).toMatchObject({
    action: 'HTTP/SEND_REQUEST',
    status: 'completed',
    output: { status: 500, success: false },
  });
  expect(action(refused as { debug: Debug }, 'code_sent')).toMatchObject({ output: { result: false } });
  expect(lines).toContainEqual(
    expect.stringMatching(
      new RegExp(
        `journey ${refused?.journey_id}  user .*  ok, ended by code_not_sent_en: "We could not send the email just now`,
      ),
    ),
  );
});

test('a send SendGrid refuses (httpErrorStatus=fails): send_code fails, the flow goes on (allow_failure) to the same message', async () => {
  const on = failingTenant();
  const user = await createUser(on, 'executions-refused-fails');
  const change = await startEmailChange(on, failingApp, user);
  on.faults.failNext('sendgrid.send', { status: 500 });
  const page = await change.sendCode(`refused.${user.email}`);
  expect(page.text).toContain(FLOW_MESSAGES.sendFailed.en);

  const [refused] = await executionsOf(SEND_CODE_FLOW, user.email, on);
  expect(refused).toMatchObject({
    status: 'completed',
    debug: { outcome: 'error-message', message: FLOW_MESSAGES.sendFailed.en },
  });
  const sendCode = action(refused as { debug: Debug }, 'send_code');
  expect(sendCode).toMatchObject({
    action: 'HTTP/SEND_REQUEST',
    status: 'failure-allowed',
    error: expect.stringContaining('answered 500'),
  });
  expect(sendCode).not.toHaveProperty('output');
  expect(lines).toContainEqual(
    expect.stringMatching(
      new RegExp(
        `journey ${refused?.journey_id}  user .*  ok, ended by code_not_sent_en: "We could not send the email just now`,
      ),
    ),
  );
});

test('wrong codes: completed executions that end normally, VERIFY_CODE saying UNEQUAL, the count and the notice stored, the notice on the page', async () => {
  const user = await createUser(tenant(), 'executions-wrong-code');
  const change = await startEmailChange(tenant(), app, user);
  const address = `wrong.${user.email}`;
  await change.sendCode(address);
  const right = change.codeSentTo(address);
  const wrong = right.replace(/.$/, (d) => String((Number(d) + 1) % 10));
  const pages = [await change.enterCode(wrong), await change.enterCode(wrong)];

  const executions = await executionsOf(VERIFY_CODE_FLOW, user.email);
  expect(executions).toHaveLength(2);
  executions.forEach((execution, i) => {
    const count = i + 1;
    const notice = wrongCodeMessage(MAX_WRONG_CODES - count).en;
    // No FLOW/ERROR_MESSAGE: what the run stored stays stored whatever Auth0 does with vars at one.
    expect(execution).toMatchObject({ status: 'completed', debug: { outcome: 'completed' } });
    expect(execution.debug).not.toHaveProperty('message');
    expect(action(execution, 'verify_code')).toMatchObject({ output: { valid: false, result: 'UNEQUAL' } });
    expect(action(execution, 'count_wrong_code')).toMatchObject({
      action: 'FLOW/STORE_VARS',
      output: { wrong_codes: 'x'.repeat(count) },
    });
    expect(action(execution, `notice_wrong_code_${count}_en`)).toMatchObject({
      action: 'FLOW/STORE_VARS',
      output: { code_notice: notice },
    });
    // The form's router shows the code step again, with the notice.
    expect(pages[i]?.text).toContain(notice);
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`journey ${execution.journey_id}  user .*  ok$`)));
  });
  expect(JSON.stringify(executions)).not.toContain(right);
});

test('the list pages with take and from as the SDK drives it, newest first, without repeats; get without hydrate has no debug', async () => {
  const client = management(tenant());
  const all = (await client.flows.executions.list(flowId(SEND_CODE_FLOW), { take: 100 })).data.map((e) => e.id);
  expect(all.length).toBeGreaterThanOrEqual(3);
  const paged: string[] = [];
  for await (const summary of await client.flows.executions.list(flowId(SEND_CODE_FLOW), { take: 1 }))
    paged.push(summary.id);
  expect(paged).toEqual(all);
  const one = await client.flows.executions.get(flowId(SEND_CODE_FLOW), all[0] as string);
  expect(Object.keys(one).sort()).toEqual([
    'created_at',
    'ended_at',
    'id',
    'journey_id',
    'started_at',
    'status',
    'trace_id',
    'updated_at',
  ]);
});

test('scopes: read:flows_executions to read, delete:flows_executions to delete; a deleted execution is gone', async () => {
  const admin = management(tenant());
  const reader = await admin.clients.create({
    name: 'flows reader',
    app_type: 'non_interactive',
    grant_types: ['client_credentials'],
    token_endpoint_auth_method: 'client_secret_post',
  });
  await admin.clientGrants.create({
    client_id: reader.client_id as string,
    audience: `https://${tenant().domain}/api/v2/`,
    scope: ['read:flows'],
  });
  const limited = managementClient(tenant(), {
    clientId: reader.client_id as string,
    clientSecret: reader.client_secret as string,
  });
  const refused = await managementError(limited.flows.executions.list(flowId(SEND_CODE_FLOW)));
  expect([refused.statusCode, refused.body.message]).toEqual([
    403,
    'Insufficient scope, expected any of: read:flows_executions',
  ]);

  const [first] = (await admin.flows.executions.list(flowId(SEND_CODE_FLOW))).data;
  await admin.flows.executions.delete(flowId(SEND_CODE_FLOW), first?.id as string);
  const gone = await managementError(admin.flows.executions.get(flowId(SEND_CODE_FLOW), first?.id as string));
  expect([gone.statusCode, gone.body.message]).toEqual([404, 'The flow execution does not exist.']);
  const noFlow = await managementError(admin.flows.executions.list('af_doesnotexist'));
  expect([noFlow.statusCode, noFlow.body.message]).toEqual([404, 'The flow does not exist.']);
});
