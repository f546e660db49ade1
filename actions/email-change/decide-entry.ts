// What onExecutePostLogin does once an app has asked for an email change: a pure function of the
// event, the settings, the clock and a random source. Checks run in the order of design.md
// "The flow" step 3; the first failure decides the denial.
import {
  DENY,
  type DenyReason,
  type FormVars,
  JOURNEY_METADATA_KEY,
  STARTS_APP_METADATA_KEY,
  SUPPORTED_LOCALES,
} from './contract';
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
      /** The user's change starts in the last 24 h, this one included (api.user.setAppMetadata). */
      readonly starts: { readonly key: string; readonly value: readonly number[] };
    };

export interface EntryDeps {
  readonly nowMs: number;
  readonly newJourneyId: () => string;
}

// Redirects and prompts are impossible for these protocols (@auth0/actions post-login v3,
// NO_REDIRECT_PROTOCOLS; platform-facts.md §1); prompt=none fails them with interaction_required.
const NON_INTERACTIVE_PROTOCOLS: readonly string[] = [
  'oauth2-resource-owner',
  'oauth2-refresh-token',
  'oauth2-password',
  'oauth2-webauthn',
];

// First-factor method names (docs passwordless-authentication-for-db-connect.mdx: pwd, email,
// sms, tel; passkey from the @auth0/actions sample event). `mfa` and custom methods are not.
const FIRST_FACTOR_METHODS: readonly string[] = ['pwd', 'passkey', 'email', 'sms', 'tel'];

const DAY_SECONDS = 24 * 60 * 60;

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

function newestMs(methods: readonly AuthenticationMethod[], accept: (m: AuthenticationMethod) => boolean): number | undefined {
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

/** Starts (unix seconds) within the last 24 h; anything unreadable in app_metadata is ignored. */
export function recentStarts(appMetadata: Readonly<Record<string, unknown>> | undefined, nowSeconds: number): number[] {
  const stored = appMetadata?.[STARTS_APP_METADATA_KEY];
  if (!Array.isArray(stored)) return [];
  return stored.filter((s): s is number => typeof s === 'number' && Number.isFinite(s) && nowSeconds - s < DAY_SECONDS);
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

export function decideEntry(event: PostLoginEvent, settingsResult: SettingsResult, deps: EntryDeps): EntryDecision {
  if (!settingsResult.ok) {
    return { kind: 'deny', reason: DENY.misconfigured, log: `email-change misconfigured: ${settingsResult.problems.join('; ')}` };
  }
  const settings = settingsResult.settings;
  if (!isInteractive(event)) return { kind: 'deny', reason: DENY.notInteractive };
  if (!isDatabaseIdentity(event)) return { kind: 'deny', reason: DENY.unsupportedIdentity };
  const methods = event.authentication?.methods ?? [];
  const firstFactorMs = newestMs(methods, (m) => FIRST_FACTOR_METHODS.includes(m.name));
  if (!isFresh(firstFactorMs, settings, deps.nowMs)) return { kind: 'deny', reason: DENY.reauthenticationRequired };
  // A challenge cannot be shown to precede a render in one execution (README "Users with MFA"): require an
  // MFA completed in this session no longer ago than a fresh sign-in may be.
  if (hasEnrolledFactor(event) && !isFresh(newestMs(methods, (m) => m.name === 'mfa'), settings, deps.nowMs)) {
    return { kind: 'deny', reason: DENY.mfaRequired };
  }
  const nowSeconds = Math.floor(deps.nowMs / 1000);
  const starts = recentStarts(event.user.app_metadata, nowSeconds);
  if (starts.length >= settings.maxChangesPerDay) return { kind: 'deny', reason: DENY.rateLimited };
  const journeyId = deps.newJourneyId();
  return {
    kind: 'render',
    formId: settings.formId,
    vars: {
      user_id: event.user.user_id,
      current_email: event.user.email as string,
      locale: pickLocale(event.transaction?.ui_locales),
      journey_id: journeyId,
    },
    journeyMetadata: { key: JOURNEY_METADATA_KEY, value: journeyId },
    starts: { key: STARTS_APP_METADATA_KEY, value: [...starts, nowSeconds] },
  };
}
