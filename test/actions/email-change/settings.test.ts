// The Action's secrets read into settings: defaults, and a problem per broken value that names
// the secret and says what to do, without repeating the value.
import { readSettings } from '../../../actions/email-change/settings';
import { MAX_RENDER_FORM_ID_CHARS } from '../../../platform/actions-limits';

const FORM = { EMAIL_CHANGE_FORM_ID: 'ap_form' };

test('defaults: 300 s, 3 per day, deny', () => {
  expect(readSettings(FORM)).toEqual({
    ok: true,
    settings: { formId: 'ap_form', maxAuthAgeSeconds: 300, maxChangesPerDay: 3, forceRelogin: 'deny' },
  });
});

test('reads every setting, trimming spaces', () => {
  expect(
    readSettings({
      EMAIL_CHANGE_FORM_ID: ' ap_form ',
      MAX_AUTH_AGE_SECONDS: '60',
      MAX_CHANGES_PER_DAY: ' 5',
      FORCE_RELOGIN: 'revoke-session',
    }),
  ).toEqual({
    ok: true,
    settings: { formId: 'ap_form', maxAuthAgeSeconds: 60, maxChangesPerDay: 5, forceRelogin: 'revoke-session' },
  });
});

test.each([
  [{}, 'EMAIL_CHANGE_FORM_ID is empty: deploy with npm run deploy, which looks the form id up'],
  [
    { EMAIL_CHANGE_FORM_ID: '##EMAIL_CHANGE_FORM_ID##' },
    'EMAIL_CHANGE_FORM_ID still holds its keyword: deploy with npm run deploy, not plain a0deploy',
  ],
  [
    { EMAIL_CHANGE_FORM_ID: `ap_${'x'.repeat(46)}` },
    'EMAIL_CHANGE_FORM_ID is longer than 48 characters, so it is not a form id',
  ],
  [{ ...FORM, MAX_AUTH_AGE_SECONDS: '5m' }, 'MAX_AUTH_AGE_SECONDS must be a positive whole number, e.g. "300"'],
  [{ ...FORM, MAX_AUTH_AGE_SECONDS: '-1' }, 'MAX_AUTH_AGE_SECONDS must be a positive whole number, e.g. "300"'],
  [{ ...FORM, MAX_CHANGES_PER_DAY: '2.5' }, 'MAX_CHANGES_PER_DAY must be a positive whole number, e.g. "3"'],
  [{ ...FORM, FORCE_RELOGIN: 'Deny' }, 'FORCE_RELOGIN must be "deny" or "revoke-session"'],
])('%j is refused: %s', (secrets, problem) => {
  expect(readSettings(secrets)).toEqual({ ok: false, problems: [problem] });
});

test('reports every broken setting at once', () => {
  const result = readSettings({ MAX_AUTH_AGE_SECONDS: 'x', FORCE_RELOGIN: 'y' });
  expect(result.ok).toBe(false);
  expect(!result.ok && result.problems).toHaveLength(3);
});

test('the form id length checked is the one api.prompt.render accepts', () => {
  expect(readSettings({ EMAIL_CHANGE_FORM_ID: 'f'.repeat(MAX_RENDER_FORM_ID_CHARS) }).ok).toBe(true);
  expect(readSettings({ EMAIL_CHANGE_FORM_ID: 'f'.repeat(MAX_RENDER_FORM_ID_CHARS + 1) }).ok).toBe(false);
});
