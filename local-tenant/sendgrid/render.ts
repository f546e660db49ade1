// Dynamic templates are Handlebars (docs/platform-facts.md §6) with SendGrid's helpers. The helpers
// come from scripts/lib/templates/sendgrid-helpers.ts, the one place that says how SendGrid
// renders, so that templates:preview and the local SendGrid show the same email. A helper
// outside SendGrid's list is refused when the template is compiled, naming the helper.
import { SENDGRID_HELPERS, sendgridHandlebars } from '../../scripts/lib/templates/sendgrid-helpers';

const handlebars = sendgridHandlebars();
// Handlebars counts its own built-ins as known unless told otherwise: SendGrid's list decides.
const HANDLEBARS_BUILT_INS = ['if', 'unless', 'each', 'with', 'lookup', 'log'];
const COMPILE_OPTIONS = {
  knownHelpers: Object.fromEntries([...HANDLEBARS_BUILT_INS, ...SENDGRID_HELPERS].map((name) => [name, SENDGRID_HELPERS.has(name)])),
  knownHelpersOnly: true,
};

/** Compiles `source`, throwing Handlebars' message when it is not a valid template. */
export function checkTemplate(source: string): void {
  handlebars.precompile(source, COMPILE_OPTIONS);
}

/**
 * Renders `source` with `data`. Like SendGrid, {{x}} is HTML-escaped everywhere (subject and
 * plain text too, as SendGrid users report; UNCONFIRMED in the docs) and {{{x}}} is not.
 */
export function renderTemplate(source: string, data: unknown): string {
  return handlebars.compile(source, COMPILE_OPTIONS)(data ?? {});
}
