// The email-change form: the new address, then the code, then back to the login (docs/design.md
// "The flow" steps 4-6). Each step exists once per locale, reached by a router on vars.locale
// (see locale-text.ts); both locales run the same flows. Every step has a way out to the ending
// (a JUMP_BUTTON to $ending, as Auth0's community answer 163789 describes), so that a user who
// gives up reaches the app as email_change_cancelled; the code step can go back to the address.
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../templates/catalog';
import { equals } from './conditions';
import { FORM_TEXTS } from './form-texts';
import { FLOW_VARS, OUTCOME, VERIFY_LOCKED } from './journey-vars';
import { CODE_LENGTH, MAX_RESENDS, RESEND_WAIT_SECONDS } from './limits';
import { BRANCHED_LOCALES, isLocale, localisedId } from './locale-text';
import { RESEND_CODE_FLOW, SEND_CODE_FLOW, VERIFY_CODE_FLOW } from './names';
import type { FormBody, FormNode, FormRouter } from './types';

const NODE = {
  routeNewEmail: 'route_new_email',
  newEmail: 'step_new_email',
  sendCode: 'flow_send_code',
  routeCode: 'route_code',
  code: 'step_code',
  verifyCode: 'flow_verify_code',
  afterVerify: 'route_after_verify',
  routeLocked: 'route_locked',
  locked: 'step_locked',
} as const;

const ENDING = '$ending';

/** A router that sends each locale to its own copy of a step; the default locale is the fallback. */
function localeRouter(id: string, stepBase: string): FormRouter {
  return {
    id,
    type: 'ROUTER',
    config: {
      rules: BRANCHED_LOCALES.map((locale) => ({
        id: `${id}_${locale}`,
        alias: `locale ${locale}`,
        condition: isLocale(locale),
        next_node: localisedId(stepBase, locale),
      })),
      fallback: localisedId(stepBase, DEFAULT_LOCALE),
    },
  };
}

function jumpButton(id: string, locale: Locale, text: string, next: string) {
  return {
    id: localisedId(id, locale),
    category: 'BLOCK',
    type: 'JUMP_BUTTON',
    config: { text, next_node: next },
  } as const;
}

function newEmailStep(locale: Locale): FormNode {
  return {
    id: localisedId(NODE.newEmail, locale),
    type: 'STEP',
    alias: `new address (${locale})`,
    config: {
      components: [
        {
          id: localisedId('new_email_intro', locale),
          category: 'BLOCK',
          type: 'RICH_TEXT',
          config: { content: FORM_TEXTS.newEmailIntro[locale] },
        },
        {
          id: localisedId('new_email', locale),
          category: 'FIELD',
          type: 'EMAIL',
          label: FORM_TEXTS.newEmailLabel[locale],
          hint: FORM_TEXTS.newEmailHint[locale],
          required: true,
          config: {},
        },
        {
          id: localisedId('send_code', locale),
          category: 'BLOCK',
          type: 'NEXT_BUTTON',
          config: { text: FORM_TEXTS.sendCode[locale] },
        },
        jumpButton('cancel_new_email', locale, FORM_TEXTS.cancel[locale], ENDING),
      ],
      next_node: NODE.sendCode,
    },
  } as FormNode;
}

function codeStep(locale: Locale): FormNode {
  return {
    id: localisedId(NODE.code, locale),
    type: 'STEP',
    alias: `code (${locale})`,
    config: {
      components: [
        {
          id: localisedId('code_intro', locale),
          category: 'BLOCK',
          type: 'RICH_TEXT',
          config: { content: FORM_TEXTS.codeIntro[locale] },
        },
        {
          // TEXT, not NUMBER: a number loses the leading zeros of a code (docs/platform-facts.md §2).
          id: localisedId('code', locale),
          category: 'FIELD',
          type: 'TEXT',
          label: FORM_TEXTS.codeLabel[locale],
          hint: FORM_TEXTS.codeHint[locale],
          required: true,
          config: { min_length: CODE_LENGTH, max_length: CODE_LENGTH },
        },
        {
          id: localisedId('verify_code', locale),
          category: 'BLOCK',
          type: 'NEXT_BUTTON',
          config: { text: FORM_TEXTS.verify[locale] },
        },
        {
          id: localisedId('resend_code', locale),
          category: 'BLOCK',
          type: 'RESEND_BUTTON',
          config: {
            active_text: FORM_TEXTS.resendActive[locale],
            button_text: FORM_TEXTS.resendButton[locale],
            waiting_text: FORM_TEXTS.resendWaiting[locale],
            flow_id: RESEND_CODE_FLOW,
            max_attempts: MAX_RESENDS,
            waiting_time: RESEND_WAIT_SECONDS,
          },
        },
        jumpButton('other_address', locale, FORM_TEXTS.otherAddress[locale], NODE.routeNewEmail),
        jumpButton('cancel_code', locale, FORM_TEXTS.cancel[locale], ENDING),
      ],
      next_node: NODE.verifyCode,
    },
  } as FormNode;
}

/** After the last wrong code: what happened, and only the way back to the app. */
function lockedStep(locale: Locale): FormNode {
  return {
    id: localisedId(NODE.locked, locale),
    type: 'STEP',
    alias: `stopped (${locale})`,
    config: {
      components: [
        {
          id: localisedId('locked_intro', locale),
          category: 'BLOCK',
          type: 'RICH_TEXT',
          config: { content: FORM_TEXTS.lockedIntro[locale] },
        },
        jumpButton('back_to_app', locale, FORM_TEXTS.backToApp[locale], ENDING),
      ],
      next_node: ENDING,
    },
  } as FormNode;
}

/** Where the verify flow leads: the ending after a change, the stop after the last wrong code, else the code step again. */
const afterVerify: FormRouter = {
  id: NODE.afterVerify,
  type: 'ROUTER',
  config: {
    rules: [
      {
        id: 'changed',
        alias: 'email changed',
        condition: equals(`{{vars.${FLOW_VARS.outcome}}}`, OUTCOME.completed),
        next_node: ENDING,
      },
      {
        id: 'locked',
        alias: 'last wrong code',
        condition: equals(`{{vars.${FLOW_VARS.verifyState}}}`, VERIFY_LOCKED),
        next_node: NODE.routeLocked,
      },
    ],
    fallback: NODE.routeCode,
  },
};

export const emailChangeForm: FormBody = {
  languages: { primary: DEFAULT_LOCALE },
  start: { next_node: NODE.routeNewEmail },
  nodes: [
    localeRouter(NODE.routeNewEmail, NODE.newEmail),
    ...LOCALES.map(newEmailStep),
    { id: NODE.sendCode, type: 'FLOW', config: { flow_id: SEND_CODE_FLOW, next_node: NODE.routeCode } },
    localeRouter(NODE.routeCode, NODE.code),
    ...LOCALES.map(codeStep),
    { id: NODE.verifyCode, type: 'FLOW', config: { flow_id: VERIFY_CODE_FLOW, next_node: NODE.afterVerify } },
    afterVerify,
    localeRouter(NODE.routeLocked, NODE.locked),
    ...LOCALES.map(lockedStep),
  ],
  ending: { resume_flow: true },
};
