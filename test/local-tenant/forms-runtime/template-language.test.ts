import { checkExpression } from '../../../local-tenant/forms-runtime/template-language/check-expression';
import { TemplateSyntaxError } from '../../../platform/forms-expression-parser';
import { HelperArgumentError } from '../../../local-tenant/forms-runtime/template-language/helper-functions';
import { renderString, renderValue } from '../../../local-tenant/forms-runtime/template-language/render-template';
import { UnsupportedFeatureError } from '../../../local-tenant/forms-runtime/unsupported';

const env = { now: () => Date.parse('2026-11-21T09:30:00.250Z'), uuid: () => '36b8f84d-df4e-4d49-b662-bcde71a87640' };
const scope = {
  context: { user: { user_id: 'auth0|abc', email: 'Ana@Example.com' } },
  fields: { new_email_en: 'a@b.co', empty: '' },
  vars: { locale: 'es', count: 'xxx', nothing: null, list: ['a', 'b'] },
  actions: { verify: { valid: false, result: 'UNEQUAL' }, owners: [{ user_id: 'x' }] },
};
const render = (template: string) => renderString(template, scope, env);

describe('values and text', () => {
  test.each<[string, unknown]>([
    ['{{context.user.user_id}}', 'auth0|abc'],
    ['{{ vars.locale }}', 'es'],
    ['{{actions.verify.valid}}', false],
    ['{{actions.owners}}', [{ user_id: 'x' }]],
    ['{{vars.missing}}', undefined],
    ['{{vars.missing.deeper}}', undefined],
    ['{{vars.missing ?? vars.locale}}', 'es'],
    ['{{vars.nothing ?? "fallback"}}', 'fallback'],
    ['{{fields.empty ?? "kept"}}', ''],
    ['{{fields.new_email_es ?? fields.new_email_en}}', 'a@b.co'],
    ['{{5}}', 5],
    ["{{'a }} b'}}", 'a }} b'],
    ['{{[1, "two", vars.locale]}}', [1, 'two', 'es']],
    ['Hello {{context.user.user_id}}!', 'Hello auth0|abc!'],
    ['a{{vars.missing}}b', 'ab'],
    ['{{vars.count}}|{{actions.verify.valid}}', 'xxx|false'],
    ['no template', 'no template'],
  ])('%s', (template, expected) => {
    expect(render(template)).toEqual(expected);
  });

  test('under the reading singleTemplateValue=string, a value that is one {{...}} becomes text; literals keep their type', () => {
    const value = {
      n: '{{functions.length(vars.count)}}',
      missing: '{{vars.nothing}}',
      literal: 3,
      text: 'a {{vars.locale}}',
    };
    expect(renderValue(value, scope, env, { singleTemplateValue: 'string' })).toEqual({
      n: '3',
      missing: '',
      literal: 3,
      text: 'a es',
    });
    expect(renderValue(value, scope, env, { singleTemplateValue: 'typed' })).toEqual({
      n: 3,
      missing: null,
      literal: 3,
      text: 'a es',
    });
  });

  test('renderValue renders every string inside objects and arrays, and keeps other values', () => {
    expect(
      renderValue({ a: ['{{vars.locale}}', 3, true], b: { c: '{{functions.length(vars.count)}}' } }, scope, env),
    ).toEqual({ a: ['es', 3, true], b: { c: 3 } });
  });

  test('a value is never rendered twice: a template inside a field stays text', () => {
    const tricky = { ...scope, fields: { x: '{{context.user.user_id}}' } };
    expect(renderString('{{fields.x}}', tricky, env)).toBe('{{context.user.user_id}}');
  });
});

describe('helper functions', () => {
  test.each<[string, unknown]>([
    ["{{functions.length('auth0')}}", 5],
    ['{{functions.length(vars.missing)}}', 0],
    ['{{functions.length(vars.list)}}', 2],
    ["{{functions.merge(vars.count, 'x')}}", 'xxxx'],
    ["{{functions.merge(vars.missing ?? '', 'x')}}", 'x'],
    ["{{functions.merge(vars.list, ['c'])}}", ['a', 'b', 'c']],
    ["{{functions.substring('example', 3, 5)}}", 'mp'],
    ["{{functions.slice('example', 3, 5)}}", 'mp'],
    ["{{functions.indexOf(['auth0', 'identity'], 'identity')}}", 1],
    ["{{functions.indexOf(functions.split('ana@x.io', ''), '@')}}", 3],
    ["{{functions.includes(['auth0', 'identity'], 'identity')}}", true],
    ["{{functions.split('2021-04-30', '-')}}", ['2021', '04', '30']],
    ["{{functions.replaceAll('2021-04-30', '-', '/')}}", '2021/04/30'],
    ["{{functions.replace('2021-04-30', '-', '/')}}", '2021/04-30'],
    ['{{functions.toString(123)}}', '123'],
    ["{{functions.toNumber('123')}}", 123],
    ['{{functions.now()}}', '2026-11-21T09:30:00.250Z'],
    ['{{functions.toTimestamp()}}', 1795253400],
    ["{{functions.toTimestamp('2021-04-30T10:02:50.876Z')}}", 1619776970],
    ['{{functions.uuid()}}', '36b8f84d-df4e-4d49-b662-bcde71a87640'],
    ["{{functions.sha256('auth0')}}", expect.stringMatching(/^d9082bdc[0-9a-f]{56}$/)],
    ['{{functions.encodeURIComponent(context.user.user_id)}}', 'auth0%7Cabc'],
    ["{{functions.replaceAll(functions.replaceAll(context.user.email, 'A', 'a'), 'E', 'e')}}", 'ana@example.com'],
  ])('%s', (template, expected) => {
    expect(render(template)).toEqual(expected);
  });

  test('a helper given the wrong kind of value fails with a message naming it', () => {
    expect(() => render('{{functions.merge(vars.missing, "x")}}')).toThrow(
      new HelperArgumentError('functions.merge needs an array, a string or an object as its base, got undefined'),
    );
    expect(() => render("{{functions.substring('abc', 'one')}}")).toThrow(
      /functions.substring: the start must be a whole number/,
    );
  });
});

describe('anything not implemented is refused by name, never read as undefined', () => {
  test.each([
    ['{{functions.trim(vars.locale)}}', 'the helper functions.trim()'],
    ['{{functions.md5(vars.locale)}}', 'the helper functions.md5()'],
    ["{{t('custom_key')}}", 'the function t()'],
    ['{{vars.count + 1}}', 'the operator "+"'],
    ['{{vars.a == vars.b}}', 'the operator "=="'],
    ['{{vars.a ? 1 : 2}}', 'the operator "?"'],
    ['{{vars.list[0]}}', 'indexing with [...]'],
    ['{{secrets.API_KEY}}', 'the variable "secrets.API_KEY"'],
  ])('%s', (template, feature) => {
    expect(() => render(template)).toThrow(UnsupportedFeatureError);
    expect(() => render(template)).toThrow(feature);
  });

  test('checkExpression refuses a root the place does not have (a form step has no actions)', () => {
    expect(() => checkExpression('actions.verify.valid', ['context', 'fields', 'vars'])).toThrow(
      /the variable "actions.verify.valid" .*may read context, fields, vars/,
    );
    expect(() => checkExpression('functions.nope()', ['vars'])).toThrow('the helper functions.nope()');
    expect(() => checkExpression('functions.length(vars.x)', ['vars'])).not.toThrow();
  });

  test.each(['{{vars.a', '{{}}', '{{vars.}}', "{{'open}}", '{{vars.a vars.b}}', '{{functions.length(vars.a,)}}'])(
    '%j is a syntax error',
    (template) => {
      expect(() => render(template)).toThrow(TemplateSyntaxError);
    },
  );
});
