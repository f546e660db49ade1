// What onExecutePostLogin does once an app has asked for an email change: the checks of
// docs/design.md "The flow" step 3, in that order, the first that fails denying the login with its
// reason of the contract; then the form, rendered with a new journey. No I/O: the clock and the
// random source are parameters (the real ones by default).
//
// Written as one function calling `api` directly, with no decision objects, no helper per check
// and no module-level tables or constants: every new Action instance compiles this code before its
// first login, and V8's cost follows the code's tokens, its functions and its module-level
// statements (docs/performance.md "The Action's cold start"). So the lists below are built only
// when an email change runs; the contract's keys are literals checked against their constants with
// `satisfies`, and the deny reasons by PostLoginApi's type (post-login-types.ts); and the lock, the
// history and the day's sends are read here rather than with history.ts isLocked and storedEntries
// and contract.ts codesSentToday, which start-journey.test.ts checks they agree with (as the
// spelled-out locales with SUPPORTED_LOCALES).
import type { JOURNEY_METADATA_KEY, MAX_SENDS_PER_DAY, SENDS_APP_METADATA_KEY } from './contract';
import { formVars } from './form-vars';
import type { HISTORY_KEY, LOCKED_UNTIL_KEY, MAX_HISTORY_ENTRIES } from './history';
import type { PostLoginApi, PostLoginEvent } from './post-login-types';
import { readSettings } from './settings';

/** Where journey ids come from. */
export interface RandomSource {
  randomUUID(): string;
}

/**
 * The clock and the random source default to the real ones: the global Web Crypto of Node 22,
 * which Auth0 runs Actions with (docs/platform-facts.md §1). Tests pass their own.
 */
export function startJourney(
  event: PostLoginEvent,
  api: PostLoginApi,
  nowMs: number = Date.now(),
  random: RandomSource = crypto,
): void {
  const settings = readSettings(event.secrets);
  if (settings.problems.length > 0) {
    // Action logs are the tenant's (docs actions/debug-actions.mdx); never a secret's value in them.
    console.log(`email-change misconfigured: ${settings.problems.join('; ')}`);
    return api.access.deny('email_change_misconfigured');
  }

  // Interactive: redirects and prompts are impossible for these protocols (@auth0/actions
  // post-login v3, NO_REDIRECT_PROTOCOLS; docs/platform-facts.md §1); prompt=none fails them with
  // interaction_required.
  const query = event.request.query ?? {};
  const transaction = event.transaction;
  const prompt = transaction?.prompt;
  if (
    ['oauth2-resource-owner', 'oauth2-refresh-token', 'oauth2-password', 'oauth2-webauthn'].includes(
      transaction?.protocol ?? '',
    ) ||
    query.prompt === 'none' ||
    prompt === 'none' ||
    (Array.isArray(prompt) && prompt.includes('none'))
  ) {
    return api.access.deny('email_change_not_interactive');
  }

  // The email belongs to the user only for a database identity; social and passwordless take it
  // from elsewhere. identities[0] is the primary identity.
  const user = event.user;
  const primary = user.identities?.[0];
  if (
    event.connection.strategy !== 'auth0' ||
    (primary !== undefined && primary.provider !== 'auth0') ||
    typeof user.email !== 'string' ||
    user.email === ''
  ) {
    return api.access.deny('email_change_unsupported_identity');
  }

  // Support paused this user's changes (npm run revert): locked while the time it set is not past,
  // and, since only support writes it, while it is anything but a readable time (history.ts
  // isLocked; NaN <= nowMs is false).
  const appMetadata = user.app_metadata;
  const lockedUntil = appMetadata?.['email_change_locked_until' satisfies typeof LOCKED_UNTIL_KEY];
  if (lockedUntil != null && !(typeof lockedUntil === 'string' && Date.parse(lockedUntil) <= nowMs)) {
    return api.access.deny('email_change_locked');
  }

  // The newest first factor and the newest MFA of the session. First-factor method names: docs
  // passwordless-authentication-for-db-connect.mdx (pwd, email, sms, tel), passkey from the
  // @auth0/actions sample event; custom methods are neither. -Infinity is "none": a timestamp
  // Date.parse cannot read is NaN, never greater, so it never counts.
  const firstFactors = ['pwd', 'passkey', 'email', 'sms', 'tel'];
  let firstFactorMs = -Infinity;
  let mfaMs = -Infinity;
  for (const method of event.authentication?.methods ?? []) {
    const ms = Date.parse(method.timestamp);
    if (method.name === 'mfa') {
      if (ms > mfaMs) mfaMs = ms;
    } else if (firstFactors.includes(method.name) && ms > firstFactorMs) {
      firstFactorMs = ms;
    }
  }

  // This very /authorize demanded a fresh sign-in (max_age=0 or prompt=login): a session cookie
  // alone, however recent its sign-in, never opens the form. Query values are strings (docs
  // post-login-event-object.mdx, event.request.query).
  const demandedFreshSignIn =
    query.max_age === '0' || (typeof query.prompt === 'string' && query.prompt.split(' ').includes('login'));
  if (!demandedFreshSignIn || !(nowMs - firstFactorMs <= settings.maxAuthAgeSeconds * 1000)) {
    return api.access.deny('email_change_reauthentication_required');
  }

  // MFA of this transaction: completed at or after the first factor this request demanded (so it
  // is fresh too), so that an MFA left in the session by an earlier sign-in never counts (README
  // "Users with MFA"). enrolledFactors undefined means Auth0 could not read them (docs
  // post-login-event-object.mdx): fall back to `multifactor`, and fail closed without either.
  const factors = user.enrolledFactors !== undefined ? user.enrolledFactors : user.multifactor;
  if ((factors === undefined || factors.length > 0) && !(mfaMs >= firstFactorMs)) {
    return api.access.deny('email_change_mfa_required');
  }

  // The budget counts what the user did (changes made in the last 24 h, codes sent today), never
  // forms shown: opening the form spends nothing, so a page on another site cannot spend it. The
  // history is the flows': slots c1 to c10 (history.ts HISTORY_SLOTS) or a list, as storedEntries
  // reads it; anything unreadable in it counts as no change.
  const history = appMetadata?.['email_change_history' satisfies typeof HISTORY_KEY];
  let entries: unknown[] = [];
  if (Array.isArray(history)) entries = history;
  else {
    for (let slot = 1; slot <= (10 satisfies typeof MAX_HISTORY_ENTRIES); slot++) {
      entries.push((history as Readonly<Record<string, unknown>> | null | undefined)?.[`c${slot}`]);
    }
  }
  let changes = 0;
  for (const entry of entries) {
    const { kind, changed_at } = (entry ?? {}) as { kind?: unknown; changed_at?: unknown };
    // 86400000: 24 h in ms. An unreadable time is NaN, never within them.
    if (kind === 'change' && typeof changed_at === 'string' && nowMs - Date.parse(changed_at) < 86400000) changes++;
  }
  // Codes sent today (UTC), {day, count: one "x" per code} as the send-code flow writes them
  // (contract.ts codesSentToday).
  const sends = appMetadata?.['email_change_sends' satisfies typeof SENDS_APP_METADATA_KEY] as
    { day?: unknown; count?: unknown } | undefined;
  const codesSentToday =
    sends?.day === new Date(nowMs).toISOString().slice(0, 10) && typeof sends.count === 'string'
      ? sends.count.length
      : 0;
  if (changes >= settings.maxChangesPerDay || codesSentToday >= (10 satisfies typeof MAX_SENDS_PER_DAY)) {
    return api.access.deny('email_change_rate_limited');
  }

  // The first of ui_locales the form has texts for, matched on the language (es-MX -> es); else
  // English. Spelled out rather than read from contract.ts SUPPORTED_LOCALES, a module-level list;
  // start-journey.test.ts checks that they agree.
  let locale = 'en';
  for (const tag of transaction?.ui_locales ?? []) {
    const language = tag.toLowerCase().split('-')[0];
    if (language === 'en' || language === 'es') {
      locale = language;
      break;
    }
  }

  const journeyId = random.randomUUID();
  // Transaction metadata is documented to survive a form render (docs transaction-metadata.mdx):
  // onContinuePostLogin knows this transaction's journey by it. Nothing is written to the user
  // here: whether setAppMetadata is saved at a render is unsaid.
  api.transaction.setMetadata('email_change_journey_id' satisfies typeof JOURNEY_METADATA_KEY, journeyId);
  // vars only: fields are visible and editable in the browser, and the flows trust these values.
  api.prompt.render(settings.formId, {
    vars: formVars({
      user,
      locale,
      journeyId,
      signedInMs: firstFactorMs,
      maxAuthAgeSeconds: settings.maxAuthAgeSeconds,
    }),
  });
}
