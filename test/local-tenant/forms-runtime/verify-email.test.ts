import { isEmailAddress } from '../../../local-tenant/forms-runtime/email-syntax';
import { verifyEmail } from '../../../local-tenant/forms-runtime/verify-email';
import { DefinitionError, UnsupportedFeatureError } from '../../../local-tenant/forms-runtime/unsupported';

test.each([
  'a@example.com',
  'first.last+tag@sub.example.co.uk',
  "o'brien@example.ie",
  'x@xn--bcher-kva.example',
  `${'a'.repeat(64)}@example.com`,
])('%j is an address', (address) => {
  expect(isEmailAddress(address)).toBe(true);
});

test.each([
  'a@example',
  'a@@example.com',
  'a b@example.com',
  'a@example.c',
  '"a"@example.com',
  `${'a'.repeat(65)}@example.com`,
  'a@exam_ple.com',
])('%j is not', (address) => {
  expect(isEmailAddress(address)).toBe(false);
});

const rules = { block_disposable_emails: true, block_free_emails: true, blocklist: ['Blocked.test'], allowlist: [] };

test.each<[string, object, { valid: boolean; cause: string | null }]>([
  ['new@example.com', rules, { valid: true, cause: null }],
  ['new@example', rules, { valid: false, cause: 'INVALID_SYNTAX' }],
  ['new@gmail.com', rules, { valid: false, cause: 'FREE_EMAIL' }],
  ['new@gmail.com', {}, { valid: true, cause: null }],
  ['new@maildrop.cc', rules, { valid: false, cause: 'DISPOSABLE_EMAIL' }],
  ['new@blocked.test', rules, { valid: false, cause: 'BLOCKLISTED' }],
  ['new@eu.BLOCKED.test', rules, { valid: false, cause: 'BLOCKLISTED' }],
  ['new@notblocked.test', rules, { valid: true, cause: null }],
  ['new@example.com', { allowlist: ['corp.example'] }, { valid: false, cause: 'NOT_ALLOWED' }],
  ['new@corp.example', { allowlist: ['corp.example'] }, { valid: true, cause: null }],
])('%s with %j', (email, given, expected) => {
  expect(verifyEmail(email, given)).toEqual(expected);
});

test('rules that need DNS or an undocumented cause are refused, not skipped', () => {
  expect(() => verifyEmail('a@example.com', { require_mx_record: true })).toThrow(UnsupportedFeatureError);
  expect(() => verifyEmail('a@example.com', { block_aliases: true })).toThrow(
    'the EMAIL/VERIFY_EMAIL rule block_aliases',
  );
  expect(() => verifyEmail('a@example.com', { block_everything: true })).toThrow(
    'the EMAIL/VERIFY_EMAIL rule "block_everything"',
  );
  expect(() => verifyEmail('a@example.com', { blocklist: 'blocked.test' })).toThrow(DefinitionError);
});
