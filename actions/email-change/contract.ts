// What the Action shares with apps (the deny reasons, README "The contract with apps"), with the
// form and flows (the vars, design.md "Names shared between the parts") and with itself across
// the form (transaction metadata and app_metadata keys).

/** Reasons the login is denied with; apps read them as error_description on their callback. */
export const DENY = {
  completed: 'email_change_completed',
  cancelled: 'email_change_cancelled',
  reauthenticationRequired: 'email_change_reauthentication_required',
  mfaRequired: 'email_change_mfa_required',
  unsupportedIdentity: 'email_change_unsupported_identity',
  notInteractive: 'email_change_not_interactive',
  rateLimited: 'email_change_rate_limited',
  misconfigured: 'email_change_misconfigured',
} as const;

export type DenyReason = (typeof DENY)[keyof typeof DENY];

/** Vars the Action renders the form with (server-side, masked: docs customize/forms/render.mdx). */
export interface FormVars {
  readonly [key: string]: string;
  readonly user_id: string;
  readonly current_email: string;
  readonly locale: string;
  readonly journey_id: string;
}

/** Set by the verify-code flow once the email is changed. */
export const OUTCOME_VAR = 'email_change_outcome';
export const OUTCOME_COMPLETED = 'completed';

/**
 * The intent kept across the form: the journey id this transaction rendered with. A resumed login
 * without it (or with another journey's vars) is never treated as a change.
 */
export const JOURNEY_METADATA_KEY = 'email_change_journey_id';

/** app_metadata key holding the unix seconds at which this user's recent changes started. */
export const STARTS_APP_METADATA_KEY = 'email_change_starts';

/** Locales the form has texts for; the first is the default. */
export const SUPPORTED_LOCALES = ['en', 'es'] as const;
