// Server-side validation of a step's fields before it continues, as Auth0 does ("field
// validation rules are applied and validated on the client-side and server-side": docs
// nodes-and-components.mdx, Next button): required, the EMAIL field's syntax, a TEXT field's
// min_length and max_length.
import type { Component } from './form-definition';
import { isEmailAddress } from './email-syntax';
import { PLATFORM_MESSAGES, type PlatformLanguage } from './platform-messages';
import { UnsupportedFeatureError } from './unsupported';

/**
 * A submitted value as the field holds it. An EMAIL field's value loses its leading and trailing
 * whitespace, as every browser does for <input type=email> (HTML standard, value sanitization
 * algorithm), so that the server sees what a browser would send.
 */
export function fieldValue(component: Component, submitted: unknown): string {
  const value = typeof submitted === 'string' ? submitted : '';
  return component.type === 'EMAIL' ? value.replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, '') : value;
}

const lengthLimit = (config: Record<string, unknown> | undefined, key: string): number | undefined => {
  const value = config?.[key];
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
};

/** The error to show under the field, or undefined when its value may continue. */
export function validateField(component: Component, value: string, language: PlatformLanguage): string | undefined {
  const messages = PLATFORM_MESSAGES[language];
  if (value === '') return component.required ? messages.required : undefined;
  switch (component.type) {
    case 'EMAIL':
      return isEmailAddress(value) ? undefined : messages.invalidEmail;
    case 'TEXT': {
      const min = lengthLimit(component.config, 'min_length');
      const max = lengthLimit(component.config, 'max_length');
      const length = [...value].length;
      if ((min !== undefined && length < min) || (max !== undefined && length > max)) {
        if (min !== undefined && min === max) return messages.exactLength(min);
        return min !== undefined && length < min ? messages.tooShort(min) : messages.tooLong(max as number);
      }
      return undefined;
    }
    default:
      throw new UnsupportedFeatureError(`validation of the ${component.type} field`, `component ${component.id}`);
  }
}
