// What onExecutePostLogin does once an app has asked for an email change: a pure function of the
// event, the settings, the clock and a random source. Checks run in the order of docs/design.md
// "The flow" step 3; the first failure decides the denial.
import {
  codesSentToday,
  DENY,
  type DenyReason,
  type FormVars,
  JOURNEY_METADATA_KEY,
  MAX_SENDS_PER_DAY,
  SUPPORTED_LOCALES,
} from './contract';
import { HISTORY_KEY, isLocked, LOCKED_UNTIL_KEY, storedEntries } from './history';
import type { AuthenticationMethod, PostLoginEvent } from './post-login-types';
import type { Settings, SettingsResult } from './settings';

export type EntryDecision =
  | { readonly kind: 'deny'; readonly reason: DenyReason; readonly log?: string }
  | {
      readonly kind: 'render';
      readonly formId: string;
      readonly vars: FormVars;
      /** Kept with api.transaction.setMetadata so onContinuePostLogin knows this transaction's journey. */
      readonly journeyMetadata: { readonly key: string; readonly value: string };
    };

export interface EntryDeps {
  readonly nowMs: number;
  readonly newJourneyId: () => string;
}

// Redirects and prompts are impossible for these protocols (@auth0/actions post-login v3,
// NO_REDIRECT_PROTOCOLS; docs/platform-facts.md §1); prompt=none fails them with interaction_required.
const NON_INTERACTIVE_PROTOCOLS: readonly string[] = [
  'oauth2-resource-owner',
  'oauth2-refresh-token',
  'oauth2-password',
  'oauth2-webauthn',
];

// First-factor method names (docs passwordless-authentication-for-db-connect.mdx: pwd, email,
// sms, tel; passkey from the @auth0/actions sample event). `mfa` and custom methods are not.
const FIRST_FACTOR_METHODS: readonly string[] = ['pwd', 'passkey', 'email', 'sms', 'tel'];

const DAY_MS = 24 * 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;

function isInteractive(event: PostLoginEvent): boolean {
  const protocol = event.transaction?.protocol;
  if (protocol !== undefined && NON_INTERACTIVE_PROTOCOLS.includes(protocol)) return false;
  if (event.request.query?.prompt === 'none') return false;
  const prompt = event.transaction?.prompt;
  return !(prompt === 'none' || (Array.isArray(prompt) && prompt.includes('none')));
}

/** The email belongs to the user only for a database identity; social and passwordless take it from elsewhere. */
function isDatabaseIdentity(event: PostLoginEvent): boolean {
  if (event.connection.strategy !== 'auth0') return false;
  const primary = event.user.identities?.[0];
  if (primary !== undefined && primary.provider !== 'auth0') return false;
  return typeof event.user.email === 'string' && event.user.email !== '';
}

function newestMs(
  methods: readonly AuthenticationMethod[],
  accept: (m: AuthenticationMethod) => boolean,
): number | undefined {
  let newest: number | undefined;
  for (const method of methods) {
    if (!accept(method)) continue;
    const ms = Date.parse(method.timestamp);
    if (Number.isNaN(ms)) continue;
    if (newest === undefined || ms > newest) newest = ms;
  }
  return newest;
}

function isFresh(ms: number | undefined, settings: Settings, nowMs: number): boolean {
  return ms !== undefined && nowMs - ms <= settings.maxAuthAgeSeconds * 1000;
}

/**
 * Whether the user has a factor to complete. enrolledFactors undefined means Auth0 could not read
 * them (docs post-login-event-object.mdx): fall back to `multifactor`, and fail closed without either.
 */
function hasEnrolledFactor(event: PostLoginEvent): boolean {
  const { enrolledFactors, multifactor } = event.user;
  if (enrolledFactors !== undefined) return enrolledFactors.length > 0;
  if (multifactor !== undefined) return multifactor.length > 0;
  return true;
}

/**
 * Whether this /authorize itself demanded a fresh sign-in (max_age=0 or prompt=login): a session
 * cookie alone, however recent its sign-in, never opens the form. Query values are strings
 * (docs post-login-event-object.mdx, event.request.query).
 */
function demandedFreshSignIn(event: PostLoginEvent): boolean {
  const query = event.request.query ?? {};
  if (query.max_age === '0') return true;
  const prompt = typeof query.prompt === 'string' ? query.prompt.split(' ') : [];
  return prompt.includes('login');
}

/** Completed changes within the last 24 h, from the history the flows keep; anything unreadable is ignored. */
export function recentChanges(appMetadata: Readonly<Record<string, unknown>> | undefined, nowMs: number): number {
  // Slots as the flows write them, or a list (actions/email-change/history.ts).
  return storedEntries(appMetadata?.[HISTORY_KEY]).filter((entry: unknown) => {
    const { kind, changed_at } = (entry ?? {}) as { kind?: unknown; changed_at?: unknown };
    const ms = typeof changed_at === 'string' ? Date.parse(changed_at) : Number.NaN;
    return kind === 'change' && !Number.isNaN(ms) && nowMs - ms < DAY_MS;
  }).length;
}

/**
 * The minutes ('YYYY-MM-DDTHH:MM', UTC) from the one holding fromMs to the last that ends by
 * fromMs + limit: every moment in them is within the limit (the journey may end up to 59 s early,
 * never late).
 */
export function freshMinutes(fromMs: number, limitSeconds: number): string[] {
  const minutes: string[] = [];
  const endMs = fromMs + limitSeconds * 1000;
  for (let m = Math.floor(fromMs / MINUTE_MS) * MINUTE_MS; m + MINUTE_MS <= endMs; m += MINUTE_MS) {
    minutes.push(new Date(m).toISOString().slice(0, 16));
  }
  return minutes;
}

/** First of ui_locales the form supports, matched on the language (es-MX -> es); else the default. */
export function pickLocale(uiLocales: readonly string[] | undefined): string {
  for (const tag of uiLocales ?? []) {
    const language = tag.toLowerCase().split('-')[0];
    const match = SUPPORTED_LOCALES.find((l) => l === language);
    if (match !== undefined) return match;
  }
  return SUPPORTED_LOCALES[0];
}

/** The vars a journey starts with (FormVars): who, where, and every value the flows start from. */
export function formVars(input: {
  readonly user: { readonly user_id: string; readonly email?: string; readonly last_password_reset?: string };
  readonly locale: string;
  readonly journeyId: string;
  readonly signedInMs: number;
  readonly maxAuthAgeSeconds: number;
}): FormVars {
  return {
    user_id: input.user.user_id,
    current_email: input.user.email ?? '',
    locale: input.locale,
    journey_id: input.journeyId,
    password_reset_at: typeof input.user.last_password_reset === 'string' ? input.user.last_password_reset : '',
    fresh_minutes: freshMinutes(input.signedInMs, input.maxAuthAgeSeconds),
    wrong_codes: '',
    code_sends: '',
    none: '',
    pending_email: '',
    code_notice: '',
    verify_state: '',
    email_change_outcome: '',
  };
}

export function decideEntry(event: PostLoginEvent, settingsResult: SettingsResult, deps: EntryDeps): EntryDecision {
  if (!settingsResult.ok) {
    return {
      kind: 'deny',
      reason: DENY.misconfigured,
      log: `email-change misconfigured: ${settingsResult.problems.join('; ')}`,
    };
  }
  const settings = settingsResult.settings;
  if (!isInteractive(event)) return { kind: 'deny', reason: DENY.notInteractive };
  if (!isDatabaseIdentity(event)) return { kind: 'deny', reason: DENY.unsupportedIdentity };
  const appMetadata = event.user.app_metadata;
  // Support paused this user's changes (npm run revert).
  if (isLocked(appMetadata?.[LOCKED_UNTIL_KEY], deps.nowMs)) return { kind: 'deny', reason: DENY.locked };
  const methods = event.authentication?.methods ?? [];
  const firstFactorMs = newestMs(methods, (m) => FIRST_FACTOR_METHODS.includes(m.name));
  if (!demandedFreshSignIn(event) || !isFresh(firstFactorMs, settings, deps.nowMs))
    return { kind: 'deny', reason: DENY.reauthenticationRequired };
  // MFA of this transaction: completed after the first factor this request demanded, so an MFA
  // left in the session by an earlier sign-in never counts (README "Users with MFA").
  const mfaMs = newestMs(methods, (m) => m.name === 'mfa');
  // (At or after a fresh first factor, it is fresh too.)
  if (hasEnrolledFactor(event) && !(mfaMs !== undefined && mfaMs >= (firstFactorMs as number))) {
    return { kind: 'deny', reason: DENY.mfaRequired };
  }
  // The budget counts what the user did (changes made, codes sent), never forms shown: opening
  // the form spends nothing, so a page on another site cannot spend it.
  if (
    recentChanges(appMetadata, deps.nowMs) >= settings.maxChangesPerDay ||
    codesSentToday(appMetadata, deps.nowMs) >= MAX_SENDS_PER_DAY
  ) {
    return { kind: 'deny', reason: DENY.rateLimited };
  }
  const journeyId = deps.newJourneyId();
  return {
    kind: 'render',
    formId: settings.formId,
    vars: formVars({
      user: event.user,
      locale: pickLocale(event.transaction?.ui_locales),
      journeyId,
      signedInMs: firstFactorMs as number,
      maxAuthAgeSeconds: settings.maxAuthAgeSeconds,
    }),
    journeyMetadata: { key: JOURNEY_METADATA_KEY, value: journeyId },
  };
}
