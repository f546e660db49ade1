// The frame of every page the login side shows a person: one card, the same look for the login,
// MFA, form and error pages, and headers that keep the page from running anything it did not
// write itself (no script but a nonce'd one) or being framed by another site (clickjacking).
import { randomBytes } from 'node:crypto';
import { setCookieHeader } from '../../shared/cookies';
import type { Reply } from '../../shared/router';
import { escapeHtml } from '../../shared/html-escape';
import { PALETTE } from '../../shared/palette';

const C = PALETTE;

export const PAGE_STYLE = `
*, *::before, *::after { box-sizing: border-box; }
body { margin: 0; min-height: 100vh; display: flex; align-items: flex-start; justify-content: center;
  background: ${C.canvas}; color: ${C.ink}; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { width: 100%; max-width: 26rem; margin: 4rem 1rem 2rem; background: ${C.white}; border-radius: 10px;
  box-shadow: 0 1px 3px rgba(0,0,0,.12), 0 8px 24px rgba(0,0,0,.06); padding: 2rem 2rem 1.5rem; overflow-wrap: anywhere; }
@media (max-width: 30rem) { main { margin: 1rem .75rem; padding: 1.5rem 1.25rem 1.25rem; } }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
p { margin: .5rem 0 1rem; }
.subtitle { color: ${C.muted}; margin-top: 0; }
label { display: block; font-weight: 600; margin: 1rem 0 .25rem; }
.hint { display: block; color: ${C.muted}; font-size: .875rem; margin-top: .25rem; }
input[type=email], input[type=password], input[type=text] { width: 100%; padding: .65rem .75rem; font-size: 1rem;
  color: ${C.ink}; background: ${C.white}; border: 1px solid ${C.control}; border-radius: 6px; }
input:focus { outline: 2px solid ${C.accent}; outline-offset: 1px; border-color: ${C.accent}; }
input[aria-invalid=true] { border-color: ${C.errorText}; }
button { width: 100%; margin-top: 1.25rem; padding: .7rem 1rem; font-size: 1rem; font-weight: 600; border: 0;
  border-radius: 6px; background: ${C.accent}; color: ${C.white}; cursor: pointer; }
button:focus-visible { outline: 2px solid ${C.accent}; outline-offset: 2px; }
button.secondary { background: ${C.white}; color: ${C.ink}; border: 1px solid ${C.control}; }
.error { background: ${C.errorBackground}; color: ${C.errorText}; border: 1px solid ${C.errorEdge}; border-radius: 6px; padding: .6rem .75rem; }
.notice { background: ${C.infoBackground}; color: ${C.ink}; border: 1px solid ${C.infoEdge}; border-radius: 6px; padding: .6rem .75rem; }
.or { text-align: center; color: ${C.muted}; margin: 1.25rem 0 0; }
footer { margin-top: 1.5rem; color: ${C.muted}; font-size: .8rem; text-align: center; }
code { background: ${C.codeBackground}; color: ${C.ink}; padding: 0 .25rem; border-radius: 4px; }
`;

export interface PageOptions {
  readonly status?: number;
  readonly lang: string;
  readonly title: string;
  /** Already-escaped HTML of the card. */
  readonly body: string;
  readonly footer?: string;
  /** The one inline script the page may run (e.g. the form_post auto-submit); the page's nonce is allowed. */
  readonly script?: string;
  readonly setCookie?: string;
}

/** Headers of every HTML page: no script but the page's own nonce'd one, never framed, no referrer. */
export function pageHeaders(scriptNonce?: string, setCookie?: string): Record<string, string> {
  const scriptSource = scriptNonce === undefined ? "'none'" : `'nonce-${scriptNonce}'`;
  // No form-action: after a POST the login side redirects to the app's callback, on another origin,
  // and Chromium applies form-action to those redirects.
  return {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src ${scriptSource}; frame-ancestors 'none'; base-uri 'none'`,
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    ...setCookieHeader(setCookie),
  };
}

export function htmlPage(options: PageOptions): Reply {
  const nonce = randomBytes(16).toString('base64');
  const html = `<!doctype html>
<html lang="${escapeHtml(options.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<main>
${options.body}
${options.footer === undefined ? '' : `<footer>${escapeHtml(options.footer)}</footer>`}
</main>
${options.script === undefined ? '' : `<script nonce="${nonce}">${options.script}</script>`}
</body>
</html>
`;
  return {
    status: options.status ?? 200,
    headers: pageHeaders(options.script === undefined ? undefined : nonce, options.setCookie),
    body: html,
  };
}

/** A 302 to `location`, optionally setting one cookie. */
export function redirect(location: string, setCookie?: string): Reply {
  return { status: 302, headers: { location, ...setCookieHeader(setCookie) } };
}
