// Flows "send code" (the new-address step) and "resend code" (the code step's resend button),
// built from one definition (docs/design.md "The flow" step 4). They check the address, read the
// account as it is now, count the send against the user's daily budget, and send a code to the
// new address, or, when another account owns it, the "address in use" notice instead; a code is
// generated either way, so the code step reads the same for a free and an owned address at any
// time. The resend flow never reads a field: it sends again to the pending address only.
// Only documented constructs (platform/forms-model.ts): one helper per call, `??`
// only between two variables, AND groups of EQ with string literals, documented outputs.
import { MAX_SENDS_PER_DAY, SENDS_APP_METADATA_KEY } from '../actions/email-change/contract';
import { equals } from './conditions';
import { chooseTemplates } from './email-templates-by-locale';
import { FLOW_MESSAGES } from './flow-messages';
import { ifThen, localisedError, storeVars, unless } from './flow-logic-actions';
import { counterIs, incremented } from './journey-counters';
import { FLOW_VARS, OUTCOME, template, vars } from './journey-vars';
import { keyword } from './keyword';
import { CODE_LENGTH, CODE_VALID_MINUTES, MAX_SENDS_PER_JOURNEY, MAX_WRONG_CODES } from './limits';
import { localisedFieldTemplate } from './locale-text';
import { managementRequest, SIGNED_IN_USER, unlessStatus, usersByEmail } from './management-api-request';
import { otpReference } from './otp-reference';
import { sendEmailAction } from './send-email-action';
import type { FlowAction, FlowBody } from './types';

const candidate = template(vars(FLOW_VARS.candidateEmail));

// docs data-verification.mdx: the causes EMAIL/VERIFY_EMAIL gives for an address whose domain a
// rule refuses (as opposed to an address that is not one).
const DOMAIN_CAUSES = ['BLOCKLISTED', 'DISPOSABLE_EMAIL', 'NOT_ALLOWED', 'FREE_EMAIL', 'MISSING_MX_RECORD'];

/** The refusals every run starts with: a finished or locked journey, a spent journey budget. */
export function journeyGuards(): FlowAction[] {
  return [
    ifThen('refuse_if_changed', equals(template(vars(FLOW_VARS.outcome)), OUTCOME.completed), [
      localisedError('already_changed', FLOW_MESSAGES.alreadyChanged),
    ]),
    ifThen('refuse_if_locked', counterIs(FLOW_VARS.wrongCodes, MAX_WRONG_CODES), [
      localisedError('too_many_wrong_codes', FLOW_MESSAGES.tooManyWrongCodes),
    ]),
  ];
}

/** The journey is as old as the sign-in that opened it (vars.fresh_minutes, from the Action). */
export function journeyStillFresh(): FlowAction[] {
  return [
    storeVars('clock', { [FLOW_VARS.now]: '{{functions.now()}}' }),
    storeVars('this_minute', { [FLOW_VARS.minuteNow]: `{{functions.substring(${vars(FLOW_VARS.now)}, 0, 16)}}` }),
    unless(
      'journey_fresh',
      equals(`{{functions.includes(vars.fresh_minutes, ${vars(FLOW_VARS.minuteNow)})}}`, 'true'),
      [localisedError('journey_expired', FLOW_MESSAGES.journeyExpired)],
    ),
  ];
}

/** The address typed on the new-address step, normalised and checked. */
function typedAddress(): FlowAction[] {
  return [
    storeVars('take_address', { [FLOW_VARS.typedEmail]: localisedFieldTemplate('new_email') }),
    // Database connections keep addresses in lower case, and users-by-email is case-sensitive
    // (docs/platform-facts.md §4): one documented helper (variables.mdx).
    storeVars('normalise_address', {
      [FLOW_VARS.candidateEmail]: `{{functions.toLowerCase(${vars(FLOW_VARS.typedEmail)})}}`,
    }),
    ifThen('refuse_current_address', equals(candidate, template(vars('current_email'))), [
      localisedError('same_address', FLOW_MESSAGES.sameAddress),
    ]),
    {
      id: 'check_address',
      type: 'EMAIL',
      action: 'VERIFY_EMAIL',
      params: { email: candidate, rules: keyword('EMAIL_RULES') },
    } as FlowAction,
    ifThen('refuse_bad_address', equals('{{actions.check_address.valid}}', 'false'), [
      DOMAIN_CAUSES.reduceRight<FlowAction>(
        (otherwise, cause) =>
          ifThen(
            `refused_for_${cause.toLowerCase()}`,
            equals('{{actions.check_address.cause}}', cause),
            [localisedError(`address_not_accepted_${cause.toLowerCase()}`, FLOW_MESSAGES.addressNotAccepted)],
            [otherwise],
          ),
        localisedError('invalid_address', FLOW_MESSAGES.invalidAddress),
      ),
    ]),
  ];
}

/** The address a code already went to, for the resend button: never a field. */
function pendingAddress(): FlowAction[] {
  return [
    ifThen('refuse_if_no_code_sent', equals(template(vars(FLOW_VARS.pendingEmail)), ''), [
      localisedError('no_code_sent', FLOW_MESSAGES.noCodeSent),
    ]),
    storeVars('resend_to_pending', { [FLOW_VARS.candidateEmail]: template(vars(FLOW_VARS.pendingEmail)) }),
  ];
}

/** GET the signed-in user as the Management API has it now, and refuse if it cannot be read. */
export function readSignedInUser(id: string): FlowAction[] {
  return [
    managementRequest({ id, method: 'GET', url: SIGNED_IN_USER, maskOutput: true }),
    unlessStatus(id, '200', [localisedError(`${id}_failed`, FLOW_MESSAGES.tryLater)]),
  ];
}

/** The account must still be the one the journey started from: not blocked, the same address. */
export function accountUnchanged(readId: string): FlowAction[] {
  return [
    ifThen(`${readId}_blocked`, equals(`{{actions.${readId}.body.blocked}}`, 'true'), [
      localisedError(`${readId}_is_blocked`, FLOW_MESSAGES.accountChanged),
    ]),
    unless(`${readId}_same_address`, equals(`{{actions.${readId}.body.email}}`, template(vars('current_email'))), [
      localisedError(`${readId}_address_changed`, FLOW_MESSAGES.accountChanged),
    ]),
  ];
}

/**
 * Emails sent to the user's new addresses today (UTC), over all journeys: read fresh, refused at
 * MAX_SENDS_PER_DAY, and recorded before the email goes (app_metadata.email_change_sends, which
 * the Action checks at entry too). Counted from sends, never from forms shown. Two sends racing
 * read the same count: the day's total can exceed the budget by the sends in flight at once.
 */
function dailySendBudget(readId: string): FlowAction[] {
  const sends = `actions.${readId}.body.app_metadata.${SENDS_APP_METADATA_KEY}`;
  return [
    // vars.now: set by journeyStillFresh at the start of the run.
    storeVars('today', {
      [FLOW_VARS.today]: `{{functions.substring(${vars(FLOW_VARS.now)}, 0, 10)}}`,
      [FLOW_VARS.sendsDay]: `{{${sends}.day ?? vars.none}}`,
      [FLOW_VARS.sendsToday]: `{{${sends}.count ?? vars.none}}`,
    }),
    ifThen(
      'count_send_today',
      equals(template(vars(FLOW_VARS.sendsDay)), template(vars(FLOW_VARS.today))),
      [
        ifThen('refuse_daily_budget', counterIs(FLOW_VARS.sendsToday, MAX_SENDS_PER_DAY), [
          localisedError('daily_budget', FLOW_MESSAGES.tooManySendsToday),
        ]),
        storeVars('one_more_today', { [FLOW_VARS.sendsToday]: incremented(FLOW_VARS.sendsToday) }),
      ],
      [storeVars('first_today', { [FLOW_VARS.sendsToday]: 'x' })],
    ),
    managementRequest({
      id: 'record_send',
      method: 'PATCH',
      url: SIGNED_IN_USER,
      maskOutput: true,
      payload: {
        app_metadata: {
          [SENDS_APP_METADATA_KEY]: {
            day: template(vars(FLOW_VARS.today)),
            count: template(vars(FLOW_VARS.sendsToday)),
          },
        },
      },
    }),
    unlessStatus('record_send', '200', [localisedError('record_send_failed', FLOW_MESSAGES.tryLater)]),
  ];
}

/** A code or the in-use notice to the candidate address, and what the journey remembers of it. */
function sendToCandidate(): FlowAction[] {
  return [
    usersByEmail('find_owner', candidate),
    unlessStatus('find_owner', '200', [localisedError('find_owner_failed', FLOW_MESSAGES.tryLater)]),
    storeVars('count_owners', { [FLOW_VARS.owners]: '{{functions.length(actions.find_owner.body)}}' }),
    chooseTemplates('choose_templates', ['code', 'address-in-use']),
    {
      id: 'generate_code',
      type: 'OTP',
      action: 'GENERATE_CODE',
      mask_output: true,
      params: { reference: otpReference(candidate, incremented(FLOW_VARS.sends)), length: CODE_LENGTH },
    } as FlowAction,
    ifThen(
      'send_to_new_address',
      equals(template(vars(FLOW_VARS.owners)), '0'),
      [
        sendEmailAction({
          id: 'send_code',
          template: 'code',
          to: candidate,
          data: { code: '{{actions.generate_code.code}}', email: candidate, expires_in_minutes: CODE_VALID_MINUTES },
        }),
        unless('code_sent', equals('{{actions.send_code.success}}', 'true'), [
          localisedError('code_not_sent', FLOW_MESSAGES.sendFailed),
        ]),
      ],
      [
        sendEmailAction({
          id: 'send_address_in_use',
          template: 'address-in-use',
          to: candidate,
          data: { email: candidate, support_url: keyword('SUPPORT_URL') },
        }),
        unless('notice_sent', equals('{{actions.send_address_in_use.success}}', 'true'), [
          localisedError('notice_not_sent', FLOW_MESSAGES.sendFailed),
        ]),
      ],
    ),
    storeVars('remember_pending_address', {
      [FLOW_VARS.pendingEmail]: candidate,
      [FLOW_VARS.sends]: incremented(FLOW_VARS.sends),
      [FLOW_VARS.codeNotice]: '',
    }),
  ];
}

function codeSendingFlow(addressFrom: 'field' | 'pending'): FlowBody {
  return {
    actions: [
      ...journeyGuards(),
      ifThen('refuse_if_too_many_sends', counterIs(FLOW_VARS.sends, MAX_SENDS_PER_JOURNEY), [
        localisedError('too_many_sends', FLOW_MESSAGES.tooManySends),
      ]),
      // A code the journey could no longer use is never sent.
      ...journeyStillFresh(),
      ...(addressFrom === 'field' ? typedAddress() : pendingAddress()),
      ...readSignedInUser('read_user'),
      ...accountUnchanged('read_user'),
      ...dailySendBudget('read_user'),
      ...sendToCandidate(),
    ],
  };
}

export const sendCodeFlow: FlowBody = codeSendingFlow('field');
export const resendCodeFlow: FlowBody = codeSendingFlow('pending');
