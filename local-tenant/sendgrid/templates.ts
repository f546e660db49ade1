// SendGrid's transactional templates: /v3/templates and their versions (twilio/sendgrid-oai
// spec/json/tsg_templates_v3.json).
import { createHash, randomUUID } from 'node:crypto';
import { parseBody } from '../shared/body';
import type { Reply, Request, Route } from '../shared/router';
import type { TenantContext } from '../surface';
import type { SendgridTemplate, SendgridTemplateVersion, TenantState } from '../state/types';
import { checkApiKey } from './api-key';
import { problem, sendgridError } from './errors';
import { checkSendgridTemplate as checkTemplate } from '../../platform/sendgrid-handlebars';

// docs (transactional templates): each account can create up to 300 templates, and have up to
// 300 versions across all its templates (docs/platform-facts.md §6).
export const MAX_TEMPLATES_PER_ACCOUNT = 300;
export const MAX_TEMPLATE_VERSIONS_PER_ACCOUNT = 300;
// tsg_templates_v3.json: name at most 100 characters, subject at most 255, page_size 1 to 200.
export const MAX_TEMPLATE_NAME_CHARS = 100;
export const MAX_TEMPLATE_SUBJECT_CHARS = 255;
export const MAX_TEMPLATES_PAGE_SIZE = 200;
// tsg_templates_v3.json: html_content and plain_content at most 1,048,576 bytes each.
export const MAX_TEMPLATE_CONTENT_BYTES = 1_048_576;

/**
 * DEVIATION from SendGrid, which gives a new template a random id: the local stand-in derives
 * a dynamic template's id from its name ("d-" + the first 32 hex digits of sha256(name)), so
 * that pushing the same templates to a fresh local tenant always yields the same ids, which
 * config/local.json records. The price: names must be unique here (SendGrid allows twins).
 */
export function dynamicTemplateId(name: string): string {
  return `d-${createHash('sha256').update(name, 'utf8').digest('hex').slice(0, 32)}`;
}

/** SendGrid's "updated_at" format: "YYYY-MM-DD HH:MM:SS" (UTC). */
export const sendgridTimestamp = (ms: number): string => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

function bodyObject(request: Request): Record<string, unknown> {
  const parsed = parseBody(request);
  if (!parsed.ok)
    throw sendgridError(400, [problem(null, `The request body is not valid JSON: ${parsed.problem}`, null)]);
  const value = parsed.value ?? {};
  if (typeof value !== 'object' || Array.isArray(value))
    throw sendgridError(400, [problem(null, 'The request body must be a JSON object.', null)]);
  return value as Record<string, unknown>;
}

// SendGrid does not document the body of a 404 here; this one says which id is unknown.
function findTemplate(state: TenantState, id: string): SendgridTemplate {
  const template = state.sendgrid.templates.find((t) => t.id === id);
  if (!template) throw sendgridError(404, [problem(null, `Template ${id} not found.`, null)]);
  return template;
}

function findVersion(template: SendgridTemplate, versionId: string): SendgridTemplateVersion {
  const version = template.versions.find((v) => v.id === versionId);
  if (!version)
    throw sendgridError(404, [problem(null, `Version ${versionId} of template ${template.id} not found.`, null)]);
  return version;
}

function checkName(name: unknown, field = 'name'): string {
  if (typeof name !== 'string' || name.trim() === '')
    throw sendgridError(400, [problem(field, `${field} is required and must be a non-empty string.`, null)]);
  if (name.length > MAX_TEMPLATE_NAME_CHARS)
    throw sendgridError(400, [problem(field, `${field} must be at most ${MAX_TEMPLATE_NAME_CHARS} characters.`, null)]);
  return name;
}

/** The version fields of a POST or PATCH body, checked; Handlebars that does not compile is refused. */
function versionFields(body: Record<string, unknown>, creating: boolean): Partial<SendgridTemplateVersion> {
  const fields: Partial<SendgridTemplateVersion> = {};
  if (creating || body.name !== undefined) fields.name = checkName(body.name);
  if (creating || body.subject !== undefined) {
    if (typeof body.subject !== 'string')
      throw sendgridError(400, [problem('subject', 'subject is required and must be a string.', null)]);
    if (body.subject.length > MAX_TEMPLATE_SUBJECT_CHARS)
      throw sendgridError(400, [
        problem('subject', `subject must be at most ${MAX_TEMPLATE_SUBJECT_CHARS} characters.`, null),
      ]);
    fields.subject = body.subject;
  }
  for (const key of ['html_content', 'plain_content', 'test_data'] as const) {
    const value = body[key];
    if (value === undefined) continue;
    if (typeof value !== 'string') throw sendgridError(400, [problem(key, `${key} must be a string.`, null)]);
    if (key !== 'test_data' && Buffer.byteLength(value) > MAX_TEMPLATE_CONTENT_BYTES) {
      throw sendgridError(400, [problem(key, `${key} must be at most ${MAX_TEMPLATE_CONTENT_BYTES} bytes.`, null)]);
    }
    fields[key] = value;
  }
  if (fields.test_data !== undefined) {
    try {
      JSON.parse(fields.test_data);
    } catch {
      throw sendgridError(400, [problem('test_data', 'test_data must be a JSON string.', null)]);
    }
  }
  // SendGrid checks Handlebars when a version is saved; the exact message is not documented.
  for (const key of ['subject', 'html_content', 'plain_content'] as const) {
    const source = fields[key];
    if (source === undefined) continue;
    try {
      checkTemplate(source);
    } catch (error) {
      throw sendgridError(400, [
        problem(key, `${key} is not a valid Handlebars template: ${(error as Error).message}`, null),
      ]);
    }
  }
  if (body.active !== undefined) {
    if (body.active !== 0 && body.active !== 1)
      throw sendgridError(400, [problem('active', 'active must be 0 or 1.', null)]);
    fields.active = body.active;
  }
  if (body.generate_plain_content !== undefined) fields.generate_plain_content = body.generate_plain_content === true;
  if (body.editor !== undefined) {
    if (body.editor !== 'code' && body.editor !== 'design')
      throw sendgridError(400, [problem('editor', 'editor must be "code" or "design".', null)]);
    fields.editor = body.editor;
  }
  return fields;
}

/** With generate_plain_content, SendGrid makes the plain text from the HTML. */
function plainFromHtml(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|h[1-6]|li|tr)>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function activate(template: SendgridTemplate, versionId: string): void {
  for (const v of template.versions) v.active = v.id === versionId ? 1 : 0;
}

const versionCount = (state: TenantState): number =>
  state.sendgrid.templates.reduce((n, t) => n + t.versions.length, 0);

function listTemplates(context: TenantContext, request: Request): Reply {
  const pageSizeRaw = request.query.get('page_size');
  const pageSize = Number(pageSizeRaw);
  if (pageSizeRaw === null || !Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_TEMPLATES_PAGE_SIZE) {
    throw sendgridError(400, [
      problem(
        'page_size',
        `page_size is required and must be a whole number from 1 to ${MAX_TEMPLATES_PAGE_SIZE}.`,
        null,
      ),
    ]);
  }
  // tsg_templates_v3.json: `generations` defaults to "legacy".
  const generations = (request.query.get('generations') ?? 'legacy').split(',');
  const all = context.store.state.sendgrid.templates.filter((t) => generations.includes(t.generation));
  const token = request.query.get('page_token');
  const start = token ? Number(Buffer.from(token, 'base64url').toString('utf8')) : 0;
  if (!Number.isInteger(start) || start < 0)
    throw sendgridError(400, [problem('page_token', 'page_token is not one this API returned.', null)]);
  const page = all.slice(start, start + pageSize);
  const self = `${context.httpsUrl}/v3/templates`;
  const next = start + pageSize < all.length ? Buffer.from(String(start + pageSize)).toString('base64url') : undefined;
  return {
    status: 200,
    body: {
      result: structuredClone(page),
      _metadata: {
        self,
        count: all.length,
        ...(next
          ? {
              next: `${self}?${new URLSearchParams({ generations: generations.join(','), page_size: String(pageSize), page_token: next })}`,
            }
          : {}),
      },
    },
  };
}

export function templateRoutes(context: TenantContext): Route[] {
  const authed =
    (handler: (request: Request) => Reply) =>
    (request: Request): Reply => {
      checkApiKey(context, request);
      return handler(request);
    };
  const now = (): string => sendgridTimestamp(context.now());
  const route = (method: Route['method'], pattern: string, handler: (request: Request) => Reply): Route => ({
    method,
    pattern,
    faultKind: 'sendgrid.templates',
    handler: authed(handler),
  });
  return [
    route('GET', '/v3/templates', (request) => listTemplates(context, request)),
    route('POST', '/v3/templates', (request) => {
      const body = bodyObject(request);
      const name = checkName(body.name);
      const generation = body.generation ?? 'legacy';
      if (generation !== 'legacy' && generation !== 'dynamic')
        throw sendgridError(400, [problem('generation', 'generation must be "legacy" or "dynamic".', null)]);
      const state = context.store.state;
      if (state.sendgrid.templates.length >= MAX_TEMPLATES_PER_ACCOUNT) {
        throw sendgridError(400, [
          problem(null, `An account can have at most ${MAX_TEMPLATES_PER_ACCOUNT} templates; delete one first.`, null),
        ]);
      }
      const id = generation === 'dynamic' ? dynamicTemplateId(name) : randomUUID();
      const twin = state.sendgrid.templates.find((t) => t.id === id || (generation === 'dynamic' && t.name === name));
      if (twin) {
        throw sendgridError(400, [
          problem(
            'name',
            `The local SendGrid derives template ids from names, so names must be unique: "${name}" is already template ${twin.id}.`,
            null,
          ),
        ]);
      }
      const template: SendgridTemplate = { id, name, generation, updated_at: now(), versions: [] };
      context.store.mutate((s) => s.sendgrid.templates.push(template));
      return { status: 201, body: structuredClone(template) };
    }),
    route('GET', '/v3/templates/:id', (request) => ({
      status: 200,
      body: structuredClone(findTemplate(context.store.state, request.params.id as string)),
    })),
    route('PATCH', '/v3/templates/:id', (request) => {
      const name = checkName(bodyObject(request).name);
      findTemplate(context.store.state, request.params.id as string);
      const updated = context.store.mutate((s) => {
        const template = findTemplate(s, request.params.id as string);
        template.name = name;
        template.updated_at = now();
        return structuredClone(template);
      });
      return { status: 200, body: updated };
    }),
    route('DELETE', '/v3/templates/:id', (request) => {
      findTemplate(context.store.state, request.params.id as string);
      context.store.mutate((s) => {
        s.sendgrid.templates = s.sendgrid.templates.filter((t) => t.id !== request.params.id);
      });
      return { status: 204 };
    }),
    route('POST', '/v3/templates/:id/versions', (request) => {
      const fields = versionFields(bodyObject(request), true);
      const state = context.store.state;
      findTemplate(state, request.params.id as string);
      if (versionCount(state) >= MAX_TEMPLATE_VERSIONS_PER_ACCOUNT) {
        throw sendgridError(400, [
          problem(
            null,
            `An account can have at most ${MAX_TEMPLATE_VERSIONS_PER_ACCOUNT} template versions across all templates; delete one or edit a version in place.`,
            null,
          ),
        ]);
      }
      const created = context.store.mutate((s) => {
        const template = findTemplate(s, request.params.id as string);
        const html = fields.html_content ?? '';
        const generatePlain = fields.generate_plain_content ?? true;
        const version: SendgridTemplateVersion = {
          id: randomUUID(),
          template_id: template.id,
          // tsg_templates_v3.json: the first version of a template is active.
          active: template.versions.length === 0 ? 1 : (fields.active ?? 0),
          name: fields.name as string,
          subject: fields.subject as string,
          html_content: html,
          plain_content:
            generatePlain && fields.plain_content === undefined ? plainFromHtml(html) : (fields.plain_content ?? ''),
          generate_plain_content: generatePlain,
          editor: fields.editor ?? 'code',
          ...(fields.test_data !== undefined ? { test_data: fields.test_data } : {}),
          updated_at: now(),
        };
        template.versions.push(version);
        if (version.active === 1) activate(template, version.id);
        template.updated_at = version.updated_at;
        return structuredClone(version);
      });
      return { status: 201, body: created };
    }),
    route('GET', '/v3/templates/:id/versions/:versionId', (request) => ({
      status: 200,
      body: structuredClone(
        findVersion(findTemplate(context.store.state, request.params.id as string), request.params.versionId as string),
      ),
    })),
    route('PATCH', '/v3/templates/:id/versions/:versionId', (request) => {
      const fields = versionFields(bodyObject(request), false);
      findVersion(findTemplate(context.store.state, request.params.id as string), request.params.versionId as string);
      const updated = context.store.mutate((s) => {
        const template = findTemplate(s, request.params.id as string);
        const version = findVersion(template, request.params.versionId as string);
        const { active, ...rest } = fields;
        Object.assign(version, rest);
        if (fields.html_content !== undefined && version.generate_plain_content && fields.plain_content === undefined) {
          version.plain_content = plainFromHtml(version.html_content);
        }
        if (active === 1) activate(template, version.id);
        else if (active === 0) version.active = 0;
        version.updated_at = now();
        template.updated_at = version.updated_at;
        return structuredClone(version);
      });
      return { status: 200, body: updated };
    }),
    route('DELETE', '/v3/templates/:id/versions/:versionId', (request) => {
      findVersion(findTemplate(context.store.state, request.params.id as string), request.params.versionId as string);
      context.store.mutate((s) => {
        const template = findTemplate(s, request.params.id as string);
        template.versions = template.versions.filter((v) => v.id !== request.params.versionId);
      });
      return { status: 204 };
    }),
    route('POST', '/v3/templates/:id/versions/:versionId/activate', (request) => {
      findVersion(findTemplate(context.store.state, request.params.id as string), request.params.versionId as string);
      const activated = context.store.mutate((s) => {
        const template = findTemplate(s, request.params.id as string);
        activate(template, request.params.versionId as string);
        template.updated_at = now();
        return structuredClone(findVersion(template, request.params.versionId as string));
      });
      return { status: 200, body: activated };
    }),
  ];
}
