import { evaluateCondition } from '../../../local-tenant/forms-runtime/conditions';
import { DefinitionError, UnsupportedFeatureError } from '../../../local-tenant/forms-runtime/unsupported';

const env = { now: () => 0, uuid: () => 'u' };
const scope = { vars: { locale: 'es', count: 'xxxxx', flag: true, list: ['a', 'b'], nothing: null } };
const holds = (condition: unknown) => evaluateCondition(condition, scope, env, 'test');

test.each<[string, unknown, boolean]>([
  ['EQ strings', { operator: 'EQ', operands: ['{{vars.locale}}', 'es'] }, true],
  ['EQ differs', { operator: 'EQ', operands: ['{{vars.locale}}', 'en'] }, false],
  ['EQ a number and its digits', { operator: 'EQ', operands: ['{{functions.length(vars.count)}}', '5'] }, true],
  ['EQ booleans', { operator: 'EQ', operands: ['{{vars.flag}}', true] }, true],
  ['EQ a missing value and false', { operator: 'EQ', operands: ['{{vars.missing}}', false] }, false],
  ['NE', { operator: 'NE', operands: ['{{vars.flag}}', true] }, false],
  ['NE a missing value and true', { operator: 'NE', operands: ['{{vars.missing}}', true] }, true],
  ['GTE equal', { operator: 'GTE', operands: ['{{functions.length(vars.count)}}', 5] }, true],
  ['GTE less', { operator: 'GTE', operands: ['{{functions.length(vars.count)}}', 6] }, false],
  ['GT', { operator: 'GT', operands: ['{{functions.length(vars.list)}}', 0] }, true],
  ['GT a missing value is never greater', { operator: 'GT', operands: ['{{vars.missing}}', 0] }, false],
  ['LT', { operator: 'LT', operands: [1, 2] }, true],
  ['LTE', { operator: 'LTE', operands: [2, 2] }, true],
  ['CONTAINS in text', { operator: 'CONTAINS', operands: ['{{vars.count}}', 'xx'] }, true],
  ['CONTAINS in a list', { operator: 'CONTAINS', operands: ['{{vars.list}}', 'b'] }, true],
  ['NOT_CONTAINS', { operator: 'NOT_CONTAINS', operands: ['{{vars.list}}', 'c'] }, true],
  ['EXISTS', { operator: 'EXISTS', operands: ['{{vars.locale}}'] }, true],
  ['EXISTS of null', { operator: 'EXISTS', operands: ['{{vars.nothing}}'] }, false],
  ['NOT_EXISTS', { operator: 'NOT_EXISTS', operands: ['{{vars.missing}}'] }, true],
  ['AND', { operator: 'AND', operands: [{ operator: 'EQ', operands: [1, 1] }, { operator: 'EQ', operands: [1, 2] }] }, false],
  ['OR', { operator: 'OR', operands: [{ operator: 'EQ', operands: [1, 1] }, { operator: 'EQ', operands: [1, 2] }] }, true],
  ['AND of one, as routers export it', { operator: 'AND', operands: [{ operator: 'EQ', operands: ['{{vars.locale}}', 'es'] }] }, true],
])('%s', (_name, condition, expected) => {
  expect(holds(condition)).toBe(expected);
});

test('an operator this runtime does not implement is refused by name', () => {
  expect(() => holds({ operator: 'STARTS_WITH', operands: ['{{vars.locale}}', 'e'] })).toThrow(UnsupportedFeatureError);
  expect(() => holds({ operator: 'STARTS_WITH', operands: ['{{vars.locale}}', 'e'] })).toThrow('the condition operator "STARTS_WITH"');
  expect(() => holds({ operator: 'AND', operands: [{ operator: 'IS_TRUE', operands: ['{{vars.flag}}'] }] })).toThrow('the condition operator "IS_TRUE"');
});

test('a malformed condition says what is wrong', () => {
  expect(() => holds({ operator: 'EQ', operands: ['a'] })).toThrow(new DefinitionError('test: EQ takes 2 operands, got 1'));
  expect(() => holds({ operator: 'EQ' })).toThrow(DefinitionError);
  expect(() => holds('vars.locale == es')).toThrow(DefinitionError);
});
