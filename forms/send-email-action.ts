// The one place that decides how the flows send an email: HTTP/SEND_REQUEST to SendGrid's
// /v3/mail/send with an HTTP vault connection holding the API key as a Bearer token (docs
// customize/forms/vaults/http.mdx, flows/integrations/http-request.mdx). The body is SendGrid's
// own (dynamic template, personalizations); the output is HTTP/SEND_REQUEST's documented one, so
// the flow knows whether SendGrid took the email ({{actions.<id>.success}}). SendGrid stays the
// provider: its dynamic templates are the ones templates:push maintains.
import type { TemplateId } from '../templates/catalog';
import { templateSpec, templateVar } from './email-templates-by-locale';
import { keyword } from './keyword';
import { SENDGRID_VAULT_CONNECTION } from './names';
import type { FlowAction } from './types';

export interface SendEmailOptions {
  readonly id: string;
  readonly template: TemplateId;
  /** The recipient, a template such as "{{vars.pending_email}}". */
  readonly to: string;
  /** Exactly the variables the catalog lists for the template. */
  readonly data: Readonly<Record<string, unknown>>;
}

/** Throws at build time when a flow would send other variables than the template expects. */
export function checkTemplateData(template: TemplateId, data: Readonly<Record<string, unknown>>): void {
  const expected = Object.keys(templateSpec(template).variables).sort();
  const given = Object.keys(data).sort();
  if (expected.join(',') !== given.join(',')) {
    throw new Error(
      `the ${template} email gets ${given.join(', ') || 'nothing'}, but templates/catalog.ts lists ${expected.join(', ')}: send exactly those`,
    );
  }
}

/**
 * Sends the email, allowing failure: the caller decides on {{actions.<id>.success}}, which is
 * unset when the action failed and false when SendGrid refused, so both readings end the same.
 */
export function sendEmailAction(options: SendEmailOptions): FlowAction {
  checkTemplateData(options.template, options.data);
  return {
    id: options.id,
    type: 'HTTP',
    action: 'SEND_REQUEST',
    allow_failure: true,
    params: {
      connection_id: SENDGRID_VAULT_CONNECTION,
      // ##SENDGRID_API_URL##: https://api.sendgrid.com, or the local tenant's SendGrid stand-in.
      url: '##SENDGRID_API_URL##/v3/mail/send',
      method: 'POST',
      content_type: 'JSON',
      payload: {
        from: keyword<{ email: string; name?: string }>('SENDGRID_FROM'),
        personalizations: [{ to: [{ email: options.to }], dynamic_template_data: options.data }],
        template_id: `{{vars.${templateVar(options.template)}}}`,
      },
    },
  } as FlowAction;
}
