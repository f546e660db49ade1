// What onContinuePostLogin does when the form resumes the login: a pure function of the event and
// the settings. Every branch ends the login, so that no tokens are issued after a change with the
// old address in them, and none are issued after a journey this transaction did not start.
import { DENY, type DenyReason, JOURNEY_METADATA_KEY, OUTCOME_COMPLETED, OUTCOME_VAR } from './contract';
import type { PostLoginEvent } from './post-login-types';
import type { SettingsResult } from './settings';

export type ContinueDecision =
  | { readonly kind: 'deny'; readonly reason: DenyReason; readonly log?: string }
  | { readonly kind: 'revoke-session'; readonly reason: DenyReason };

export function decideContinue(event: PostLoginEvent, settingsResult: SettingsResult): ContinueDecision {
  const journeyId = event.transaction?.metadata?.[JOURNEY_METADATA_KEY];
  const vars = event.prompt?.vars ?? {};
  if (typeof journeyId !== 'string' || journeyId === '' || vars.journey_id !== journeyId) {
    return {
      kind: 'deny',
      reason: DENY.cancelled,
      log: "email-change: the login resumed without this transaction's email change journey; nothing is treated as changed",
    };
  }
  if (vars[OUTCOME_VAR] !== OUTCOME_COMPLETED) return { kind: 'deny', reason: DENY.cancelled };
  // The email has changed: end the login whatever the settings say. A setting broken since the
  // form was rendered falls back to a plain denial, the choice every plan supports.
  if (!settingsResult.ok) {
    return {
      kind: 'deny',
      reason: DENY.completed,
      log: `email-change misconfigured: ${settingsResult.problems.join('; ')}`,
    };
  }
  if (settingsResult.settings.forceRelogin === 'revoke-session')
    return { kind: 'revoke-session', reason: DENY.completed };
  return { kind: 'deny', reason: DENY.completed };
}
