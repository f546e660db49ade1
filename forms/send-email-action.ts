// The one place that decides how the flows send an email.
//
// Today: SENDGRID/SEND_EMAIL through the SENDGRID vault connection, with params that mirror
// SendGrid's v3 /mail/send body (from, personalizations[].to and .dynamic_template_data,
// template_id). UNCONFIRMED: the exact param keys; no public export of this action was found
// (platform-facts.md §3). The documented alternative is HTTP/SEND_REQUEST to
// https://api.sendgrid.com/v3/mail/send with an HTTP vault connection (setup BEARER token): its
// body would be the same `mailBody` below, so switching is a change to this file and the vault
// connection in tenant.yaml.
//
// What the flows assume of the result (UNCONFIRMED too, nothing documents it): an action that
// fails without allow_failure fails the flow (the page shows an error and stays on the step:
// docs nodes-and-components.mdx); a successful send has an output and a failed one with
// allow_failure has none, which is how the notice to the old address records its fate.
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
  /** The flow goes on if the email fails (the old-address notice must never block the change). */
  readonly allowFailure?: boolean;
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

export function sendEmailAction(options: SendEmailOptions): FlowAction {
  checkTemplateData(options.template, options.data);
  const mailBody = {
    from: keyword<{ email: string; name?: string }>('SENDGRID_FROM'),
    personalizations: [{ to: [{ email: options.to }], dynamic_template_data: options.data }],
    template_id: `{{vars.${templateVar(options.template)}}}`,
  };
  return {
    id: options.id,
    type: 'SENDGRID',
    action: 'SEND_EMAIL',
    ...(options.allowFailure ? { allow_failure: true } : {}),
    params: { connection_id: SENDGRID_VAULT_CONNECTION, ...mailBody },
  };
}
