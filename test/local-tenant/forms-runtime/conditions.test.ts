// Conditions as the runtime evaluates them: AND groups of EQ and INCLUDES with string literals, the
// Dashboard export's shape (platform/forms-model.ts); anything else refused by name.
import { evaluateCondition } from '../../../local-tenant/forms-runtime/conditions';
import { DefinitionError, UnsupportedFeatureError } from '../../../local-tenant/forms-runtime/unsupported';

const env = { now: () => 0, uuid: () => 'u' };
const scope = { vars: { locale: 'es', count: 'xxxxx', flag: true, list: ['a', 'b'], nothing: null, n: 0 } };
const holds = (condition: unknown) => evaluateCondition(condition, scope, env, 'test');
const and = (...comparisons: [string, string, string][]) => ({
  operator: 'AND',
  operands: comparisons.map(([operator, a, b]) => ({ operator, operands: [a, b] })),
});

test.each<[string, unknown, boolean]>([
  ['EQ strings', and(['EQ', '{{vars.locale}}', 'es']), true],
  ['EQ differs', and(['EQ', '{{vars.locale}}', 'en']), false],
  // The export compares a boolean field with the string "true": EQ compares what the sides read as text.
  ['EQ a boolean and "true"', and(['EQ', '{{vars.flag}}', 'true']), true],
  ['EQ a number and its digits', and(['EQ', '{{functions.length(vars.count)}}', '5']), true],
  ['EQ zero and "0"', and(['EQ', '{{vars.n}}', '0']), true],
  ['EQ a missing value and the empty string', and(['EQ', '{{vars.missing}}', '']), true],
  ['EQ null and the empty string', and(['EQ', '{{vars.nothing}}', '']), true],
  ['EQ a missing value and "false"', and(['EQ', '{{vars.missing}}', 'false']), false],
  ['INCLUDES in a list', and(['INCLUDES', '{{vars.list}}', 'b']), true],
  ['INCLUDES not in a list', and(['INCLUDES', '{{vars.list}}', 'c']), false],
  ['INCLUDES in text', and(['INCLUDES', '{{vars.count}}', 'xx']), true],
  ['AND of two, one false', and(['EQ', '{{vars.locale}}', 'es'], ['EQ', '{{vars.count}}', 'x']), false],
  ['AND of two, both true', and(['EQ', '{{vars.locale}}', 'es'], ['EQ', '{{vars.count}}', 'xxxxx']), true],
])('%s', (_name, condition, expected) => {
  expect(holds(condition)).toBe(expected);
});

test.each([
  ['a bare EQ', { operator: 'EQ', operands: ['{{vars.locale}}', 'es'] }, 'the condition "EQ" outside an AND group'],
  ['OR', { operator: 'OR', operands: [] }, 'the condition "OR" outside an AND group'],
  ['GTE', and(['GTE', '{{vars.count}}', '5']), 'the condition operator "GTE"'],
  ['NE', and(['NE', '{{vars.count}}', '5']), 'the condition operator "NE"'],
  [
    'EXISTS',
    { operator: 'AND', operands: [{ operator: 'EXISTS', operands: ['{{vars.locale}}'] }] },
    'the condition operator "EXISTS"',
  ],
])('%s is refused by name as undocumented', (_name, condition, message) => {
  expect(() => holds(condition)).toThrow(UnsupportedFeatureError);
  expect(() => holds(condition)).toThrow(message);
});

test('a literal that is not a string is refused: the export writes "true" and "5"', () => {
  expect(() => holds({ operator: 'AND', operands: [{ operator: 'EQ', operands: ['{{vars.flag}}', true] }] })).toThrow(
    'the literal true',
  );
  expect(() => holds({ operator: 'AND', operands: [{ operator: 'EQ', operands: ['{{vars.n}}', 5] }] })).toThrow(
    'the literal 5',
  );
});

test('a malformed condition says what is wrong', () => {
  expect(() => holds({ operator: 'AND', operands: [{ operator: 'EQ', operands: ['a'] }] })).toThrow(
    new DefinitionError('test: EQ takes 2 operands, got 1'),
  );
  expect(() => holds({ operator: 'AND' })).toThrow(DefinitionError);
  expect(() => holds('vars.locale == es')).toThrow(DefinitionError);
});
