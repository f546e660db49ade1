// Each reading's check, with plain observed actions: what a tenant could show, and the verdict.
import { compareWithReadings, type ObservedAction } from '../../../../scripts/lib/executions/relied-readings';

const seen = (action: string, output: unknown, extra: Partial<ObservedAction> = {}): ObservedAction => ({ id: 'a', action, status: 'completed', hasOutput: output !== undefined, ...(output === undefined ? {} : { output }), ...extra });
const verdict = (observed: ObservedAction[], action: string) => compareWithReadings(observed).find((r) => r.action === action)?.verdict;

test.each([
  ['OTP/GENERATE_CODE', seen('OTP/GENERATE_CODE', '███'), 'matches'],
  ['OTP/GENERATE_CODE', seen('OTP/GENERATE_CODE', { code: '123456' }), 'differs: a 6-character code shows in clear (is mask_output on?)'],
  ['OTP/VERIFY_CODE', seen('OTP/VERIFY_CODE', { valid: false, result: 'UNEQUAL' }), 'matches'],
  ['OTP/VERIFY_CODE', seen('OTP/VERIFY_CODE', { valid: 'true', result: 'VALID' }), 'differs: valid is "true", not a boolean'],
  ['OTP/VERIFY_CODE', seen('OTP/VERIFY_CODE', { valid: true, result: 'WRONG' }), 'differs: result is "WRONG"'],
  ['EMAIL/VERIFY_EMAIL', seen('EMAIL/VERIFY_EMAIL', { valid: false }), 'differs: not valid, and cause is undefined'],
  ['SENDGRID/SEND_EMAIL', seen('SENDGRID/SEND_EMAIL', undefined), 'differs: a send that succeeded shows no output'],
  ['SENDGRID/SEND_EMAIL', seen('SENDGRID/SEND_EMAIL', undefined, { status: 'failure-allowed' }), 'matches'],
  ['AUTH0/SEND_REQUEST', seen('AUTH0/SEND_REQUEST', { users: [] }), 'differs: the output is {"users":[]}, not a list'],
  ['HTTP/SEND_REQUEST', seen('HTTP/SEND_REQUEST', { status: '200', body: '' }), 'differs: the output is {"status":"200","body":""}'],
  ['FLOW/STORE_VARS', seen('FLOW/STORE_VARS', { n: 2 }, { definition: { params: { vars: { n: '{{functions.length(vars.x)}}' } } } }), 'matches'],
  ['FLOW/STORE_VARS', seen('FLOW/STORE_VARS', { n: '2' }, { definition: { params: { vars: { n: '{{functions.length(vars.x)}}' } } } }), 'differs: vars.n = {{functions.length(vars.x)}} was stored as the text "2"'],
  // Text stored from text, or a literal: no evidence either way.
  ['FLOW/STORE_VARS', seen('FLOW/STORE_VARS', { a: 'x', b: 3 }, { definition: { params: { vars: { a: '{{vars.a}}', b: 3 } } } }), 'not shown'],
])('%s: %j gives %s', (action, observed, expected) => {
  expect(verdict([observed], action)).toBe(expected);
});

test('over many executions a difference wins over a match, and an action never run is not shown', () => {
  const results = compareWithReadings([seen('OTP/VERIFY_CODE', { valid: true, result: 'VALID' }), seen('OTP/VERIFY_CODE', { valid: true })]);
  expect(results.find((r) => r.action === 'OTP/VERIFY_CODE')).toMatchObject({ verdict: 'differs: result is undefined', seen: 2 });
  expect(results.find((r) => r.action === 'HTTP/SEND_REQUEST')).toMatchObject({ verdict: 'not shown', seen: 0 });
});
