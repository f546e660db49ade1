// Reads the Action's secrets (tenant.yaml, docs/design.md "Names shared between the parts") into typed
// settings, or says what is wrong without ever repeating a value: secrets end up in logs otherwise.
// api.prompt.render refuses a longer form id.
import { MAX_RENDER_FORM_ID_CHARS } from '../../platform/actions-limits';

export type ForceRelogin = 'deny' | 'revoke-session';

export interface Settings {
  readonly formId: string;
  readonly maxAuthAgeSeconds: number;
  readonly maxChangesPerDay: number;
  readonly forceRelogin: ForceRelogin;
}

export type SettingsResult =
  { readonly ok: true; readonly settings: Settings } | { readonly ok: false; readonly problems: readonly string[] };

const DEFAULT_MAX_AUTH_AGE_SECONDS = 300;
const DEFAULT_MAX_CHANGES_PER_DAY = 3;

function positiveWholeNumber(
  secrets: Readonly<Record<string, string | undefined>>,
  name: string,
  fallback: number,
  problems: string[],
): number {
  const raw = secrets[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  if (!/^[1-9][0-9]{0,8}$/.test(raw.trim())) {
    problems.push(`${name} must be a positive whole number, e.g. "${fallback}"`);
    return fallback;
  }
  return Number(raw.trim());
}

export function readSettings(secrets: Readonly<Record<string, string | undefined>>): SettingsResult {
  const problems: string[] = [];
  const formId = (secrets.EMAIL_CHANGE_FORM_ID ?? '').trim();
  if (formId === '') {
    problems.push('EMAIL_CHANGE_FORM_ID is empty: deploy with npm run deploy, which looks the form id up');
  } else if (formId.startsWith('##')) {
    problems.push('EMAIL_CHANGE_FORM_ID still holds its keyword: deploy with npm run deploy, not plain a0deploy');
  } else if (formId.length > MAX_RENDER_FORM_ID_CHARS) {
    problems.push(`EMAIL_CHANGE_FORM_ID is longer than ${MAX_RENDER_FORM_ID_CHARS} characters, so it is not a form id`);
  }
  const maxAuthAgeSeconds = positiveWholeNumber(
    secrets,
    'MAX_AUTH_AGE_SECONDS',
    DEFAULT_MAX_AUTH_AGE_SECONDS,
    problems,
  );
  const maxChangesPerDay = positiveWholeNumber(secrets, 'MAX_CHANGES_PER_DAY', DEFAULT_MAX_CHANGES_PER_DAY, problems);
  const rawRelogin = (secrets.FORCE_RELOGIN ?? '').trim();
  let forceRelogin: ForceRelogin = 'deny';
  if (rawRelogin === 'revoke-session') forceRelogin = 'revoke-session';
  else if (rawRelogin !== '' && rawRelogin !== 'deny')
    problems.push('FORCE_RELOGIN must be "deny" or "revoke-session"');
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, settings: { formId, maxAuthAgeSeconds, maxChangesPerDay, forceRelogin } };
}
