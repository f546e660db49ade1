// A step of the form, as the Forms runtime renders it, in the login side's look: the runtime's
// page (escaped, script-free) with the login pages' style added, their headers, and one small
// script of this page's own (nonce'd): the resend button's countdown. Auth0 renders its forms
// with script in the browser; without script this page still works, as the runtime's server
// enforces the resend wait (forms-runtime/journey.ts).
import { randomBytes } from 'node:crypto';
import { COUNTDOWN_ATTRIBUTE } from '../../forms-runtime';
import { PALETTE } from '../../shared/palette';
import type { Reply } from '../../shared/router';
import { PAGE_STYLE, pageHeaders } from './page-layout';

const C = PALETTE;

export const FORM_STYLE = `
.field { margin-bottom: .5rem; }
.field p.hint { color: ${C.muted}; font-size: .875rem; margin: 0 0 .35rem; }
.field p.error { margin: .35rem 0 0; }
.form-error { background: ${C.errorBackground}; color: ${C.errorText}; border: 1px solid ${C.errorEdge}; border-radius: 6px; padding: 0 .75rem; margin-bottom: 1rem; }
.form-error:focus { outline: 2px solid ${C.accent}; outline-offset: 2px; }
.rich-text h1 { margin-bottom: .5rem; }
.actions button.secondary { margin-top: .75rem; }
.resend { margin: 1.25rem 0 0; color: ${C.muted}; font-size: .9rem; text-align: center; }
.resend button.link { width: auto; margin: 0; padding: .25rem; background: none; color: ${C.accent}; font-size: .9rem; text-decoration: underline; }
.resend button.link:disabled { color: ${C.muted}; text-decoration: none; cursor: default; }
`;

/**
 * Counts the resend wait down, second by second, with the button disabled until it is over; then
 * shows the active text in place of the waiting one.
 */
const COUNTDOWN_SCRIPT = `(function () {
  var count = document.querySelector('[${COUNTDOWN_ATTRIBUTE}]');
  if (!count) return;
  var button = document.querySelector('[${COUNTDOWN_ATTRIBUTE}-button]');
  var waiting = document.querySelector('.resend-waiting');
  var ready = document.querySelector('.resend-ready');
  var end = Date.now() + Number(count.getAttribute('${COUNTDOWN_ATTRIBUTE}')) * 1000;
  if (button) button.disabled = true;
  (function tick() {
    var left = Math.ceil((end - Date.now()) / 1000);
    if (left > 0) {
      count.textContent = String(left);
      setTimeout(tick, 250);
      return;
    }
    if (waiting) waiting.hidden = true;
    if (ready) ready.hidden = false;
    if (button) button.disabled = false;
  })();
})();`;

export function formStepPage(runtimeHtml: string, status = 200): Reply {
  const nonce = randomBytes(16).toString('base64');
  const styled = runtimeHtml
    .replace('</head>', `<style>${PAGE_STYLE}${FORM_STYLE}</style>\n</head>`)
    .replace('</body>', `<script nonce="${nonce}">${COUNTDOWN_SCRIPT}</script>\n</body>`);
  return { status, headers: pageHeaders(nonce), body: styled };
}
