// POST /v3/mail/send: checks the request as SendGrid does (messages from sendgrid/docs
// content/docs/API_Reference/Web_API_v3/Mail/errors.md), renders dynamic templates, and keeps
// every accepted message in the outbox, one per personalization (each is its own email).
import { parseBody } from '../shared/body';
import type { Reply, Request } from '../shared/router';
import type { TenantContext } from '../surface';
import type { EmailAddress, Json, OutboxMessage, SendgridTemplate, SendgridTemplateVersion } from '../state/types';
import { newSendgridMessageId } from '../shared/ids';
import { checkApiKey } from './api-key';
import { problem, type SendgridProblem, sendgridError } from './errors';
import { renderSendgridTemplate as renderTemplate } from '../../platform/sendgrid-handlebars';
import { emailLine } from '../state/terminal-lines';

// errors.md: at most 1000 personalizations and 1000 recipients per request, 10 categories,
// addresses of at most 320 characters.
export const MAX_PERSONALIZATIONS_PER_REQUEST = 1000;
export const MAX_RECIPIENTS_PER_REQUEST = 1000;
export const MAX_CATEGORIES_PER_MESSAGE = 10;
export const MAX_EMAIL_ADDRESS_CHARS = 320;

// docs/platform-facts.md §6: 403 with field "from" when the sender is not a verified identity.
export const UNVERIFIED_SENDER_MESSAGE =
  'The from address does not match a verified Sender Identity. Mail cannot be sent until this error is resolved. Visit https://sendgrid.com/docs/for-developers/sending-email/sender-identity/ to see the Sender Identity requirements';

const EMAIL_FORMAT = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;
const CR_OR_LF = /[\r\n]/;

type Body = Record<string, unknown>;

const isObject = (value: unknown): value is Body =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Values that end up in a mail header (addresses, names, subject) must not hold CR or LF: it
 * would let a value add headers. SendGrid documents this check only for attachment fields
 * ("cannot contain CRLF characters"); refusing here too is the safe reading (UNCONFIRMED).
 */
function headerSafe(value: string, field: string, problems: SendgridProblem[]): void {
  if (CR_OR_LF.test(value)) problems.push(problem(field, `The ${field} cannot contain CRLF characters.`));
}

function checkAddress(
  value: unknown,
  field: string,
  kind: string,
  problems: SendgridProblem[],
): EmailAddress | undefined {
  if (!isObject(value) || typeof value.email !== 'string') {
    problems.push(
      problem(
        field,
        `The ${kind} must at least have an email parameter with a valid email address and may also contain a name parameter. e.g. {"email": "example@example.com"} or {"email": "example@example.com", "name": "Example Recipient"}`,
      ),
    );
    return undefined;
  }
  const { email, name } = value;
  headerSafe(email, `${field}.email`, problems);
  if (!EMAIL_FORMAT.test(email))
    problems.push(
      problem(`${field}.email`, 'Does not contain a valid address.', `message.${field.replace(/\.\d+/g, '')}`),
    );
  if (email.length > MAX_EMAIL_ADDRESS_CHARS) {
    problems.push(
      problem(
        field,
        `The ${kind.split(' ')[0]} email exceeds the maximum total length of ${MAX_EMAIL_ADDRESS_CHARS} characters`,
      ),
    );
  }
  if (name !== undefined) {
    if (typeof name !== 'string') problems.push(problem(`${field}.name`, 'The name must be a string.'));
    else headerSafe(name, `${field}.name`, problems);
  }
  return typeof name === 'string' ? { email, name } : { email };
}

function checkRecipients(
  value: unknown,
  field: string,
  kind: 'to' | 'cc' | 'bcc',
  required: boolean,
  problems: SendgridProblem[],
): EmailAddress[] {
  if (value === undefined && !required) return [];
  if (!Array.isArray(value) || value.length === 0) {
    if (kind === 'to')
      problems.push(
        problem(field, 'The to parameter is required for all personalization objects.', 'message.personalizations'),
      );
    else
      problems.push(
        problem(
          field,
          `The ${kind} array, when used, must at least have an email parameter with a valid email address.`,
        ),
      );
    return [];
  }
  return value.flatMap((entry, j) => checkAddress(entry, `${field}.${j}`, `${kind} array`, problems) ?? []);
}

interface Personalization {
  to: EmailAddress[];
  cc: EmailAddress[];
  bcc: EmailAddress[];
  subject?: string;
  dynamicTemplateData?: Json;
  customArgs: Record<string, string>;
}

function checkCustomArgs(value: unknown, field: string, problems: SendgridProblem[]): Record<string, string> {
  if (value === undefined) return {};
  if (!isObject(value) || Object.values(value).some((v) => typeof v !== 'string')) {
    problems.push(
      problem(field, 'All values of custom arguments object must be strings', 'message.personalizations.custom_args'),
    );
    return {};
  }
  return value as Record<string, string>;
}

function checkPersonalizations(value: unknown, problems: SendgridProblem[]): Personalization[] {
  if (!Array.isArray(value) || value.length === 0) {
    problems.push(problem('personalizations', 'You must have at least one personalization.'));
    return [];
  }
  if (value.length > MAX_PERSONALIZATIONS_PER_REQUEST) {
    problems.push(
      problem(
        'personalizations',
        `The personalization block is limited to ${MAX_PERSONALIZATIONS_PER_REQUEST} personalizations per API request. You have provided ${value.length} personalizations. Please consider splitting this into multiple requests and resending your request.`,
      ),
    );
    return [];
  }
  const personalizations = value.map((entry, i): Personalization => {
    const field = `personalizations.${i}`;
    if (!isObject(entry)) {
      problems.push(
        problem(field, 'The to parameter is required for all personalization objects.', 'message.personalizations'),
      );
      return { to: [], cc: [], bcc: [], customArgs: {} };
    }
    const result: Personalization = {
      to: checkRecipients(entry.to, `${field}.to`, 'to', true, problems),
      cc: checkRecipients(entry.cc, `${field}.cc`, 'cc', false, problems),
      bcc: checkRecipients(entry.bcc, `${field}.bcc`, 'bcc', false, problems),
      customArgs: checkCustomArgs(entry.custom_args, `${field}.custom_args`, problems),
    };
    if (entry.subject !== undefined) {
      if (typeof entry.subject !== 'string' || entry.subject === '') {
        problems.push(
          problem(
            `${field}.subject`,
            'The subject of your email must be a string at least one character in length.',
            'message.personalizations.subject',
          ),
        );
      } else {
        headerSafe(entry.subject, `${field}.subject`, problems);
        result.subject = entry.subject;
      }
    }
    if (entry.dynamic_template_data !== undefined) {
      if (!isObject(entry.dynamic_template_data))
        problems.push(problem(`${field}.dynamic_template_data`, 'The dynamic_template_data must be an object.', null));
      else result.dynamicTemplateData = entry.dynamic_template_data as Json;
    }
    return result;
  });
  const recipients = personalizations.flatMap((p) => [...p.to, ...p.cc, ...p.bcc]);
  if (recipients.length > MAX_RECIPIENTS_PER_REQUEST) {
    problems.push(
      problem(
        'personalizations',
        `There is a limit of ${MAX_RECIPIENTS_PER_REQUEST} total recipients (to + cc + bcc) per request.`,
      ),
    );
  }
  personalizations.forEach((p) => {
    const seen = new Set<string>();
    for (const { email } of [...p.to, ...p.cc, ...p.bcc]) {
      const key = email.toLowerCase();
      if (seen.has(key)) {
        problems.push(
          problem(
            'personalizations',
            `Each unique email address in the personalizations array should only be included once. You have included ${email} more than once.`,
          ),
        );
      }
      seen.add(key);
    }
  });
  return personalizations;
}

function activeVersion(template: SendgridTemplate): SendgridTemplateVersion | undefined {
  return template.versions.find((v) => v.active === 1);
}

interface CheckedMail {
  from: EmailAddress;
  replyTo?: EmailAddress;
  personalizations: Personalization[];
  subject?: string;
  content: { type: string; value: string }[];
  template?: { template: SendgridTemplate; version: SendgridTemplateVersion };
  categories: string[];
  customArgs: Record<string, string>;
  sandbox: boolean;
}

function checkMail(context: TenantContext, body: Body): CheckedMail {
  const problems: SendgridProblem[] = [];
  const personalizations = checkPersonalizations(body.personalizations, problems);
  let from: EmailAddress | undefined;
  if (body.from === undefined) {
    problems.push(
      problem(
        'from',
        'The from object must be provided for every email send. It is an object that requires the email parameter, but may also contain a name parameter. e.g. {"email": "example@example.com"} or {"email": "example@example.com", "name": "Example Recipient"}',
      ),
    );
  } else {
    from = checkAddress(body.from, 'from', 'from object', problems);
  }
  const replyTo =
    body.reply_to === undefined ? undefined : checkAddress(body.reply_to, 'reply_to', 'reply_to object', problems);

  let template: CheckedMail['template'];
  if (body.template_id !== undefined) {
    if (typeof body.template_id !== 'string') {
      problems.push(
        problem('template_id', `The template ID must be a string, you provided ${JSON.stringify(body.template_id)}.`),
      );
    } else {
      const found = context.store.state.sendgrid.templates.find((t) => t.id === body.template_id);
      const version = found && activeVersion(found);
      if (!found)
        problems.push(
          problem(
            'template_id',
            `The Template ID must be a valid template id for your account. You provided ${body.template_id}.`,
          ),
        );
      else if (!version) problems.push(problem('template_id', 'Must be a valid template.'));
      else template = { template: found, version };
    }
  }

  let subject: string | undefined;
  if (body.subject !== undefined) {
    if (typeof body.subject !== 'string' || body.subject === '') {
      problems.push(problem('subject', 'The subject of your email must be a string at least one character in length.'));
    } else {
      headerSafe(body.subject, 'subject', problems);
      subject = body.subject;
    }
  }
  const templateHasSubject = template !== undefined && template.version.subject !== '';
  if (
    subject === undefined &&
    !templateHasSubject &&
    body.subject === undefined &&
    !personalizations.every((p) => p.subject !== undefined)
  ) {
    problems.push(
      problem(
        'subject',
        'The subject is required. You can get around this requirement if you use a template with a subject defined or if every personalization has a subject defined.',
      ),
    );
  }

  const content: { type: string; value: string }[] = [];
  if (body.content === undefined) {
    if (body.template_id === undefined) {
      problems.push(
        problem(
          'content',
          'The content param is required unless you are using a transactional template and have defined a template_ID.',
        ),
      );
    }
  } else if (!Array.isArray(body.content) || body.content.length === 0) {
    problems.push(
      problem(
        'content',
        'There must be at least one defined content block. We typically suggest both text/plain and text/html blocks are included, but only one block is required.',
      ),
    );
  } else {
    body.content.forEach((block: unknown, i) => {
      if (!isObject(block) || typeof block.type !== 'string' || block.type === '') {
        problems.push(
          problem(
            `content.${i}.type`,
            'A content type is required, this tells email clients how to display the email.',
          ),
        );
      } else if (typeof block.value !== 'string' || block.value === '') {
        problems.push(
          problem(`content.${i}.value`, 'The content value must be a string at least one character in length.'),
        );
      } else {
        content.push({ type: block.type, value: block.value });
      }
    });
  }

  let categories: string[] = [];
  if (body.categories !== undefined) {
    if (!Array.isArray(body.categories) || body.categories.some((c) => typeof c !== 'string')) {
      problems.push(problem('categories', 'Categories must be an array of strings.'));
    } else if (body.categories.length > MAX_CATEGORIES_PER_MESSAGE) {
      problems.push(
        problem(
          'categories',
          `There is a limit of ${MAX_CATEGORIES_PER_MESSAGE} categories for each email that is sent. You provided ${body.categories.length} categories.`,
        ),
      );
    } else {
      categories = body.categories as string[];
    }
  }
  const customArgs = checkCustomArgs(body.custom_args, 'custom_args', problems);

  let sandbox = false;
  const sandboxMode = isObject(body.mail_settings) ? body.mail_settings.sandbox_mode : undefined;
  if (isObject(sandboxMode) && sandboxMode.enable !== undefined) {
    if (typeof sandboxMode.enable !== 'boolean') {
      problems.push(
        problem('mail_settings.sandbox_mode.enable', 'The sandbox mode enable param should be a boolean value.'),
      );
    } else {
      sandbox = sandboxMode.enable;
    }
  }

  if (problems.length > 0 || !from) throw sendgridError(400, problems);
  return {
    from,
    ...(replyTo ? { replyTo } : {}),
    personalizations,
    ...(subject !== undefined ? { subject } : {}),
    content,
    ...(template ? { template } : {}),
    categories,
    customArgs,
    sandbox,
  };
}

function render(source: string, data: Json | undefined, field: string, templateId: string): string {
  try {
    return renderTemplate(source, data);
  } catch (error) {
    throw sendgridError(400, [
      problem(
        'template_id',
        `The local SendGrid could not render the ${field} of template ${templateId}: ${(error as Error).message}`,
        null,
      ),
    ]);
  }
}

function toOutbox(mail: CheckedMail, messageId: string, sentAt: string): OutboxMessage[] {
  return mail.personalizations.map((p, i) => {
    let subject = p.subject ?? mail.subject ?? '';
    let html = mail.content.find((c) => c.type === 'text/html')?.value;
    let text = mail.content.find((c) => c.type === 'text/plain')?.value;
    if (mail.template) {
      const { template, version } = mail.template;
      const data = p.dynamicTemplateData ?? {};
      if (version.subject !== '') subject = render(version.subject, data, 'subject', template.id);
      html = version.html_content === '' ? undefined : render(version.html_content, data, 'html_content', template.id);
      text =
        version.plain_content === '' ? undefined : render(version.plain_content, data, 'plain_content', template.id);
    }
    headerCheckAfterRender(subject, mail.template?.template.id);
    return {
      id: `${messageId}.${i}`,
      sent_at: sentAt,
      from: mail.from,
      ...(mail.replyTo ? { reply_to: mail.replyTo } : {}),
      to: p.to,
      cc: p.cc,
      bcc: p.bcc,
      subject,
      ...(html !== undefined ? { html } : {}),
      ...(text !== undefined ? { text } : {}),
      ...(mail.template
        ? { template_id: mail.template.template.id, template_version_id: mail.template.version.id }
        : {}),
      ...(p.dynamicTemplateData !== undefined ? { dynamic_template_data: p.dynamicTemplateData } : {}),
      categories: mail.categories,
      custom_args: { ...mail.customArgs, ...p.customArgs },
    };
  });
}

/** A subject rendered from data must not smuggle a header in either. */
function headerCheckAfterRender(subject: string, templateId: string | undefined): void {
  if (CR_OR_LF.test(subject)) {
    throw sendgridError(400, [
      problem('subject', `The subject rendered from template ${templateId ?? ''} cannot contain CRLF characters.`),
    ]);
  }
}

export function mailSend(context: TenantContext, request: Request): Reply {
  checkApiKey(context, request);
  const parsed = parseBody(request);
  if (!parsed.ok || !isObject(parsed.value)) {
    throw sendgridError(400, [problem(null, 'The request body must be a JSON object.', null)]);
  }
  const mail = checkMail(context, parsed.value);
  const verified = context.store.state.sendgrid.verifiedSenders;
  if (!verified.includes(mail.from.email.toLowerCase())) {
    throw sendgridError(403, [problem('from', UNVERIFIED_SENDER_MESSAGE, null)]);
  }
  const messageId = newSendgridMessageId();
  const messages = toOutbox(mail, messageId, new Date(context.now()).toISOString());
  // docs/platform-facts.md §6: sandbox mode validates and answers 200 without sending.
  if (mail.sandbox) return { status: 200 };
  context.store.mutate((state) => state.outbox.push(...messages));
  for (const message of messages) context.log(emailLine(message, mail.template?.template.name));
  return { status: 202, headers: { 'x-message-id': messageId } };
}
