// The limits the form and flows enforce, in one place. The OTP validity is Auth0's; the others
// are this bundle's choices (nothing in Auth0 documents an attempt limit or single use of a code:
// docs/platform-facts.md §3), enforced by the flows themselves so that they hold on any tenant.

/** Digits of the code; a TEXT field keeps leading zeros that a NUMBER field would drop. */
export const CODE_LENGTH = 6;

/** docs data-verification.mdx: OTP/GENERATE_CODE makes "a numeric code with a validity of 5 minutes". */
export const CODE_VALID_MINUTES = 5;

/** Wrong codes a journey may enter; the next attempt is refused and the user must start again. */
export const MAX_WRONG_CODES = 5;

/** The resend button's wait between two resends, and how many it allows (enforced by the page). */
export const RESEND_WAIT_SECONDS = 60;
export const MAX_RESENDS = 3;

/**
 * Emails (codes or "address in use" notices) one journey may send, enforced by the send-code flow
 * because the resend button's limits live in the browser (docs/platform-facts.md §2): the first one
 * plus every resend the page allows.
 */
export const MAX_SENDS_PER_JOURNEY = 1 + MAX_RESENDS;
