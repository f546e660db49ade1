// Post-Login Action: a guarded entry into the email change, and a forced re-login after it.
// No I/O anywhere: nothing here calls the network or reads a file.
//
// The handlers are function declarations, and the contract's keys are written out as literals
// (each checked against its constant with `satisfies`): every new Action instance compiles the
// bundle's module-level statements in full, and an arrow function or a module-level constant costs
// more there than a declaration or a literal (docs/performance.md "The Action's cold start").
import type { JOURNEY_METADATA_KEY, OUTCOME_COMPLETED, OUTCOME_VAR } from './contract';
import type { PostLoginApi, PostLoginEvent } from './post-login-types';
import { readSettings } from './settings';
import { startJourney } from './start-journey';

export async function onExecutePostLogin(event: PostLoginEvent, api: PostLoginApi): Promise<void> {
  // Every login of the tenant comes through here: one property check, nothing else touched.
  if (event.request.query?.email_change === 'true') startJourney(event, api);
}

// When the form resumes the login. Every branch ends it, so that no tokens are issued after a
// change with the old address in them, and none are issued after a journey this transaction did
// not start.
export async function onContinuePostLogin(event: PostLoginEvent, api: PostLoginApi): Promise<void> {
  const journeyId = event.transaction?.metadata?.['email_change_journey_id' satisfies typeof JOURNEY_METADATA_KEY];
  const vars = event.prompt?.vars ?? {};
  if (typeof journeyId !== 'string' || journeyId === '' || vars.journey_id !== journeyId) {
    console.log(
      "email-change: the login resumed without this transaction's email change journey; nothing is treated as changed",
    );
    return api.access.deny('email_change_cancelled');
  }
  if (vars['email_change_outcome' satisfies typeof OUTCOME_VAR] !== ('completed' satisfies typeof OUTCOME_COMPLETED)) {
    return api.access.deny('email_change_cancelled');
  }
  // The email has changed: end the login whatever the settings say. A setting broken since the
  // form was rendered falls back to a plain denial, the choice every plan supports.
  const settings = readSettings(event.secrets);
  if (settings.problems.length > 0) {
    console.log(`email-change misconfigured: ${settings.problems.join('; ')}`);
    return api.access.deny('email_change_completed');
  }
  // Enterprise plans only (docs post-login-api-object.mdx, api.session.revoke).
  if (settings.revokeSession) return api.session.revoke('email_change_completed');
  api.access.deny('email_change_completed');
}
