// Whether a string is an email address this runtime accepts, for the EMAIL field's server-side
// validation and for EMAIL/VERIFY_EMAIL. Auth0 does not publish its rule (UNCONFIRMED); this one
// is the HTML standard's "valid email address" (what <input type=email> accepts: ASCII, dot-atom
// local part, no quotes, comments or IP literals) with RFC 5321's length limits, plus a domain
// of at least two labels ending in a letter-only or punycode top-level label, since mail to
// "user@localhost" reaches nobody.

/** RFC 5321 §4.5.3.1.3: a path is at most 256 octets, two of them the angle brackets. */
export const MAX_EMAIL_CHARS = 254;
/** RFC 5321 §4.5.3.1.1. */
export const MAX_LOCAL_PART_CHARS = 64;
/** RFC 1035 §2.3.4. */
export const MAX_DOMAIN_LABEL_CHARS = 63;

const ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]";
const LOCAL_PART = new RegExp(`^${ATEXT}+(\\.${ATEXT}+)*$`);
const LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$/;
const TOP_LABEL = /^([A-Za-z]{2,}|xn--[A-Za-z0-9-]+)$/;

export function isEmailAddress(value: string): boolean {
  if (value.length > MAX_EMAIL_CHARS) return false;
  const at = value.indexOf('@');
  if (at <= 0 || at !== value.lastIndexOf('@')) return false;
  const local = value.slice(0, at);
  const labels = value.slice(at + 1).split('.');
  if (local.length > MAX_LOCAL_PART_CHARS || !LOCAL_PART.test(local)) return false;
  if (labels.length < 2) return false;
  if (!labels.every((label) => label.length <= MAX_DOMAIN_LABEL_CHARS && LABEL.test(label))) return false;
  return TOP_LABEL.test(labels[labels.length - 1] as string);
}

/** The domain, lower case, of an address isEmailAddress accepted. */
export function domainOf(address: string): string {
  return address.slice(address.indexOf('@') + 1).toLowerCase();
}
