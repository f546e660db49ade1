// The email-change form: the new address, then the code, then back to the login (design.md
// "The flow" steps 4-6). Each step exists once per locale, reached by a router on vars.locale
// (see locale-text.ts); both locales run the same flows.
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../templates/catalog';
import { allOf } from './conditions';
import { FORM_TEXTS } from './form-texts';
import { CODE_LENGTH, MAX_RESENDS, RESEND_WAIT_SECONDS } from './limits';
import { BRANCHED_LOCALES, isLocale, localisedId } from './locale-text';
import { SEND_CODE_FLOW, VERIFY_CODE_FLOW } from './names';
import type { FormBody, FormNode, FormRouter } from './types';

const NODE = {
  routeNewEmail: 'route_new_email',
  newEmail: 'step_new_email',
  sendCode: 'flow_send_code',
  routeCode: 'route_code',
  code: 'step_code',
  verifyCode: 'flow_verify_code',
} as const;

/** A router that sends each locale to its own copy of a step; the default locale is the fallback. */
function localeRouter(id: string, stepBase: string): FormRouter {
  return {
    id,
    type: 'ROUTER',
    config: {
      rules: BRANCHED_LOCALES.map((locale) => ({
        id: `${id}_${locale}`,
        alias: `locale ${locale}`,
        condition: allOf(isLocale(locale)),
        next_node: localisedId(stepBase, locale),
      })),
      fallback: localisedId(stepBase, DEFAULT_LOCALE),
    },
  };
}

function newEmailStep(locale: Locale): FormNode {
  return {
    id: localisedId(NODE.newEmail, locale),
    type: 'STEP',
    alias: `new address (${locale})`,
    config: {
      components: [
        { id: localisedId('new_email_intro', locale), category: 'BLOCK', type: 'RICH_TEXT', config: { content: FORM_TEXTS.newEmailIntro[locale] } },
        {
          id: localisedId('new_email', locale),
          category: 'FIELD',
          type: 'EMAIL',
          label: FORM_TEXTS.newEmailLabel[locale],
          hint: FORM_TEXTS.newEmailHint[locale],
          required: true,
          config: {},
        },
        { id: localisedId('send_code', locale), category: 'BLOCK', type: 'NEXT_BUTTON', config: { text: FORM_TEXTS.sendCode[locale] } },
      ],
      next_node: NODE.sendCode,
    },
  };
}

function codeStep(locale: Locale): FormNode {
  return {
    id: localisedId(NODE.code, locale),
    type: 'STEP',
    alias: `code (${locale})`,
    config: {
      components: [
        { id: localisedId('code_intro', locale), category: 'BLOCK', type: 'RICH_TEXT', config: { content: FORM_TEXTS.codeIntro[locale] } },
        {
          // TEXT, not NUMBER: a number loses the leading zeros of a code (platform-facts.md §2).
          id: localisedId('code', locale),
          category: 'FIELD',
          type: 'TEXT',
          label: FORM_TEXTS.codeLabel[locale],
          hint: FORM_TEXTS.codeHint[locale],
          required: true,
          config: { min_length: CODE_LENGTH, max_length: CODE_LENGTH },
        },
        {
          id: localisedId('resend_code', locale),
          category: 'BLOCK',
          type: 'RESEND_BUTTON',
          config: {
            active_text: FORM_TEXTS.resendActive[locale],
            button_text: FORM_TEXTS.resendButton[locale],
            waiting_text: FORM_TEXTS.resendWaiting[locale],
            flow_id: SEND_CODE_FLOW,
            max_attempts: MAX_RESENDS,
            waiting_time: RESEND_WAIT_SECONDS,
          },
        },
        { id: localisedId('verify_code', locale), category: 'BLOCK', type: 'NEXT_BUTTON', config: { text: FORM_TEXTS.verify[locale] } },
      ],
      next_node: NODE.verifyCode,
    },
  };
}

export const emailChangeForm: FormBody = {
  languages: { primary: DEFAULT_LOCALE },
  start: { next_node: NODE.routeNewEmail },
  nodes: [
    localeRouter(NODE.routeNewEmail, NODE.newEmail),
    ...LOCALES.map(newEmailStep),
    { id: NODE.sendCode, type: 'FLOW', config: { flow_id: SEND_CODE_FLOW, next_node: NODE.routeCode } },
    localeRouter(NODE.routeCode, NODE.code),
    ...LOCALES.map(codeStep),
    { id: NODE.verifyCode, type: 'FLOW', config: { flow_id: VERIFY_CODE_FLOW, next_node: '$ending' } },
  ],
  ending: { resume_flow: true },
};
