// Flow "verify and update" (design.md "The flow" step 5). The code is checked against the
// pending address in vars, never a field, and the user changed is always the signed-in one
// ({{context.user.user_id}}). Each wrong code is counted; after MAX_WRONG_CODES the journey is
// over. A journey changes the email at most once.
import { MAX_WRONG_CODES } from './limits';
import { atLeast, differs, doesNotExist, equals, exists, greaterThan } from './conditions';
import { chooseTemplates } from './email-templates-by-locale';
import { FLOW_MESSAGES, wrongCodeMessage } from './flow-messages';
import { ifThen, localisedError, storeVars } from './flow-logic-actions';
import { countOf, incremented } from './journey-counters';
import { AUDIT_APP_METADATA_KEY, FLOW_VARS, OUTCOME, template, vars } from './journey-vars';
import { keyword } from './keyword';
import { localisedFieldExpression } from './locale-text';
import { AUTH0_VAULT_CONNECTION } from './names';
import { otpReference } from './otp-reference';
import { sendEmailAction } from './send-email-action';
import { readSignedInUser, usersByEmailRequest } from './send-code-flow';
import type { FlowAction, FlowBody } from './types';

const pending = vars(FLOW_VARS.pendingEmail);

/** After a wrong code: how many attempts are left, or that none is. */
function wrongCodeMessages(): FlowAction {
  const counts = Array.from({ length: MAX_WRONG_CODES - 1 }, (_, i) => i + 1);
  return counts.reduceRight<FlowAction>(
    (otherwise, count) =>
      ifThen(`after_wrong_code_${count}`, equals(template(countOf(FLOW_VARS.wrongCodes)), count), [
        localisedError(`wrong_code_${count}`, wrongCodeMessage(MAX_WRONG_CODES - count)),
      ], [otherwise]),
    localisedError('last_wrong_code', FLOW_MESSAGES.lastWrongCode),
  );
}

export const verifyCodeFlow: FlowBody = {
  actions: [
    ifThen('refuse_if_changed', equals(template(vars(FLOW_VARS.outcome)), OUTCOME.completed), [
      localisedError('already_changed', FLOW_MESSAGES.alreadyChanged),
    ]),
    ifThen('refuse_if_locked', atLeast(template(countOf(FLOW_VARS.wrongCodes)), MAX_WRONG_CODES), [
      localisedError('too_many_wrong_codes', FLOW_MESSAGES.tooManyWrongCodes),
    ]),
    ifThen('refuse_if_no_code_sent', doesNotExist(template(pending)), [localisedError('no_code_sent', FLOW_MESSAGES.noCodeSent)]),
    {
      id: 'verify_code',
      type: 'OTP',
      action: 'VERIFY_CODE',
      params: { reference: otpReference(pending, vars(FLOW_VARS.sends)), code: template(localisedFieldExpression('code')) },
    },
    // EXPIRED is not a guess: it does not count as a wrong code.
    ifThen('refuse_expired_code', equals('{{actions.verify_code.result}}', 'EXPIRED'), [localisedError('code_expired', FLOW_MESSAGES.codeExpired)]),
    ifThen('refuse_wrong_code', differs('{{actions.verify_code.valid}}', true), [
      storeVars('count_wrong_code', { [FLOW_VARS.wrongCodes]: template(incremented(FLOW_VARS.wrongCodes)) }),
      wrongCodeMessages(),
    ]),
    // The journey is as old as the sign-in that opened it: refused once the freshness limit has
    // passed (vars.fresh_minutes, from the Action: the template language cannot compare times).
    storeVars('clock', { [FLOW_VARS.now]: '{{functions.now()}}' }),
    storeVars('this_minute', { [FLOW_VARS.minuteNow]: `{{functions.substring(${vars(FLOW_VARS.now)}, 0, 16)}}` }),
    ifThen('refuse_stale_journey', equals(`{{functions.includes(vars.fresh_minutes, ${vars(FLOW_VARS.minuteNow)})}}`, false), [
      localisedError('journey_expired', FLOW_MESSAGES.journeyExpired),
    ]),
    // The account as it is now, not as the form found it: the owner's remedies (a block, a new
    // password) and another journey's change stop this one, and nothing is written.
    readSignedInUser('recheck_user'),
    ifThen('refuse_blocked_user', equals('{{actions.recheck_user.blocked}}', true), [localisedError('blocked_user', FLOW_MESSAGES.accountChanged)]),
    ifThen('refuse_other_address', differs('{{actions.recheck_user.email}}', template(vars('current_email'))), [
      localisedError('address_changed_since', FLOW_MESSAGES.accountChanged),
    ]),
    ifThen('refuse_new_password', differs('{{actions.recheck_user.last_password_reset ?? vars.none}}', template(vars('password_reset_at'))), [
      localisedError('password_changed_since', FLOW_MESSAGES.accountChanged),
    ]),
    storeVars('describe_change', {
      [FLOW_VARS.previousEmail]: '{{actions.recheck_user.email}}',
      [FLOW_VARS.changeId]: '{{functions.uuid()}}',
      [FLOW_VARS.changedAt]: '{{functions.now()}}',
    }),
    {
      id: 'update_user',
      type: 'AUTH0',
      action: 'UPDATE_USER',
      // Its failure is examined below, to tell "address taken" from "try again later".
      allow_failure: true,
      mask_output: true,
      params: {
        connection_id: AUTH0_VAULT_CONNECTION,
        user_id: '{{context.user.user_id}}',
        changes: {
          email: template(pending),
          email_verified: true,
          // The address is proven by the code: Auth0 must not send its own verification email.
          verify_email: false,
          app_metadata: {
            [AUDIT_APP_METADATA_KEY]: {
              previous_email: template(vars(FLOW_VARS.previousEmail)),
              changed_at: template(vars(FLOW_VARS.changedAt)),
              change_id: template(vars(FLOW_VARS.changeId)),
            },
          },
        },
      },
    },
    // Success is proven, not assumed: the output of UPDATE_USER is the updated user (docs
    // flows/integrations/auth0.mdx points to PATCH /users/{id}), which holds the new address.
    ifThen('refuse_failed_update', differs('{{actions.update_user.email}}', template(pending)), [
      // Auth0 answers 400 "The specified new email already exists" (platform-facts.md §4) when
      // another account took the address since the code was sent: look again to say which.
      usersByEmailRequest('find_new_owner', pending, { allowFailure: true }),
      ifThen(
        'which_update_failure',
        greaterThan('{{functions.length(actions.find_new_owner)}}', 0),
        [localisedError('address_taken', FLOW_MESSAGES.addressTaken)],
        [localisedError('update_failed', FLOW_MESSAGES.updateFailed)],
      ),
    ]),
    storeVars('mark_completed', { [FLOW_VARS.outcome]: OUTCOME.completed }),
    chooseTemplates('choose_templates', ['notice-old']),
    sendEmailAction({
      id: 'notify_old_address',
      template: 'notice-old',
      to: template(vars(FLOW_VARS.previousEmail)),
      data: {
        masked_new_email: template(vars(FLOW_VARS.maskedPendingEmail)),
        changed_at: template(vars(FLOW_VARS.changedAt)),
        change_id: template(vars(FLOW_VARS.changeId)),
        support_url: keyword('SUPPORT_URL'),
      },
      allowFailure: true,
    }),
    ifThen(
      'record_old_address_notice',
      exists('{{actions.notify_old_address}}'),
      [storeVars('old_address_notice_sent', { [FLOW_VARS.oldAddressNotice]: 'sent' })],
      [storeVars('old_address_notice_failed', { [FLOW_VARS.oldAddressNotice]: 'failed' })],
    ),
  ],
};
