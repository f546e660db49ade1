// EMAIL/VERIFY_EMAIL (docs flows/integrations/data-verification.mdx): checks an address against
// the selected rules and answers {valid, cause}, cause being the first rule it failed
// (FREE_EMAIL, DISPOSABLE_EMAIL, BLOCKLISTED, NOT_ALLOWED) or null. No DNS here: a rule that
// needs it (require_mx_record) is refused rather than skipped.
// UNCONFIRMED: the order of the rules, the cause of an address that is not one at all (here
// INVALID_SYNTAX; the docs list none), whether a listed domain also covers its subdomains
// (here it does, for both lists), and Auth0's lists of free and disposable providers (here
// the examples the docs give and a few well-known others).
import { domainOf, isEmailAddress } from './email-syntax';
import { DefinitionError, UnsupportedFeatureError } from './unsupported';

export const FREE_EMAIL_DOMAINS: readonly string[] = [
  'gmail.com',
  'hotmail.com',
  'outlook.com',
  'yahoo.com',
  'icloud.com',
  'aol.com',
  'gmx.com',
  'proton.me',
];
export const DISPOSABLE_EMAIL_DOMAINS: readonly string[] = [
  'mailinator.com',
  'maildrop.cc',
  'guerrillamail.com',
  'sharklasers.com',
  '10minutemail.com',
  'yopmail.com',
  'trashmail.com',
  'temp-mail.org',
  'dispostable.com',
  'getnada.com',
];

export type VerifyEmailCause = 'INVALID_SYNTAX' | 'FREE_EMAIL' | 'DISPOSABLE_EMAIL' | 'BLOCKLISTED' | 'NOT_ALLOWED';

export interface VerifyEmailResult {
  readonly valid: boolean;
  readonly cause: VerifyEmailCause | null;
}

const KNOWN_RULES = [
  'require_mx_record',
  'block_aliases',
  'block_free_emails',
  'block_disposable_emails',
  'blocklist',
  'allowlist',
];

function domainList(rules: Record<string, unknown>, name: string): string[] {
  const value = rules[name];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((d) => typeof d !== 'string'))
    throw new DefinitionError(
      `EMAIL/VERIFY_EMAIL: rules.${name} must be a list of domains, got ${JSON.stringify(value)}`,
    );
  return value.map((d: string) => d.trim().toLowerCase()).filter((d) => d !== '');
}

const within = (domain: string, listed: string) => domain === listed || domain.endsWith(`.${listed}`);

export function verifyEmail(email: unknown, rulesValue: unknown): VerifyEmailResult {
  const rules = (rulesValue ?? {}) as Record<string, unknown>;
  if (typeof rules !== 'object' || Array.isArray(rules))
    throw new DefinitionError(`EMAIL/VERIFY_EMAIL: rules must be an object, got ${JSON.stringify(rulesValue)}`);
  for (const key of Object.keys(rules)) {
    if (!KNOWN_RULES.includes(key)) throw new UnsupportedFeatureError(`the EMAIL/VERIFY_EMAIL rule "${key}"`);
  }
  if (rules.require_mx_record === true)
    throw new UnsupportedFeatureError('the EMAIL/VERIFY_EMAIL rule require_mx_record (it needs DNS)');
  // The docs list no cause for it, so there is nothing faithful to answer.
  if (rules.block_aliases === true)
    throw new UnsupportedFeatureError('the EMAIL/VERIFY_EMAIL rule block_aliases (its cause is undocumented)');
  const blocklist = domainList(rules, 'blocklist');
  const allowlist = domainList(rules, 'allowlist');
  if (typeof email !== 'string' || !isEmailAddress(email)) return { valid: false, cause: 'INVALID_SYNTAX' };
  const domain = domainOf(email);
  if (rules.block_free_emails === true && FREE_EMAIL_DOMAINS.some((d) => within(domain, d)))
    return { valid: false, cause: 'FREE_EMAIL' };
  if (rules.block_disposable_emails === true && DISPOSABLE_EMAIL_DOMAINS.some((d) => within(domain, d)))
    return { valid: false, cause: 'DISPOSABLE_EMAIL' };
  if (blocklist.some((d) => within(domain, d))) return { valid: false, cause: 'BLOCKLISTED' };
  if (allowlist.length > 0 && !allowlist.some((d) => within(domain, d))) return { valid: false, cause: 'NOT_ALLOWED' };
  return { valid: true, cause: null };
}
