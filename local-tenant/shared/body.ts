// Reading request bodies: JSON or form-encoded, bounded in size.
import type { IncomingMessage } from 'node:http';
import type { Request } from './router';

/** Large enough for a SendGrid message with attachments (SendGrid's own limit is 30 MB). */
export const MAX_REQUEST_BODY_BYTES = 32 * 1024 * 1024;

export class BodyTooLargeError extends Error {}

export async function readBody(message: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of message) {
    size += (chunk as Buffer).length;
    if (size > MAX_REQUEST_BODY_BYTES) throw new BodyTooLargeError(`request body over ${MAX_REQUEST_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export type ParsedBody = { ok: true; value: unknown } | { ok: false; problem: string };

/** The body as JSON (empty body: undefined); form-encoded bodies become an object of strings. */
export function parseBody(request: Request): ParsedBody {
  const text = request.rawBody.toString('utf8');
  if (text.trim() === '') return { ok: true, value: undefined };
  const type = String(request.headers['content-type'] ?? '');
  if (type.startsWith('application/x-www-form-urlencoded')) {
    return { ok: true, value: Object.fromEntries(new URLSearchParams(text)) };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, problem: (error as Error).message };
  }
}
