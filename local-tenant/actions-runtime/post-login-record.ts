// What one execution of a post-login Action did, as the login side needs it: how the login goes on
// (outcome) and what to apply. Small namespaces that record state rather than call counts, after
// kilterset/auth0-actions-testing (docs style.md).

export type PostLoginOutcome =
  /** The login goes on (to the next Action, then tokens). */
  | 'continued'
  /** api.access.deny: the app's callback gets error=access_denied&error_description=<reason>. */
  | 'denied'
  /** api.session.revoke: the session ends and the login is denied with the reason. */
  | 'session_revoked'
  /** api.prompt.render: show the form, then call onContinuePostLogin. */
  | 'rendered'
  /** api.redirect.sendUserTo: send the browser away, then call onContinuePostLogin at /continue. */
  | 'redirected'
  /** The Action threw, was aborted, or ran out of time: the login ends in an error and nothing it asked for is applied. */
  | 'failed';

export interface PostLoginRecord {
  outcome: PostLoginOutcome;
  error?: { message: string };
  denied?: { reason: string };
  sessionRevoked?: { reason: string; preserveRefreshTokens: boolean };
  rendered?: { formId: string; options: { fields?: Record<string, unknown>; vars?: Record<string, unknown> } };
  redirect?: { url: string };
  /** api.multifactor.enable: MFA at the end of the login flow (docs post-login-api-object.mdx). */
  mfa?: { provider: string; allowRememberBrowser: boolean };
  /** api.authentication.challengeWith / challengeWithAny: the factors offered, first the default. */
  challenge?: { factors: { type: string; options?: Record<string, unknown> }[] };
  /** The transaction's metadata after the execution (it carries over to onContinuePostLogin). */
  transactionMetadata: Record<string, string | number | boolean>;
  /** Metadata changes to apply to the user, key by key; null removes a key. */
  appMetadata: Record<string, unknown>;
  userMetadata: Record<string, unknown>;
  /** console output of the execution, one entry per call. */
  logs: string[];
  /** Every module the Action's code asked `require` for so far (module-level code included). */
  required: { specifier: string; allowed: boolean }[];
  /** URLs the Action fetched during the execution. */
  fetched: string[];
}

/** Derives the outcome once the execution is over; on failure Auth0 discards the commands. */
export function settleRecord(record: PostLoginRecord): PostLoginRecord {
  if (record.error !== undefined) {
    return {
      ...record,
      outcome: 'failed',
      denied: undefined,
      sessionRevoked: undefined,
      rendered: undefined,
      redirect: undefined,
      mfa: undefined,
      challenge: undefined,
      appMetadata: {},
      userMetadata: {},
    };
  }
  let outcome: PostLoginOutcome = 'continued';
  if (record.sessionRevoked !== undefined) outcome = 'session_revoked';
  else if (record.denied !== undefined) outcome = 'denied';
  else if (record.rendered !== undefined) outcome = 'rendered';
  else if (record.redirect !== undefined) outcome = 'redirected';
  return { ...record, outcome };
}
