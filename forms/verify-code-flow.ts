// Flow "verify and update" (docs/design.md "The flow" step 5). The code is checked against the
// pending address in vars, never a field, and the user changed is always the signed-in one.
// A wrong code ends the flow normally, with the count and the message in vars, and the form's
// router shows the code step again (or, after the last attempt, only the way back): the count
// never depends on vars surviving a FLOW/ERROR_MESSAGE, which Auth0 leaves unsaid. When the code
// is right, the flow reads the account again and changes nothing if the journey has outlived its
// sign-in, the account was blocked, its address or its password changed since the journey began.
// The change, its history entry and email_verified go in one PATCH; the notice to the old address
// follows, and its fate is recorded too.
import { HISTORY_FIELDS, HISTORY_KEY, HISTORY_SLOTS, NOTICE_KEY } from '../actions/email-change/history';
import { equals } from './conditions';
import { chooseTemplates } from './email-templates-by-locale';
import { FLOW_MESSAGES, wrongCodeMessage } from './flow-messages';
import { ifThen, localisedError, localisedStoreVars, storeVars, unless } from './flow-logic-actions';
import { counterIs, incremented } from './journey-counters';
import { FLOW_VARS, OUTCOME, template, VERIFY_LOCKED, vars } from './journey-vars';
import { keyword } from './keyword';
import { MAX_WRONG_CODES } from './limits';
import { localisedFieldTemplate } from './locale-text';
import { managementRequest, SIGNED_IN_USER, usersByEmail } from './management-api-request';
import { otpReference } from './otp-reference';
import { sendEmailAction } from './send-email-action';
import { accountUnchanged, journeyGuards, journeyStillFresh, readSignedInUser } from './send-code-flow';
import type { FlowAction, FlowBody } from './types';

const pending = template(vars(FLOW_VARS.pendingEmail));

/** After a wrong code: the count, and the notice the code step shows (or the lock after the last). */
function wrongCode(): FlowAction[] {
  const counts = Array.from({ length: MAX_WRONG_CODES - 1 }, (_, i) => i + 1);
  return [
    storeVars('count_wrong_code', { [FLOW_VARS.wrongCodes]: incremented(FLOW_VARS.wrongCodes) }),
    counts.reduceRight<FlowAction>(
      (otherwise, count) =>
        ifThen(
          `after_wrong_code_${count}`,
          counterIs(FLOW_VARS.wrongCodes, count),
          [
            localisedStoreVars(`notice_wrong_code_${count}`, (locale) => ({
              [FLOW_VARS.codeNotice]: wrongCodeMessage(MAX_WRONG_CODES - count)[locale],
            })),
          ],
          [otherwise],
        ),
      localisedStoreVars('last_wrong_code', (locale) => ({
        [FLOW_VARS.codeNotice]: FLOW_MESSAGES.lastWrongCode[locale],
        [FLOW_VARS.verifyState]: VERIFY_LOCKED,
      })),
    ),
  ];
}

/**
 * The previous change's notice status as it moves to c2: its own, or the fate recorded for it in
 * app_metadata.email_change_notice (written after its notice), so history keeps every change's.
 */
function previousNoticeStatus(readId: string): FlowAction[] {
  const metadata = `actions.${readId}.body.app_metadata`;
  return [
    storeVars('previous_notice', {
      [FLOW_VARS.previousNotice]: `{{${metadata}.${HISTORY_KEY}.${HISTORY_SLOTS[0]}.old_address_notice ?? vars.none}}`,
    }),
    ifThen(
      'previous_notice_known',
      equals(
        `{{${metadata}.${NOTICE_KEY}.change_id ?? vars.none}}`,
        `{{${metadata}.${HISTORY_KEY}.${HISTORY_SLOTS[0]}.change_id ?? vars.none}}`,
      ),
      [
        storeVars('previous_notice_fate', {
          [FLOW_VARS.previousNotice]: `{{${metadata}.${NOTICE_KEY}.status ?? vars.none}}`,
        }),
      ],
    ),
  ];
}

/** The history after this change: the new entry in c1, each earlier slot moved down one, leaf by leaf. */
function historyAfterChange(readId: string): Record<string, Record<string, string>> {
  const entry: Record<string, string> = {
    kind: 'change',
    change_id: template(vars(FLOW_VARS.changeId)),
    journey_id: '{{vars.journey_id}}',
    previous_email: `{{actions.${readId}.body.email}}`,
    new_email: pending,
    changed_at: template(vars(FLOW_VARS.now)),
    old_address_notice: 'pending',
  };
  const slots: Record<string, Record<string, string>> = {};
  HISTORY_SLOTS.forEach((slot, i) => {
    slots[slot] = Object.fromEntries(
      HISTORY_FIELDS.map((field) => [
        field,
        i === 0
          ? (entry[field] ?? '')
          : i === 1 && field === 'old_address_notice'
            ? template(vars(FLOW_VARS.previousNotice))
            : `{{actions.${readId}.body.app_metadata.${HISTORY_KEY}.${HISTORY_SLOTS[i - 1]}.${field} ?? vars.none}}`,
      ]),
    );
  });
  return slots;
}

function change(): FlowAction[] {
  return [
    ...journeyStillFresh(),
    ...readSignedInUser('recheck_user'),
    ...accountUnchanged('recheck_user'),
    unless(
      'same_password',
      equals('{{actions.recheck_user.body.last_password_reset ?? vars.none}}', template(vars('password_reset_at'))),
      [localisedError('password_changed_since', FLOW_MESSAGES.accountChanged)],
    ),
    storeVars('describe_change', {
      [FLOW_VARS.changeId]: '{{functions.uuid()}}',
      [FLOW_VARS.oldAddressNotice]: 'failed',
    }),
    ...previousNoticeStatus('recheck_user'),
    managementRequest({
      id: 'update_user',
      method: 'PATCH',
      url: SIGNED_IN_USER,
      maskOutput: true,
      payload: {
        email: pending,
        email_verified: true,
        // The address is proven by the code: Auth0 must not send its own verification email.
        verify_email: false,
        app_metadata: { [HISTORY_KEY]: historyAfterChange('recheck_user') },
      },
    }),
    unless('updated', equals('{{actions.update_user.status}}', '200'), [
      // Auth0 answers 400 "The specified new email already exists" when another account took the
      // address since the code was sent (docs/platform-facts.md §4). Whether that answer is an output
      // or a failed action is unsaid (readings.ts, httpErrorStatus): look the address up again.
      usersByEmail('find_new_owner', pending),
      storeVars('count_new_owners', { [FLOW_VARS.owners]: '{{functions.length(actions.find_new_owner.body)}}' }),
      ifThen(
        'which_update_failure',
        equals(template(vars(FLOW_VARS.owners)), '0'),
        [localisedError('update_failed', FLOW_MESSAGES.updateFailed)],
        [localisedError('address_taken', FLOW_MESSAGES.addressTaken)],
      ),
    ]),
    storeVars('mark_completed', { [FLOW_VARS.outcome]: OUTCOME.completed }),
    chooseTemplates('choose_templates', ['notice-old']),
    sendEmailAction({
      id: 'notify_old_address',
      template: 'notice-old',
      to: '{{actions.recheck_user.body.email}}',
      data: {
        new_email: pending,
        changed_at: template(vars(FLOW_VARS.now)),
        change_id: template(vars(FLOW_VARS.changeId)),
        support_url: keyword('SUPPORT_URL'),
      },
    }),
    ifThen('old_address_notified', equals('{{actions.notify_old_address.success}}', 'true'), [
      storeVars('notice_sent', { [FLOW_VARS.oldAddressNotice]: 'sent' }),
    ]),
    // The notice's fate, next to the history entry it belongs to (npm run history shows both).
    managementRequest({
      id: 'record_notice',
      method: 'PATCH',
      url: SIGNED_IN_USER,
      maskOutput: true,
      payload: {
        app_metadata: {
          [NOTICE_KEY]: {
            change_id: template(vars(FLOW_VARS.changeId)),
            status: template(vars(FLOW_VARS.oldAddressNotice)),
            at: template(vars(FLOW_VARS.now)),
          },
        },
      },
    }),
  ];
}

export const verifyCodeFlow: FlowBody = {
  actions: [
    ...journeyGuards(),
    ifThen('refuse_if_no_code_sent', equals(pending, ''), [localisedError('no_code_sent', FLOW_MESSAGES.noCodeSent)]),
    {
      id: 'verify_code',
      type: 'OTP',
      action: 'VERIFY_CODE',
      params: {
        reference: otpReference(pending, template(vars(FLOW_VARS.sends))),
        code: localisedFieldTemplate('code'),
      },
    } as FlowAction,
    // EXPIRED is not a guess: it does not count as a wrong code.
    ifThen('refuse_expired_code', equals('{{actions.verify_code.result}}', 'EXPIRED'), [
      localisedError('code_expired', FLOW_MESSAGES.codeExpired),
    ]),
    ifThen('code_right', equals('{{actions.verify_code.valid}}', 'true'), change(), wrongCode()),
  ],
};
