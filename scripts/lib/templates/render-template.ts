// Renders a template part with data, as SendGrid would: Handlebars with SendGrid's helpers
// only. Lint renders every part with its sample data; preview shows the result.
import { sendgridHandlebars } from './sendgrid-helpers';

const handlebars = sendgridHandlebars();

export function renderPart(text: string, data: Readonly<Record<string, unknown>>): string {
  // strict: false, as SendGrid: a missing value renders as nothing ("Object failure" in its
  // Handlebars reference) rather than failing the send.
  return handlebars.compile(text, { strict: false })(data);
}
