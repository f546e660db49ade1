// Flow "send code" (design.md "The flow" step 4), run by the new-address step and by the resend
// button. It checks the new address, then sends it a code, or, when another account owns it,
// the "address in use" notice instead: both paths end the same way, so the page never tells
// who has an account. Nothing is written to the user here; only vars change, and pending_email
// only once an email has gone out.
import { anyOf, atLeast, equals, greaterThan } from './conditions';
import { lowerCased, maskedEmailTemplate } from './email-expressions';
import { chooseTemplates } from './email-templates-by-locale';
import { FLOW_MESSAGES } from './flow-messages';
import { ifThen, localisedError, storeVars } from './flow-logic-actions';
import { countOf, incremented } from './journey-counters';
import { FLOW_VARS, template, vars } from './journey-vars';
import { keyword } from './keyword';
import { CODE_LENGTH, CODE_VALID_MINUTES, MAX_SENDS_PER_JOURNEY, MAX_WRONG_CODES } from './limits';
import { localisedFieldExpression } from './locale-text';
import { AUTH0_VAULT_CONNECTION } from './names';
import { otpReference } from './otp-reference';
import { sendEmailAction } from './send-email-action';
import type { FlowAction, FlowBody } from './types';
import { MAX_SENDS_PER_DAY, SENDS_APP_METADATA_KEY } from '../actions/email-change/contract';

const candidate = vars(FLOW_VARS.candidateEmail);

// docs data-verification.mdx: the causes EMAIL/VERIFY_EMAIL gives for an address whose domain a
// rule refuses (as opposed to an address that is not one).
const DOMAIN_CAUSES = ['BLOCKLISTED', 'DISPOSABLE_EMAIL', 'NOT_ALLOWED', 'FREE_EMAIL', 'MISSING_MX_RECORD'];

/** GET /api/v2/users-by-email: immediately consistent, case-sensitive, so asked in lower case (platform-facts.md §4). */
export function usersByEmailRequest(id: string, emailExpression: string, options: { allowFailure?: boolean } = {}): FlowAction {
  return {
    id,
    type: 'AUTH0',
    action: 'SEND_REQUEST',
    ...(options.allowFailure ? { allow_failure: true } : {}),
    // Another user's record is nobody's business in the execution logs.
    mask_output: true,
    params: {
      connection_id: AUTH0_VAULT_CONNECTION,
      pathname: '/api/v2/users-by-email',
      method: 'GET',
      params: { email: template(emailExpression), fields: 'user_id', include_fields: 'true' },
    },
  };
}

/** AUTH0/GET_USER of the signed-in user, as the Management API has it now (not the form's snapshot). */
export function readSignedInUser(id: string): FlowAction {
  return {
    id,
    type: 'AUTH0',
    action: 'GET_USER',
    mask_output: true,
    params: { connection_id: AUTH0_VAULT_CONNECTION, user_id: '{{context.user.user_id}}' },
  };
}

/**
 * Emails sent to the user's new addresses today (UTC), over all journeys: read fresh, refused at
 * MAX_SENDS_PER_DAY, and recorded before the email goes (app_metadata.email_change_sends, which
 * the Action checks at entry too). Counted from sends, never from forms shown. Two sends racing
 * read the same count: the day's total can exceed the budget by the sends in flight at once.
 */
function dailySendBudget(): FlowAction[] {
  const sendsKey = `actions.read_user.app_metadata.${SENDS_APP_METADATA_KEY}`;
  return [
    readSignedInUser('read_user'),
    ifThen('refuse_blocked_user', equals('{{actions.read_user.blocked}}', true), [localisedError('blocked_user', FLOW_MESSAGES.accountChanged)]),
    storeVars('clock', { [FLOW_VARS.now]: '{{functions.now()}}' }),
    storeVars('today', {
      [FLOW_VARS.today]: `{{functions.substring(${vars(FLOW_VARS.now)}, 0, 10)}}`,
      [FLOW_VARS.sendsDay]: `{{${sendsKey}.day ?? vars.none}}`,
      [FLOW_VARS.sendsToday]: `{{${sendsKey}.count ?? vars.none}}`,
    }),
    ifThen(
      'count_send_today',
      equals(template(vars(FLOW_VARS.sendsDay)), template(vars(FLOW_VARS.today))),
      [
        ifThen('refuse_daily_budget', equals(template(vars(FLOW_VARS.sendsToday)), 'x'.repeat(MAX_SENDS_PER_DAY)), [
          localisedError('daily_budget', FLOW_MESSAGES.tooManySendsToday),
        ]),
        storeVars('one_more_today', { [FLOW_VARS.sendsToday]: `{{functions.merge(${vars(FLOW_VARS.sendsToday)}, 'x')}}` }),
      ],
      [storeVars('first_today', { [FLOW_VARS.sendsToday]: 'x' })],
    ),
    {
      id: 'record_send',
      type: 'AUTH0',
      action: 'UPDATE_USER',
      mask_output: true,
      params: {
        connection_id: AUTH0_VAULT_CONNECTION,
        user_id: '{{context.user.user_id}}',
        changes: { app_metadata: { [SENDS_APP_METADATA_KEY]: { day: template(vars(FLOW_VARS.today)), count: template(vars(FLOW_VARS.sendsToday)) } } },
      },
    },
  ];
}

export const sendCodeFlow: FlowBody = {
  actions: [
    ifThen('refuse_if_locked', atLeast(template(countOf(FLOW_VARS.wrongCodes)), MAX_WRONG_CODES), [
      localisedError('too_many_wrong_codes', FLOW_MESSAGES.tooManyWrongCodes),
    ]),
    ifThen('refuse_if_too_many_sends', atLeast(template(countOf(FLOW_VARS.sends)), MAX_SENDS_PER_JOURNEY), [
      localisedError('too_many_sends', FLOW_MESSAGES.tooManySends),
    ]),
    storeVars('normalise_address', { [FLOW_VARS.candidateEmail]: template(lowerCased(localisedFieldExpression('new_email'))) }),
    ifThen('refuse_current_address', equals(template(candidate), template(lowerCased('context.user.email'))), [
      localisedError('same_address', FLOW_MESSAGES.sameAddress),
    ]),
    {
      id: 'check_address',
      type: 'EMAIL',
      action: 'VERIFY_EMAIL',
      params: { email: template(candidate), rules: keyword('EMAIL_RULES') },
    },
    ifThen('refuse_bad_address', equals('{{actions.check_address.valid}}', false), [
      ifThen(
        'which_refusal',
        anyOf(...DOMAIN_CAUSES.map((cause) => equals('{{actions.check_address.cause}}', cause))),
        [localisedError('address_not_accepted', FLOW_MESSAGES.addressNotAccepted)],
        [localisedError('invalid_address', FLOW_MESSAGES.invalidAddress)],
      ),
    ]),
    ...dailySendBudget(),
    usersByEmailRequest('find_owner', candidate),
    chooseTemplates('choose_templates', ['code', 'address-in-use']),
    // A code exists for an owned address too, never sent: the code step then answers the same
    // (wrong, expired) for a free and an owned address, at any time.
    {
      id: 'generate_code',
      type: 'OTP',
      action: 'GENERATE_CODE',
      mask_output: true,
      params: { reference: otpReference(candidate, incremented(FLOW_VARS.sends)), length: CODE_LENGTH },
    },
    ifThen(
      'send_to_new_address',
      greaterThan('{{functions.length(actions.find_owner)}}', 0),
      [
        sendEmailAction({
          id: 'send_address_in_use',
          template: 'address-in-use',
          to: template(candidate),
          data: { email: template(candidate), support_url: keyword('SUPPORT_URL') },
        }),
      ],
      [
        sendEmailAction({
          id: 'send_code',
          template: 'code',
          to: template(candidate),
          data: { code: '{{actions.generate_code.code}}', email: template(candidate), expires_in_minutes: CODE_VALID_MINUTES },
        }),
      ],
    ),
    storeVars('remember_pending_address', {
      [FLOW_VARS.pendingEmail]: template(candidate),
      [FLOW_VARS.maskedPendingEmail]: maskedEmailTemplate(candidate),
      [FLOW_VARS.sends]: template(incremented(FLOW_VARS.sends)),
    }),
  ],
};
