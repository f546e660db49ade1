// Texts in every locale the bundle supports, and how a form or flow picks one by vars.locale.
// Auth0's form translations follow the browser's language (docs custom-messages-and-translation.mdx),
// not vars.locale, so the form branches with routers and the flows with BOOLEAN_CONDITION on
// {{vars.locale}}; any other value falls back to the default locale.
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../templates/catalog';
import { equals } from './conditions';
import type { Condition } from './types';

export type LocalisedText = Readonly<Record<Locale, string>>;

/** The locales that need a branch of their own: every one but the default, which is the fallback. */
export const BRANCHED_LOCALES: readonly Locale[] = LOCALES.filter((locale) => locale !== DEFAULT_LOCALE);

export function isLocale(locale: Locale): Condition {
  return equals('{{vars.locale}}', locale);
}

/** A component id per locale (ids are unique in a form), e.g. new_email_es. */
export function localisedId(base: string, locale: Locale): string {
  return `${base}_${locale}`;
}

/**
 * The value of a field that exists once per locale, as a template: `{{fields.a ?? fields.b}}`,
 * the one form of `??` the docs show (variables.mdx), so two locales at most.
 */
export function localisedFieldTemplate(base: string): string {
  const ids = [...BRANCHED_LOCALES, DEFAULT_LOCALE].map((locale) => `fields.${localisedId(base, locale)}`);
  if (ids.length > 2) throw new Error(`${base}: more than two locales need a router per locale, not a chain of ??`);
  return `{{${ids.join(' ?? ')}}}`;
}
