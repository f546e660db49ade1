// SendGrid v3 errors: {errors: [{message, field, help}]} (docs/platform-facts.md §6; sendgrid/docs
// content/docs/API_Reference/Web_API_v3/Mail/errors.md lists the mail send messages).
import { type Reply, ReplyError } from '../shared/router';

export interface SendgridProblem {
  readonly message: string;
  readonly field: string | null;
  /** The errors page anchor, e.g. "message.from"; null when SendGrid gives no help link. */
  readonly help: string | null;
}

const HELP_BASE = 'http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html#';

export const problem = (
  field: string | null,
  message: string,
  helpAnchor: string | null = field ? `message.${field.replace(/\.\d+/g, '')}` : null,
): SendgridProblem => ({
  field,
  message,
  help: helpAnchor ? `${HELP_BASE}${helpAnchor}` : null,
});

export function sendgridErrorReply(status: number, problems: readonly SendgridProblem[]): Reply {
  return { status, body: { errors: problems.map((p) => ({ message: p.message, field: p.field, help: p.help })) } };
}

export const sendgridError = (status: number, problems: readonly SendgridProblem[]): ReplyError =>
  new ReplyError(sendgridErrorReply(status, problems));
