// The vars a journey starts with (contract.ts FormVars): the Action renders the form with them, and
// the tests that start a journey without a login build them the same way.
import type { FormVars } from './contract';

/**
 * Who, where, and every value the flows start from. fresh_minutes holds the minutes
 * ('YYYY-MM-DDTHH:MM', UTC) from the one holding signedInMs to the last that ends by
 * signedInMs + maxAuthAgeSeconds: every moment in them is within the limit (the journey may end up
 * to 59 s early, never late).
 */
export function formVars({
  user,
  locale,
  journeyId,
  signedInMs,
  maxAuthAgeSeconds,
}: {
  readonly user: { readonly user_id: string; readonly email?: string; readonly last_password_reset?: string };
  readonly locale: string;
  readonly journeyId: string;
  readonly signedInMs: number;
  readonly maxAuthAgeSeconds: number;
}): FormVars {
  const freshMinutes: string[] = [];
  // 60000: a minute in ms.
  for (let m = Math.floor(signedInMs / 60000) * 60000; m + 60000 <= signedInMs + maxAuthAgeSeconds * 1000; m += 60000) {
    freshMinutes.push(new Date(m).toISOString().slice(0, 16));
  }
  return {
    user_id: user.user_id,
    current_email: user.email ?? '',
    locale,
    journey_id: journeyId,
    password_reset_at: typeof user.last_password_reset === 'string' ? user.last_password_reset : '',
    fresh_minutes: freshMinutes,
    wrong_codes: '',
    code_sends: '',
    none: '',
    pending_email: '',
    code_notice: '',
    verify_state: '',
    email_change_outcome: '',
  };
}
