// The shared variables (vars) of a journey: what the Action passes in, and what the flows keep.
// vars are server-side; a form component shows one only where it names it (docs variables.mdx).
import { OUTCOME_COMPLETED, OUTCOME_VAR } from '../actions/email-change/contract';

// The Action renders the form with user_id, current_email, locale and journey_id (FormVars in
// actions/email-change/contract.ts); the flows read current_email only to show it, locale to
// pick texts and templates, and journey_id to bind codes to this journey.

/** Set by the flows. */
export const FLOW_VARS = {
  /** The address being checked by the send-code flow, normalised, before anything is sent. */
  candidateEmail: 'candidate_email',
  /** The address a code (or the in-use notice) went to: the only one verify-code ever applies. */
  pendingEmail: 'pending_email',
  maskedPendingEmail: 'masked_pending_email',
  /** One "x" per email sent in this journey: counting without arithmetic (see journey-counters.ts). */
  sends: 'code_sends',
  /** One "x" per wrong code entered in this journey. */
  wrongCodes: 'wrong_codes',
  /** The address before the change, kept before the update so that the notice can never go to the new one. */
  previousEmail: 'previous_email',
  changeId: 'change_id',
  changedAt: 'changed_at',
  /** "sent" or "failed": the notice to the old address never blocks the change, so its fate is recorded here. */
  oldAddressNotice: 'old_address_notice',
  /** functions.now() of this run, and what the flows derive from it. */
  now: 'now',
  today: 'today',
  minuteNow: 'minute_now',
  /** The day and count of app_metadata.email_change_sends, read fresh, then the count after this send. */
  sendsDay: 'sends_day',
  sendsToday: 'sends_today',
  outcome: OUTCOME_VAR,
} as const;

export const OUTCOME = { completed: OUTCOME_COMPLETED } as const;

/** app_metadata key of the audit record the change writes (the Action owns email_change_starts). */
export const AUDIT_APP_METADATA_KEY = 'email_change_audit';

export const vars = (name: string): string => `vars.${name}`;
export const template = (expression: string): string => `{{${expression}}}`;
