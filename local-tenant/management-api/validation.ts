// Checks shared by the Management API resources, with Auth0's "Payload validation error" wording.
import type { JsonObject } from '../state/types';
import { payloadError } from './errors';

/** The body as an object holding only `allowed` properties (all when `allowed` is undefined). */
export function expectObject(body: unknown, allowed?: readonly string[]): JsonObject {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw payloadError(
      `Expected type object but found type ${body === null ? 'null' : Array.isArray(body) ? 'array' : typeof body}`,
    );
  }
  if (allowed) {
    const extra = Object.keys(body).filter((k) => !allowed.includes(k));
    if (extra.length > 0) throw payloadError(`Additional properties not allowed: ${extra.join(',')}`);
  }
  return body as JsonObject;
}

export function requireString(body: JsonObject, name: string): string {
  const value = body[name];
  if (value === undefined) throw payloadError(`Missing required property: ${name}`);
  if (typeof value !== 'string')
    throw payloadError(
      `Expected type string but found type ${Array.isArray(value) ? 'array' : typeof value} on property ${name}`,
    );
  return value;
}

/** Applies `fields` / `include_fields` from the query: only (or all but) the listed properties. */
export function pickFields(item: JsonObject, query: URLSearchParams): JsonObject {
  const fields = query.get('fields');
  if (!fields) return item;
  const names = fields
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  const include = query.get('include_fields') !== 'false';
  return Object.fromEntries(Object.entries(item).filter(([key]) => names.includes(key) === include));
}
