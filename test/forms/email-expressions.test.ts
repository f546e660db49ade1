// The expressions forms/email-expressions.ts builds, evaluated by the local runtime's template
// language: lower case without a toLowerCase helper, and the masked address.
import { lowerCased, maskedEmailTemplate } from '../../forms/email-expressions';
import { renderString } from '../../local-tenant/forms-runtime/template-language/render-template';

const env = { now: () => 0, uuid: () => 'u' };
const run = (template: string, value: string) => renderString(template, { vars: { e: value } }, env);

test.each([
  ['Ana.Maria@Example.COM', 'ana.maria@example.com'],
  ['ABCDEFGHIJKLMNOPQRSTUVWXYZ@X.IO', 'abcdefghijklmnopqrstuvwxyz@x.io'],
  ["o'Brien+Tag_1@Sub.Example.co.UK", "o'brien+tag_1@sub.example.co.uk"],
  ['already.lower@example.com', 'already.lower@example.com'],
])('lower case of %s', (input, expected) => {
  expect(run(`{{${lowerCased('vars.e')}}}`, input)).toBe(expected);
});

test.each([
  ['ana.maria@example.com', 'a***@example.com'],
  ['x@y.io', 'x***@y.io'],
  ['tfree@example.com', 't***@example.com'],
])('mask of %s', (input, expected) => {
  expect(run(maskedEmailTemplate('vars.e'), input)).toBe(expected);
});
