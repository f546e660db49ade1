// SENDGRID/SEND_EMAIL through the real @sendgrid/client: POST /v3/mail/send with the action's
// params (less connection_id) as the body, authenticated with the SENDGRID vault connection's
// api_key (platform-facts.md §3, §6). The body's keys are UNCONFIRMED: forms/send-email-action.ts
// explains the choice. Output: {status} of SendGrid's answer (UNCONFIRMED, nothing documents
// it); an error status fails the action with SendGrid's messages.
import sendgridModule from '@sendgrid/client';
import { ActionFailure } from './action-failure';

type SendgridClient = typeof sendgridModule;
// The package exports its default instance, with the class as a property its types omit.
const { Client } = sendgridModule as unknown as { Client: new () => SendgridClient };

export interface SendgridTarget {
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly timeoutSeconds: number;
  /** The agent HTTPS requests go through (the local tenant's own-certificate trust); default Node's. */
  readonly httpsAgent?: import('node:https').Agent;
}

function messagesOf(body: unknown): string {
  const errors = (body as { errors?: unknown } | undefined)?.errors;
  if (!Array.isArray(errors)) return '';
  return errors.map((e: { message?: unknown; field?: unknown }) => `${typeof e.field === 'string' ? `${e.field}: ` : ''}${String(e.message)}`).join('; ');
}

export async function sendEmail(target: SendgridTarget, body: Record<string, unknown>): Promise<{ status: number }> {
  // A new client per use, never the shared default; setApiKey() resets the base URL, so the
  // base URL comes after it; no proxy for loopback (platform-facts.md §6).
  const client = new Client();
  client.setApiKey(target.apiKey);
  client.setDefaultRequest({ baseUrl: target.baseUrl, proxy: false, timeout: target.timeoutSeconds * 1000, ...(target.httpsAgent ? { httpsAgent: target.httpsAgent } : {}) } as unknown as Parameters<SendgridClient['setDefaultRequest']>[0]);
  try {
    const [response] = await client.request({ method: 'POST', url: '/v3/mail/send', body });
    return { status: response.statusCode };
  } catch (error) {
    const e = error as { code?: unknown; response?: { body?: unknown }; message?: string };
    if (typeof e.code === 'number') {
      const detail = messagesOf(e.response?.body) || e.message || 'no message';
      throw new ActionFailure(`SENDGRID/SEND_EMAIL: SendGrid answered ${e.code}: ${detail}`, e.code);
    }
    throw new ActionFailure(`SENDGRID/SEND_EMAIL: SendGrid could not be reached: ${e.message ?? String(error)}`);
  }
}
