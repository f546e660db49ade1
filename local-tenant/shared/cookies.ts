// Cookies of the pages served to browsers (the login side, the demo app): reading one from the
// Cookie header, writing one as Set-Cookie. Cookies do not separate ports: everything on
// http://localhost shares one jar, so each surface uses its own cookie name.
import type { IncomingHttpHeaders } from 'node:http';
import type { Reply } from './router';

/** The value of cookie `name` in the request, or undefined. */
export function readCookie(headers: IncomingHttpHeaders, name: string): string | undefined {
  const header = headers.cookie;
  if (typeof header !== 'string') return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(value);
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

export interface CookieOptions {
  /** Seconds; omitted = a browser-session cookie; 0 = delete. */
  readonly maxAgeSeconds?: number;
  readonly path?: string;
}

/**
 * A Set-Cookie value: HttpOnly (no script reads it) and SameSite=Lax (a cross-site POST does not
 * carry it, so another site cannot submit the login's or the demo app's forms as this browser).
 * Not Secure: these pages are served over plain http://localhost.
 */
export function cookieHeader(name: string, value: string, options: CookieOptions = {}): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, `Path=${options.path ?? '/'}`, 'HttpOnly', 'SameSite=Lax'];
  if (options.maxAgeSeconds !== undefined) parts.push(`Max-Age=${options.maxAgeSeconds}`);
  return parts.join('; ');
}

/** The Set-Cookie header to merge into a reply's headers: none when there is no cookie to set. */
export function setCookieHeader(cookie: string | undefined): Record<string, string> {
  return cookie === undefined ? {} : { 'set-cookie': cookie };
}

/** `reply`, setting `cookie` when there is one. */
export function withCookie(reply: Reply, cookie: string | undefined): Reply {
  return cookie === undefined ? reply : { ...reply, headers: { ...reply.headers, ...setCookieHeader(cookie) } };
}
