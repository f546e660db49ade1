// What the Action shares with apps (the deny reasons, README "The contract with apps"), with the
// form and flows (the vars, docs/design.md "Names shared between the parts") and with itself across
// the form (transaction metadata and app_metadata keys).
import { LOCKED } from './history';

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
  locked: LOCKED,
} as const;

export type DenyReason = (typeof DENY)[keyof typeof DENY];

/**
 * Vars the Action renders the form with (server-side, masked: docs customize/forms/render.mdx).
 * Besides who and where, they hold every value the flows start from, so that no flow needs a
 * `??` fallback inside a helper's arguments (docs variables.mdx shows `??` only as
 * `{{fields.a ?? fields.b}}`): the counters start empty, and the journey's limits are data.
 */
export interface FormVars {
  readonly [key: string]: string | readonly string[];
  readonly user_id: string;
  /** The address the journey starts from; the verify flow refuses if the account's differs by then. */
  readonly current_email: string;
  readonly locale: string;
  readonly journey_id: string;
  /** event.user.last_password_reset, or '': a password changed after this is a reason to stop. */
  readonly password_reset_at: string;
  /**
   * The minutes ('YYYY-MM-DDTHH:MM', UTC) within the freshness limit from the sign-in: a
   * flow tests functions.includes(vars.fresh_minutes, <now's minute>), since the template
   * language has no arithmetic nor ordering (docs variables.mdx, routers.mdx).
   */
  readonly fresh_minutes: readonly string[];
  /** Counters, one "x" per event (forms/journey-counters.ts), starting empty. */
  readonly wrong_codes: string;
  readonly code_sends: string;
  /** An empty string, the fallback of `{{a ?? vars.none}}`. */
  readonly none: string;
  /** Set by the flows, read before they first write it: initially ''. */
  readonly pending_email: string;
  readonly code_notice: string;
  readonly verify_state: string;
  readonly email_change_outcome: string;
}

/** Set by the verify-code flow once the email is changed. */
export const OUTCOME_VAR = 'email_change_outcome';
export const OUTCOME_COMPLETED = 'completed';

/**
 * The intent kept across the form: the journey id this transaction rendered with. A resumed login
 * without it (or with another journey's vars) is never treated as a change.
 */
export const JOURNEY_METADATA_KEY = 'email_change_journey_id';

// The change history, the notice's fate and support's lock: actions/email-change/history.ts.
/** app_metadata: codes sent today, {day: 'YYYY-MM-DD' (UTC), count: one "x" per code}, written by the send-code flow. */
export const SENDS_APP_METADATA_KEY = 'email_change_sends';

/** Codes sent today (UTC), as the send-code flow counts them (and the Action checks, and an app may show). */
export function codesSentToday(appMetadata: Readonly<Record<string, unknown>> | undefined, nowMs: number): number {
  const sends = appMetadata?.[SENDS_APP_METADATA_KEY] as { day?: unknown; count?: unknown } | undefined;
  if (typeof sends?.day !== 'string' || typeof sends.count !== 'string') return 0;
  return sends.day === new Date(nowMs).toISOString().slice(0, 10) ? sends.count.length : 0;
}

/** Locales the form has texts for; the first is the default. */
export const SUPPORTED_LOCALES = ['en', 'es'] as const;

/**
 * Emails (codes or "address in use" notices) one user may be sent per day (UTC), over all
 * journeys: counted by the send-code flow before it sends, checked by the Action at entry.
 */
export const MAX_SENDS_PER_DAY = 10;
