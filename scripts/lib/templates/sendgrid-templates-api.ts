// The I/O layer: SendGrid's dynamic template endpoints through @sendgrid/client
// (docs/platform-facts.md §6; paths and fields from twilio/sendgrid-oai tsg_templates_v3.yaml).
// Every failure becomes a SendgridApiError whose message says what was asked, what SendGrid
// answered, and what to do; the key is in no message.
import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import sendgridClient from '@sendgrid/client';
import { UserError } from '../user-error';
import type { SendgridTarget } from './sendgrid-target';

export interface RemoteVersion {
  readonly id: string;
  readonly active: boolean;
  readonly name: string;
  readonly subject: string;
  readonly html_content: string;
  readonly plain_content: string;
  readonly test_data?: string;
  readonly updated_at?: string;
}

export interface RemoteTemplate {
  readonly id: string;
  readonly name: string;
  readonly versions: readonly Pick<RemoteVersion, 'id' | 'active' | 'updated_at'>[];
}

/** What push writes into a version: SendGrid's field names. */
export interface VersionContent {
  readonly subject: string;
  readonly html_content: string;
  readonly plain_content: string;
  /** Our plain-text twin is written by hand: SendGrid must not regenerate it from the HTML. */
  readonly generate_plain_content: false;
  readonly test_data: string;
}

// The package exports a shared client instance with the class as a property; a client of our
// own per use keeps its key and base URL from leaking into anything else (docs/platform-facts.md §6).
const { Client } = sendgridClient as unknown as { Client: new () => typeof sendgridClient };
type Client = typeof sendgridClient;

export class SendgridApiError extends UserError {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

// GET /v3/templates: page_size is required, at most 200 (tsg_templates_v3.yaml).
const PAGE_SIZE = 200;
// Nothing bounds the pages SendGrid may return; a loop on a bad page_token must still end.
const MAX_PAGES = 50;
const REQUEST_TIMEOUT_MS = 30_000;

interface ResponseErrorLike {
  code: number;
  response?: { body?: unknown; headers?: Record<string, string> };
}

const isResponseError = (error: unknown): error is ResponseErrorLike =>
  typeof error === 'object' &&
  error !== null &&
  typeof (error as { code?: unknown }).code === 'number' &&
  'response' in error;

function sendgridMessages(body: unknown): string {
  const errors = (body as { errors?: { message?: unknown; field?: unknown }[] } | undefined)?.errors;
  if (!Array.isArray(errors) || errors.length === 0)
    return typeof body === 'string' && body !== '' ? body : 'no error message';
  return errors.map((e) => `${String(e.message ?? '')}${e.field ? ` (field ${String(e.field)})` : ''}`).join('; ');
}

/** Says what to do about a status, in the admin's terms. */
function hintFor(status: number, target: SendgridTarget, headers: Record<string, string> | undefined): string {
  switch (status) {
    case 401:
      return target.source === 'local tenant'
        ? `The local tenant refused the key in ${'.local-tenant/env'}: was it restarted with --reset? Run the command again once it is up.`
        : `Check SENDGRID_API_KEY (${target.source === '.env' ? 'in .env' : 'in the environment'}): it must be a valid API key of this SendGrid account.`;
    case 403:
      return 'The API key lacks access to templates: give it "Template Engine" full access (SendGrid > Settings > API Keys).';
    case 429: {
      const reset = Number(headers?.['x-ratelimit-reset']);
      return `SendGrid's rate limit was reached; run the command again${Number.isFinite(reset) && reset > 0 ? ` after ${new Date(reset * 1000).toISOString()}` : ' in a minute'}.`;
    }
    default:
      return status >= 500
        ? 'SendGrid had a problem; run the command again later.'
        : 'Nothing more was sent; fix the cause and run the command again.';
  }
}

export class SendgridTemplatesApi {
  private readonly client: Client;

  constructor(private readonly target: SendgridTarget) {
    this.client = new Client();
    this.client.setApiKey(target.apiKey);
    // setApiKey resets the base URL to SendGrid's own, so set ours after it (docs/platform-facts.md §6).
    this.client.setDefaultRequest('baseUrl', target.baseUrl);
    const extra: Record<string, unknown> = { timeout: REQUEST_TIMEOUT_MS };
    // A proxy set in the environment must not see requests to this machine.
    if (target.loopback) extra.proxy = false;
    if (target.caFile) extra.httpsAgent = new Agent({ ca: readFileSync(target.caFile) });
    this.client.setDefaultRequest(extra as never);
  }

  private async call<T>(
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    what: string,
    body?: object,
    qs?: object,
  ): Promise<T> {
    try {
      const [, responseBody] = await this.client.request({
        method,
        url,
        ...(body ? { body } : {}),
        ...(qs ? { qs } : {}),
      });
      return responseBody as T;
    } catch (error) {
      if (isResponseError(error)) {
        throw new SendgridApiError(
          `SendGrid answered ${error.code} when asked to ${what} (${method} ${url}): ${sendgridMessages(error.response?.body)}. ` +
            hintFor(error.code, this.target, error.response?.headers),
          error.code,
        );
      }
      const code = (error as { code?: string }).code;
      const reason = code ?? (error as Error).message;
      const hint =
        this.target.source === 'local tenant'
          ? 'Is the local tenant running? Start it with `npm run local-tenant` in another terminal.'
          : /CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(reason)
            ? 'Its certificate is not trusted: set NODE_EXTRA_CA_CERTS to the CA certificate that signed it.'
            : `Check SENDGRID_BASE_URL (${this.target.baseUrl}) and the network.`;
      throw new SendgridApiError(`Could not reach ${this.target.describe} to ${what}: ${reason}. ${hint}`);
    }
  }

  /** Every dynamic template of the account (id and name), across pages. */
  async listDynamicTemplates(): Promise<{ id: string; name: string }[]> {
    const found: { id: string; name: string }[] = [];
    let pageToken: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const body = await this.call<{ result?: { id: string; name: string }[]; _metadata?: { next?: string } }>(
        'GET',
        '/v3/templates',
        'list the dynamic templates',
        undefined,
        { generations: 'dynamic', page_size: PAGE_SIZE, ...(pageToken ? { page_token: pageToken } : {}) },
      );
      for (const template of body.result ?? []) found.push({ id: template.id, name: template.name });
      const next = body._metadata?.next;
      pageToken = next ? (new URL(next, this.target.baseUrl).searchParams.get('page_token') ?? undefined) : undefined;
      if (!pageToken) return found;
    }
    throw new SendgridApiError(
      `SendGrid kept returning pages of templates after ${MAX_PAGES} pages; stopped rather than loop.`,
    );
  }

  async getTemplate(id: string): Promise<RemoteTemplate> {
    const body = await this.call<{
      id: string;
      name: string;
      versions?: { id: string; active: number; updated_at?: string }[];
    }>('GET', `/v3/templates/${encodeURIComponent(id)}`, `read template ${id}`);
    return {
      id: body.id,
      name: body.name,
      versions: (body.versions ?? []).map((v) => ({
        id: v.id,
        active: v.active === 1,
        ...(v.updated_at ? { updated_at: v.updated_at } : {}),
      })),
    };
  }

  async getVersion(templateId: string, versionId: string): Promise<RemoteVersion> {
    const body = await this.call<Record<string, unknown>>(
      'GET',
      `/v3/templates/${encodeURIComponent(templateId)}/versions/${encodeURIComponent(versionId)}`,
      `read version ${versionId} of template ${templateId}`,
    );
    return toVersion(body);
  }

  async createTemplate(name: string): Promise<{ id: string }> {
    const body = await this.call<{ id: string }>('POST', '/v3/templates', `create template "${name}"`, {
      name,
      generation: 'dynamic',
    });
    return { id: body.id };
  }

  async createVersion(templateId: string, name: string, content: VersionContent): Promise<RemoteVersion> {
    const body = await this.call<Record<string, unknown>>(
      'POST',
      `/v3/templates/${encodeURIComponent(templateId)}/versions`,
      `create the first version of template ${templateId}`,
      { ...content, name, active: 1, editor: 'code' },
    );
    return toVersion(body);
  }

  /** `name` is the version's own: the request body schema requires it (tsg_templates_v3.yaml). */
  async updateVersion(
    templateId: string,
    versionId: string,
    name: string,
    content: VersionContent,
  ): Promise<RemoteVersion> {
    const body = await this.call<Record<string, unknown>>(
      'PATCH',
      `/v3/templates/${encodeURIComponent(templateId)}/versions/${encodeURIComponent(versionId)}`,
      `update version ${versionId} of template ${templateId}`,
      { ...content, name },
    );
    return toVersion(body);
  }

  async activateVersion(templateId: string, versionId: string): Promise<void> {
    await this.call(
      'POST',
      `/v3/templates/${encodeURIComponent(templateId)}/versions/${encodeURIComponent(versionId)}/activate`,
      `activate version ${versionId} of template ${templateId}`,
    );
  }
}

function toVersion(body: Record<string, unknown>): RemoteVersion {
  const text = (key: string): string => (typeof body[key] === 'string' ? (body[key] as string) : '');
  return {
    id: text('id'),
    active: body.active === 1,
    name: text('name'),
    subject: text('subject'),
    html_content: text('html_content'),
    plain_content: text('plain_content'),
    ...(typeof body.test_data === 'string' ? { test_data: body.test_data } : {}),
    ...(typeof body.updated_at === 'string' ? { updated_at: body.updated_at } : {}),
  };
}
