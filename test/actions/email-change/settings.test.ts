// The Action's secrets read into settings: defaults, and a problem per broken value that names
// the secret and says what to do, without repeating the value.
import { readSettings } from '../../../actions/email-change/settings';
import { MAX_RENDER_FORM_ID_CHARS } from '../../../platform/actions-limits';

const FORM = { EMAIL_CHANGE_FORM_ID: 'ap_form' };

test('defaults: 300 s, 3 per day, deny', () => {
  expect(readSettings(FORM)).toEqual({
    formId: 'ap_form',
    maxAuthAgeSeconds: 300,
    maxChangesPerDay: 3,
    revokeSession: false,
    problems: [],
  });
  expect(readSettings({ ...FORM, FORCE_RELOGIN: 'deny' })).toMatchObject({ revokeSession: false, problems: [] });
});

test('reads every setting, trimming spaces', () => {
  expect(
    readSettings({
      EMAIL_CHANGE_FORM_ID: ' ap_form ',
      MAX_AUTH_AGE_SECONDS: '60',
      MAX_CHANGES_PER_DAY: ' 5',
      FORCE_RELOGIN: 'revoke-session',
    }),
  ).toEqual({ formId: 'ap_form', maxAuthAgeSeconds: 60, maxChangesPerDay: 5, revokeSession: true, problems: [] });
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
  expect(readSettings(secrets).problems).toEqual([problem]);
});

test('reports every broken setting at once', () => {
  expect(readSettings({ MAX_AUTH_AGE_SECONDS: 'x', FORCE_RELOGIN: 'y' }).problems).toHaveLength(3);
});

test('the form id length checked is the one api.prompt.render accepts', () => {
  expect(readSettings({ EMAIL_CHANGE_FORM_ID: 'f'.repeat(MAX_RENDER_FORM_ID_CHARS) }).problems).toEqual([]);
  expect(readSettings({ EMAIL_CHANGE_FORM_ID: 'f'.repeat(MAX_RENDER_FORM_ID_CHARS + 1) }).problems).toHaveLength(1);
});
