// Post-Login Action: a guarded entry into the email change, and a forced re-login after it.
// The handlers read the event and the secrets, pure functions decide, and one function applies the
// decision to `api`. No I/O anywhere: nothing here calls the network or reads a file.
import { type ContinueDecision, decideContinue } from './decide-continue';
import { decideEntry, type EntryDecision } from './decide-entry';
import type { PostLoginApi, PostLoginEvent } from './post-login-types';
import { readSettings } from './settings';

function apply(decision: EntryDecision | ContinueDecision, api: PostLoginApi): void {
  if (decision.kind === 'render') {
    // Transaction metadata is documented to survive a form render (docs transaction-metadata.mdx).
    // Nothing is written to the user here: whether setAppMetadata is saved at a render is unsaid.
    api.transaction.setMetadata(decision.journeyMetadata.key, decision.journeyMetadata.value);
    // vars only: fields are visible and editable in the browser, and the flows trust these values.
    api.prompt.render(decision.formId, { vars: decision.vars });
  } else if (decision.kind === 'revoke-session') {
    api.session.revoke(decision.reason);
  } else {
    if (decision.log !== undefined) console.log(decision.log);
    api.access.deny(decision.reason);
  }
}

export const onExecutePostLogin = async (event: PostLoginEvent, api: PostLoginApi): Promise<void> => {
  // Every login of the tenant comes through here: one property check, nothing else touched.
  if (event.request.query?.email_change !== 'true') return;
  // The global Web Crypto of Node 22, which Auth0 runs Actions with (docs/platform-facts.md §1).
  apply(
    decideEntry(event, readSettings(event.secrets), { nowMs: Date.now(), newJourneyId: () => crypto.randomUUID() }),
    api,
  );
};

export const onContinuePostLogin = async (event: PostLoginEvent, api: PostLoginApi): Promise<void> => {
  apply(decideContinue(event, readSettings(event.secrets)), api);
};
