// Template-language expressions over email addresses, built only from the helper functions the
// docs list (customize/forms/variables.mdx): that list has no toLowerCase and no trim.
// - Lower case: replaceAll once per letter A-Z. Addresses are ASCII here: the EMAIL field and
//   EMAIL/VERIFY_EMAIL refuse anything else, so no other letter has a case to fold.
// - Trim: the EMAIL field's value is trimmed before it reaches the flow (browsers strip leading
//   and trailing whitespace from <input type=email>; the local runtime does the same), and any
//   whitespace left inside is refused by the syntax check.
// UNCONFIRMED: nesting one helper call inside another's arguments, and the JavaScript meaning of
// split(value, '') (one element per character); the docs show neither, nor deny them.

const UPPER_CASE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** An expression (no braces) for `expression` in lower case. */
export function lowerCased(expression: string): string {
  return [...UPPER_CASE].reduce((inner, letter) => `functions.replaceAll(${inner}, '${letter}', '${letter.toLowerCase()}')`, expression);
}

/**
 * A template for the masked address, "j***@example.com": the first character, three stars and
 * everything from the "@" on. The "@" is found as the index of "@" among the characters.
 */
export function maskedEmailTemplate(expression: string): string {
  const at = `functions.indexOf(functions.split(${expression}, ''), '@')`;
  return `{{functions.substring(${expression}, 0, 1)}}***{{functions.substring(${expression}, ${at}, functions.length(${expression}))}}`;
}
