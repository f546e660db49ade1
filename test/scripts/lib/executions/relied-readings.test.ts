// Each reading's check, with plain observed actions: what a tenant could show, and the verdict.
import {
  compareWithReadings,
  type ObservedAction,
  RELIED_READINGS,
} from '../../../../scripts/lib/executions/relied-readings';
import { describeExecution, executionLine } from '../../../../scripts/lib/executions/execution-details';

const seen = (action: string, output: unknown, extra: Partial<ObservedAction> = {}): ObservedAction => ({
  id: 'a',
  action,
  status: 'completed',
  hasOutput: output !== undefined,
  ...(output === undefined ? {} : { output }),
  ...extra,
});
const verdict = (observed: ObservedAction[], name: string) =>
  compareWithReadings(observed).find((r) => r.name === name)?.verdict;
const http = (status: number, success: boolean, extra: Record<string, unknown> = {}) => ({
  headers: { 'content-type': 'application/json' },
  body: {},
  status,
  success,
  ...extra,
});
/** A STORE_VARS of vars.wrong_codes, as verify-code's count_wrong_code stores it, in journey `journey`. */
const wrongCodes = (journey: string, value: string) =>
  seen('FLOW/STORE_VARS', { wrong_codes: value }, { id: 'count_wrong_code', journeyId: journey });

test('the readings: what the flows use now, and nothing they no longer use', () => {
  expect(RELIED_READINGS.map((r) => r.name)).toEqual([
    'OTP/GENERATE_CODE',
    'OTP/VERIFY_CODE',
    'EMAIL/VERIFY_EMAIL',
    'HTTP/SEND_REQUEST',
    'HTTP/SEND_REQUEST non-2xx',
    'FLOW/STORE_VARS',
    'vars after a wrong code',
  ]);
  expect(
    RELIED_READINGS.map((r) => r.action).filter((a) => a.startsWith('AUTH0/') || a.startsWith('SENDGRID/')),
  ).toEqual([]);
});

test.each([
  ['OTP/GENERATE_CODE', seen('OTP/GENERATE_CODE', '███'), 'matches'],
  [
    'OTP/GENERATE_CODE',
    seen('OTP/GENERATE_CODE', { code: '123456' }),
    'differs: a 6-character code shows in clear (is mask_output on?)',
  ],
  ['OTP/VERIFY_CODE', seen('OTP/VERIFY_CODE', { valid: false, result: 'UNEQUAL' }), 'matches'],
  [
    'OTP/VERIFY_CODE',
    seen('OTP/VERIFY_CODE', { valid: 'true', result: 'VALID' }),
    'differs: valid is "true", not a boolean',
  ],
  ['OTP/VERIFY_CODE', seen('OTP/VERIFY_CODE', { valid: true, result: 'WRONG' }), 'differs: result is "WRONG"'],
  [
    'OTP/VERIFY_CODE',
    seen('OTP/VERIFY_CODE', { valid: false, result: 'VALID' }),
    'differs: valid is false with result VALID',
  ],
  ['EMAIL/VERIFY_EMAIL', seen('EMAIL/VERIFY_EMAIL', { valid: true, cause: null }), 'matches'],
  ['EMAIL/VERIFY_EMAIL', seen('EMAIL/VERIFY_EMAIL', { valid: false, cause: 'BLOCKLISTED' }), 'matches'],
  ['EMAIL/VERIFY_EMAIL', seen('EMAIL/VERIFY_EMAIL', { valid: false }), 'differs: not valid, and cause is undefined'],
  // HTTP/SEND_REQUEST's documented output, SendGrid's 202 and a refusal alike.
  ['HTTP/SEND_REQUEST', seen('HTTP/SEND_REQUEST', http(202, true)), 'matches'],
  ['HTTP/SEND_REQUEST', seen('HTTP/SEND_REQUEST', http(500, false)), 'matches'],
  [
    'HTTP/SEND_REQUEST',
    seen('HTTP/SEND_REQUEST', http(200, true, { status: '200' })),
    'differs: status is "200", not a number',
  ],
  [
    'HTTP/SEND_REQUEST',
    seen('HTTP/SEND_REQUEST', http(200, true, { success: 'true' })),
    'differs: success is "true", not a boolean',
  ],
  ['HTTP/SEND_REQUEST', seen('HTTP/SEND_REQUEST', http(500, true)), 'differs: success is true with status 500'],
  [
    'HTTP/SEND_REQUEST',
    seen('HTTP/SEND_REQUEST', { status: 200, success: true, headers: {} }),
    'differs: the output has no body: keys status, success, headers',
  ],
  ['HTTP/SEND_REQUEST', seen('HTTP/SEND_REQUEST', http(200, true, { headers: 'x' })), 'differs: headers is "x"'],
  // The Management API calls are masked on purpose: nothing to judge.
  ['HTTP/SEND_REQUEST', seen('HTTP/SEND_REQUEST', '███', { id: 'read_user' }), 'not shown'],
  // A non-2xx answer: an output with success false, or a failed action the flow went on from.
  ['HTTP/SEND_REQUEST non-2xx', seen('HTTP/SEND_REQUEST', http(500, false), { id: 'send_code' }), 'matches'],
  [
    'HTTP/SEND_REQUEST non-2xx',
    seen('HTTP/SEND_REQUEST', undefined, { id: 'send_code', status: 'failure-allowed' }),
    'matches',
  ],
  [
    'HTTP/SEND_REQUEST non-2xx',
    seen('HTTP/SEND_REQUEST', undefined, { id: 'send_code', status: 'failed', definition: { allow_failure: true } }),
    'differs: send_code failed and the flow stopped there, though it allows failure',
  ],
  [
    'HTTP/SEND_REQUEST non-2xx',
    seen('HTTP/SEND_REQUEST', undefined, { id: 'send_code', status: 'failed' }),
    'differs: send_code failed and the flow stopped there (is allow_failure on?)',
  ],
  ['HTTP/SEND_REQUEST non-2xx', seen('HTTP/SEND_REQUEST', http(202, true)), 'not shown'],
  // The bundle's own value that keeps its type only under singleTemplateValue=typed.
  [
    'FLOW/STORE_VARS',
    seen(
      'FLOW/STORE_VARS',
      { owners: 0 },
      { definition: { params: { vars: { owners: '{{functions.length(actions.find_owner.body)}}' } } } },
    ),
    'matches',
  ],
  [
    'FLOW/STORE_VARS',
    seen(
      'FLOW/STORE_VARS',
      { owners: '0' },
      { definition: { params: { vars: { owners: '{{functions.length(actions.find_owner.body)}}' } } } },
    ),
    'differs: vars.owners = {{functions.length(actions.find_owner.body)}} was stored as the text "0"',
  ],
  // Text stored from text, or a literal: no evidence either way.
  [
    'FLOW/STORE_VARS',
    seen('FLOW/STORE_VARS', { a: 'x', b: 3 }, { definition: { params: { vars: { a: '{{vars.a}}', b: 3 } } } }),
    'not shown',
  ],
])('%s: %j gives %s', (name, observed, expected) => {
  expect(verdict([observed], name)).toBe(expected);
});

test.each([
  ['two wrong codes in one journey: the counter grew', [wrongCodes('j1', 'x'), wrongCodes('j1', 'xx')], 'matches'],
  ['a run not read (--limit) only skips a value', [wrongCodes('j1', 'x'), wrongCodes('j1', 'xxx')], 'matches'],
  ['one wrong code per journey: nothing to follow', [wrongCodes('j1', 'x'), wrongCodes('j2', 'x')], 'not shown'],
  [
    'the count a wrong code stored did not reach the next run',
    [wrongCodes('j1', 'x'), wrongCodes('j2', 'x'), wrongCodes('j1', 'x')],
    'differs: in journey j1 vars.wrong_codes went from "x" to "x": what a wrong code stored did not reach the next run',
  ],
  [
    'no journey in the details',
    [seen('FLOW/STORE_VARS', { wrong_codes: 'x' }), seen('FLOW/STORE_VARS', { wrong_codes: 'x' })],
    'not shown',
  ],
])('vars after a wrong code: %s', (_name, observed, expected) => {
  expect(verdict(observed, 'vars after a wrong code')).toBe(expected);
});

test('over many executions a difference wins over a match, an action never run is not shown, and only the actions a reading judges are counted', () => {
  const results = compareWithReadings([
    seen('OTP/VERIFY_CODE', { valid: true, result: 'VALID' }),
    seen('OTP/VERIFY_CODE', { valid: true }),
    seen('FLOW/STORE_VARS', { now: 't' }),
    wrongCodes('j', 'x'),
  ]);
  expect(results.find((r) => r.name === 'OTP/VERIFY_CODE')).toMatchObject({
    verdict: 'differs: result is undefined',
    seen: 2,
  });
  expect(results.find((r) => r.name === 'HTTP/SEND_REQUEST')).toMatchObject({ verdict: 'not shown', seen: 0 });
  expect(results.find((r) => r.name === 'FLOW/STORE_VARS')).toMatchObject({ seen: 2 });
  expect(results.find((r) => r.name === 'vars after a wrong code')).toMatchObject({ verdict: 'not shown', seen: 1 });
});

test('an execution a wrong code ended normally shows the notice it stored for the code step; an error message wins; a failure shows its cause', () => {
  const execution = (status: string, debug: Record<string, unknown>) =>
    describeExecution(
      {
        id: 'e',
        trace_id: 't',
        journey_id: 'j',
        status,
        created_at: '2026-11-21T09:00:00.000Z',
        debug: { user: { email: 'a@x.test' }, ...debug },
      },
      'verify-code',
    );
  const wrong = execution('completed', {
    actions: [
      {
        id: 'verify_code',
        action: 'OTP/VERIFY_CODE',
        status: 'completed',
        output: { valid: false, result: 'UNEQUAL' },
      },
      { id: 'count_wrong_code', action: 'FLOW/STORE_VARS', status: 'completed', output: { wrong_codes: 'x' } },
      {
        id: 'notice_wrong_code_1_en',
        action: 'FLOW/STORE_VARS',
        status: 'completed',
        output: { code_notice: 'That code is not right.' },
      },
    ],
  });
  expect(wrong).toMatchObject({
    message: 'That code is not right.',
    actions: expect.arrayContaining([expect.objectContaining({ journeyId: 'j' })]),
  });
  expect(executionLine(wrong)).toBe(
    '2026-11-21 09:00:00Z  verify-code  a@x.test  completed  showed "That code is not right."',
  );
  // A send clears the notice: nothing shown.
  const sent = execution('completed', {
    actions: [
      { id: 'remember_pending_address', action: 'FLOW/STORE_VARS', status: 'completed', output: { code_notice: '' } },
    ],
  });
  expect(sent.message).toBeUndefined();
  expect(execution('completed', { message: 'We could not send the email just now.', actions: [] }).message).toBe(
    'We could not send the email just now.',
  );
  const failed = execution('failed', { error: { action_id: 'send_code', message: 'boom' }, actions: [] });
  expect(executionLine(failed)).toBe('2026-11-21 09:00:00Z  verify-code  a@x.test  failed  at send_code: boom');
});
