// Reads the Action's secrets (tenant.yaml, docs/design.md "Names shared between the parts") into typed
// settings, and says what is wrong without ever repeating a value: secrets end up in logs otherwise.
// api.prompt.render refuses a longer form id.
import { MAX_RENDER_FORM_ID_CHARS } from '../../platform/actions-limits';

export interface Settings {
  readonly formId: string;
  readonly maxAuthAgeSeconds: number;
  readonly maxChangesPerDay: number;
  /** FORCE_RELOGIN=revoke-session; else (deny, unset) the login is denied. */
  readonly revokeSession: boolean;
  /**
   * What is wrong with the secrets, each saying what to do; empty when every setting is usable.
   * A broken number keeps its default, which nothing uses: with a problem, the Action denies.
   */
  readonly problems: readonly string[];
}

export function readSettings(secrets: Readonly<Record<string, string | undefined>>): Settings {
  const problems: string[] = [];
  /** A secret that must be a positive whole number: unset or blank is the default. */
  function wholeNumber(name: string, fallback: number): number {
    const value = (secrets[name] ?? '').trim();
    if (value === '') return fallback;
    if (/^[1-9][0-9]{0,8}$/.test(value)) return Number(value);
    problems.push(`${name} must be a positive whole number, e.g. "${fallback}"`);
    return fallback;
  }
  const formId = (secrets.EMAIL_CHANGE_FORM_ID ?? '').trim();
  if (formId === '') {
    problems.push('EMAIL_CHANGE_FORM_ID is empty: deploy with npm run deploy, which looks the form id up');
  } else if (formId.startsWith('##')) {
    problems.push('EMAIL_CHANGE_FORM_ID still holds its keyword: deploy with npm run deploy, not plain a0deploy');
  } else if (formId.length > MAX_RENDER_FORM_ID_CHARS) {
    problems.push(`EMAIL_CHANGE_FORM_ID is longer than ${MAX_RENDER_FORM_ID_CHARS} characters, so it is not a form id`);
  }
  const maxAuthAgeSeconds = wholeNumber('MAX_AUTH_AGE_SECONDS', 300);
  const maxChangesPerDay = wholeNumber('MAX_CHANGES_PER_DAY', 3);
  const relogin = (secrets.FORCE_RELOGIN ?? '').trim();
  if (relogin !== '' && relogin !== 'deny' && relogin !== 'revoke-session')
    problems.push('FORCE_RELOGIN must be "deny" or "revoke-session"');
  return { formId, maxAuthAgeSeconds, maxChangesPerDay, revokeSession: relogin === 'revoke-session', problems };
}
