// Dynamic templates are Handlebars (platform-facts.md §6), with the helpers SendGrid documents
// (docs "Using Handlebars": equals, notEquals, and, or, greaterThan, lessThan, length). A
// helper SendGrid has and this list lacks fails the render with Handlebars' own message.
import Handlebars from 'handlebars';

const handlebars = Handlebars.create();

type BlockOptions = Handlebars.HelperOptions;
const block = (test: (...values: unknown[]) => boolean) =>
  function (this: unknown, ...args: unknown[]): string {
    const options = args.pop() as BlockOptions;
    return test(...args) ? options.fn(this) : options.inverse(this);
  };

handlebars.registerHelper('equals', block((a, b) => a == b)); // SendGrid compares loosely ("1" equals 1)
handlebars.registerHelper('notEquals', block((a, b) => a != b));
handlebars.registerHelper('greaterThan', block((a, b) => Number(a) > Number(b)));
handlebars.registerHelper('lessThan', block((a, b) => Number(a) < Number(b)));
handlebars.registerHelper('and', block((...values) => values.every(Boolean)));
handlebars.registerHelper('or', block((...values) => values.some(Boolean)));
handlebars.registerHelper('length', (value: unknown) =>
  Array.isArray(value) || typeof value === 'string' ? value.length : 0,
);

/** Compiles `source`, throwing Handlebars' message when it is not a valid template. */
export function checkTemplate(source: string): void {
  handlebars.precompile(source);
}

/**
 * Renders `source` with `data`. Like SendGrid, {{x}} is HTML-escaped everywhere (subject and
 * plain text too, as SendGrid users report; UNCONFIRMED in the docs) and {{{x}}} is not.
 */
export function renderTemplate(source: string, data: unknown): string {
  return handlebars.compile(source, { strict: false })(data ?? {});
}
