// Post-login events for the Action's tests: the local tenant's sample event
// (local-tenant/actions-runtime/sample-post-login-event.ts) with the Action's secrets as the
// local config sets them.
import type { PostLoginEvent } from '../../local-tenant/actions-runtime';
import {
  mergeOverrides,
  type Overrides,
  samplePostLoginEvent,
} from '../../local-tenant/actions-runtime/sample-post-login-event';

export const TEST_FORM_ID = 'ap_EmailChangeTestForm0000000';

export const TEST_SECRETS: Record<string, string> = {
  EMAIL_CHANGE_FORM_ID: TEST_FORM_ID,
  MAX_AUTH_AGE_SECONDS: '300',
  MAX_CHANGES_PER_DAY: '3',
  FORCE_RELOGIN: 'deny',
};

export function postLoginEvent(overrides: Overrides<PostLoginEvent> = {}): PostLoginEvent {
  return samplePostLoginEvent(mergeOverrides<Overrides<PostLoginEvent>>({ secrets: { ...TEST_SECRETS } }, overrides));
}

/** A login sent by an app to /authorize?email_change=true. */
export function emailChangeEvent(overrides: Overrides<PostLoginEvent> = {}): PostLoginEvent {
  return postLoginEvent(
    mergeOverrides<Overrides<PostLoginEvent>>(
      { request: { query: { email_change: 'true', max_age: '0' } } },
      overrides,
    ),
  );
}
