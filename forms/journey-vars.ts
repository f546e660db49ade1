// The shared variables (vars) of a journey: what the Action passes in, and what the flows keep.
// vars are server-side; a form component shows one only where it names it (docs variables.mdx).
import { OUTCOME_COMPLETED, OUTCOME_VAR } from '../actions/email-change/contract';

// The Action renders the form with FormVars (actions/email-change/contract.ts): who and where,
// the journey's limits as data, and the initial value of everything below that the flows read
// before they first write it (so no `??` inside a helper's arguments is ever needed).

/** Set by the flows. */
export const FLOW_VARS = {
  /** The address as typed, then normalised (lower case), before anything is sent. */
  typedEmail: 'typed_email',
  candidateEmail: 'candidate_email',
  /** The address a code (or the in-use notice) went to: the only one verify-code ever applies. Initially ''. */
  pendingEmail: 'pending_email',
  /** One "x" per email sent in this journey (journey-counters.ts). Initially ''. */
  sends: 'code_sends',
  /** One "x" per wrong code entered in this journey. Initially ''. */
  wrongCodes: 'wrong_codes',
  /** The code step's notice (a wrong code and the attempts left), set by verify-code. Initially ''. */
  codeNotice: 'code_notice',
  /** 'locked' once the last wrong code was entered: the form then offers only the way back. Initially ''. */
  verifyState: 'verify_state',
  /** How many accounts own the candidate address (users-by-email), as the flow read it. */
  owners: 'owners',
  changeId: 'change_id',
  /** The notice status the previous change keeps as it moves down the history. */
  previousNotice: 'previous_notice',
  /** 'pending' until SendGrid took the notice to the old address ('sent'), else 'failed'. */
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
export const VERIFY_LOCKED = 'locked';

export const vars = (name: string): string => `vars.${name}`;
export const template = (expression: string): string => `{{${expression}}}`;
