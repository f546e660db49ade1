// The tenant's terminal lines, from plain records.
import { emailLine, flowExecutionLine } from '../../../local-tenant/state/terminal-lines';
import type { OutboxMessage, StoredFlowExecution } from '../../../local-tenant/state/types';

const execution = (status: 'completed' | 'failed', debug: StoredFlowExecution['debug']): StoredFlowExecution => ({
  flow_id: 'af_1',
  id: 'afe_1',
  trace_id: 't',
  journey_id: 'j-1',
  status,
  created_at: '2026-11-21T09:00:00.000Z',
  updated_at: '2026-11-21T09:00:01.000Z',
  started_at: '2026-11-21T09:00:00.000Z',
  ended_at: '2026-11-21T09:00:01.000Z',
  debug: {
    flow: { id: 'af_1', name: 'email-change-send-code' },
    user: { email: 'ana@example.com' },
    actions: [],
    ...debug,
  },
});

test('a flow execution: ok, ended by a message, or FAILED with the action and its cause', () => {
  const head = '2026-11-21 09:00:01Z  flow email-change-send-code  journey j-1  user ana@example.com';
  expect(flowExecutionLine(execution('completed', { outcome: 'completed' }))).toBe(`${head}  ok`);
  expect(
    flowExecutionLine(
      execution('completed', {
        outcome: 'error-message',
        message: 'Wrong code.',
        message_action_id: 'wrong_code_1_en',
      }),
    ),
  ).toBe(`${head}  ok, ended by wrong_code_1_en: "Wrong code."`);
  expect(
    flowExecutionLine(
      execution('failed', {
        outcome: 'failed',
        error: {
          action_id: 'send_code',
          message: 'HTTP/SEND_REQUEST POST /v3/mail/send answered 500: Internal Server Error',
        },
      }),
    ),
  ).toBe(`${head}  FAILED at send_code: HTTP/SEND_REQUEST POST /v3/mail/send answered 500: Internal Server Error`);
});

test('an email: to, template and its name, and the code when the data has one', () => {
  const message = {
    id: 'm.0',
    sent_at: '2026-11-21T09:00:02.000Z',
    to: [{ email: 'new@example.com' }],
    subject: 'Your code',
    template_id: 'd-1',
    dynamic_template_data: { code: '012345' },
  } as unknown as OutboxMessage;
  expect(emailLine(message, 'email-change code (en)')).toBe(
    '2026-11-21 09:00:02Z  email to new@example.com  template d-1 (email-change code (en))  code 012345',
  );
  expect(emailLine({ ...message, dynamic_template_data: {} }, undefined)).toBe(
    '2026-11-21 09:00:02Z  email to new@example.com  template d-1',
  );
});
