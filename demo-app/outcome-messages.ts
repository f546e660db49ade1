// What the demo app tells the person for each outcome of the app contract (README "The contract
// with apps"), and what it does next. The codes come from the callback URL, which anyone can craft:
// each one only picks a fixed message or starts a login, never anything else.
import { DENY } from '../actions/email-change/contract';

export type OutcomeStep =
  /** Start the email change again with max_age=0 (a fresh sign-in). */
  | 'retry-change'
  /** Sign in with MFA (acr_values, on the fresh sign-in), then start the change again at once. */
  | 'mfa-then-change'
  /** Nothing to start: show the message. */
  | 'show';

export interface Outcome {
  readonly tone: 'success' | 'info' | 'error';
  readonly message: string;
  readonly step: OutcomeStep;
  /** The demo's own tokens carry the old address: sign out of the app. */
  readonly signOut?: boolean;
}

export const OUTCOMES: Readonly<Record<string, Outcome>> = {
  [DENY.completed]: {
    tone: 'success',
    message:
      'Your email address has changed. Sign in again with your new address: the sign-in you had still carried the old one.',
    step: 'show',
    signOut: true,
  },
  [DENY.reauthenticationRequired]: {
    tone: 'info',
    message: 'The tenant needs a fresh sign-in before an email change; this app asked for one (max_age=0).',
    step: 'retry-change',
  },
  [DENY.mfaRequired]: {
    tone: 'info',
    message:
      'Your account has two-step verification, so the tenant wants both factors in the same sign-in as the change. This app started the change again asking for them (max_age=0 and acr_values=…multi-factor).',
    step: 'mfa-then-change',
  },
  [DENY.unsupportedIdentity]: {
    tone: 'info',
    message: 'You sign in with another provider (Google, for example), which owns your email address: change it there.',
    step: 'show',
  },
  [DENY.notInteractive]: {
    tone: 'info',
    message: 'An email change needs an interactive sign-in; this app started one.',
    step: 'retry-change',
  },
  [DENY.rateLimited]: {
    tone: 'error',
    message:
      'Too many email changes or codes for this account today. Try again tomorrow, or, in this demo, press "Reset my email-change budget" below.',
    step: 'show',
  },
  [DENY.cancelled]: {
    tone: 'info',
    message: 'Your email address has not changed.',
    step: 'show',
  },
  [DENY.misconfigured]: {
    tone: 'error',
    message:
      "Email change is unavailable right now: try again later. (The tenant's Action logs say which setting is wrong.)",
    step: 'show',
  },
  // README contract: sent by the Action once support has reverted a change (npm run revert).
  email_change_locked: {
    tone: 'error',
    message:
      'Email changes are paused for this account after support reverted one. Contact support to change your address.',
    step: 'show',
  },
};

/** A retry that failed the same way again is shown, not retried: no redirect loops. */
export function retriedOutcome(code: string): Outcome {
  if (code === DENY.mfaRequired) {
    return {
      tone: 'error',
      message: 'Two-step verification could not be completed, so your email address has not changed.',
      step: 'show',
    };
  }
  return {
    tone: 'error',
    message: 'The email change could not start after a fresh sign-in. Your email address has not changed.',
    step: 'show',
  };
}

export const UNKNOWN_EMAIL_CHANGE_OUTCOME: Outcome = {
  tone: 'error',
  message: 'The email change ended with an outcome this app does not know. Your address may not have changed.',
  step: 'show',
};
