// The messages the platform itself shows (field validation, a failed flow, the resend button's
// limits), in the languages this runtime speaks. Auth0 has its own wording, customisable in the
// form's Errors tab and translated by the browser's language (docs
// custom-messages-and-translation.mdx); its exact texts are UNCONFIRMED, so these say the same
// things in this project's words.

export const PLATFORM_LANGUAGES = ['en', 'es'] as const;
export type PlatformLanguage = (typeof PLATFORM_LANGUAGES)[number];

export function platformLanguage(language: string | undefined, fallback: string | undefined): PlatformLanguage {
  const pick = (value: string | undefined) => PLATFORM_LANGUAGES.find((l) => value?.toLowerCase().split('-')[0] === l);
  return pick(language) ?? pick(fallback) ?? 'en';
}

interface Messages {
  required: string;
  invalidEmail: string;
  tooShort: (min: number) => string;
  tooLong: (max: number) => string;
  exactLength: (length: number) => string;
  flowFailed: string;
  resendTooSoon: (seconds: number) => string;
  resendExhausted: string;
}

export const PLATFORM_MESSAGES: Readonly<Record<PlatformLanguage, Messages>> = {
  en: {
    required: 'Fill in this field.',
    invalidEmail: 'Enter a valid email address, such as name@example.com.',
    tooShort: (min) => `Enter at least ${min} characters.`,
    tooLong: (max) => `Enter no more than ${max} characters.`,
    exactLength: (length) => `Enter exactly ${length} characters.`,
    flowFailed: 'Something went wrong on our side. Please try again in a moment.',
    resendTooSoon: (seconds) => `Wait ${seconds} seconds before asking again.`,
    resendExhausted: 'You cannot ask again from this page.',
  },
  es: {
    required: 'Rellena este campo.',
    invalidEmail: 'Introduce una dirección de correo electrónico válida, como nombre@ejemplo.com.',
    tooShort: (min) => `Introduce al menos ${min} caracteres.`,
    tooLong: (max) => `Introduce como máximo ${max} caracteres.`,
    exactLength: (length) => `Introduce exactamente ${length} caracteres.`,
    flowFailed: 'Algo ha fallado por nuestra parte. Vuelve a intentarlo en un momento.',
    resendTooSoon: (seconds) => `Espera ${seconds} segundos antes de volver a pedirlo.`,
    resendExhausted: 'No puedes volver a pedirlo desde esta página.',
  },
};
