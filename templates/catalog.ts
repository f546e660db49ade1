// The emails the bundle sends, the variables each receives, and the locales each exists in.
// One list for the flows that send them (forms/), the template checks (templates:lint), the
// SendGrid push, and the keywords that carry each template's id per environment.
import { SUPPORTED_LOCALES } from '../actions/email-change/contract';

/** Every email exists in each locale the Action supports (the contract's list); the first is the default. */
export const LOCALES = SUPPORTED_LOCALES;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = LOCALES[0];

export type TemplateId = 'code' | 'notice-old' | 'address-in-use';

export interface TemplateSpec {
  readonly id: TemplateId;
  readonly description: string;
  /** Prefix of the keywords holding the SendGrid template id, one per locale: <prefix>_EN, ... */
  readonly keywordPrefix: string;
  /** Every variable the template may use, with what it holds: the flows send exactly these. */
  readonly variables: Readonly<Record<string, string>>;
}

export const TEMPLATES: readonly TemplateSpec[] = [
  {
    id: 'code',
    description: 'the one-time code, sent to the new address',
    keywordPrefix: 'SENDGRID_TEMPLATE_CODE',
    variables: {
      code: 'the 6-digit code, leading zeros kept',
      email: 'the new address the code proves',
      expires_in_minutes: 'how long the code stays valid',
    },
  },
  {
    id: 'notice-old',
    description: 'the notice to the old address once the email has changed',
    keywordPrefix: 'SENDGRID_TEMPLATE_NOTICE_OLD',
    variables: {
      new_email: 'the new address, in full: the owner of the old one must know where the account went',
      changed_at: 'when the change happened (ISO 8601, UTC)',
      change_id: 'the change id, the support reference',
      support_url: 'where to go if it was not them (https)',
    },
  },
  {
    id: 'address-in-use',
    description: 'sent instead of a code when another account already owns the address',
    keywordPrefix: 'SENDGRID_TEMPLATE_ADDRESS_IN_USE',
    variables: {
      email: 'the address someone tried to use',
      support_url: 'where to go if it was not them (https)',
    },
  },
];

export function templateKeyword(template: TemplateSpec, locale: Locale): string {
  return `${template.keywordPrefix}_${locale.toUpperCase()}`;
}

/** The template's name in SendGrid; templates:push finds templates by it. */
export function sendgridTemplateName(template: TemplateSpec, locale: Locale): string {
  return `email-change-${template.id}-${locale}`;
}
