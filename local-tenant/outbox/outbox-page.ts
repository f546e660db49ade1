// The outbox as an HTML page for a person: newest message first, every value escaped (message
// content comes from templates and user input, and must not run in the reader's browser). The
// HTML body of a message is shown in a sandboxed iframe (srcdoc, no scripts, no forms), grown to
// its whole height by the page's own script (nonce'd: the only script that runs). The page asks
// the JSON outbox every few seconds and reloads itself when a message arrives, which keeps its
// scroll position. Without script it shows each body in a frame of fixed height, and "reload".
import { escapeHtml } from '../shared/html-escape';
import { PALETTE } from '../shared/palette';
import type { EmailAddress, OutboxMessage } from '../state/types';

/** How often the page asks whether a message arrived. */
export const OUTBOX_POLL_SECONDS = 3;

const C = PALETTE;

export const OUTBOX_STYLE = `
*, *::before, *::after { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: ${C.ink}; background: ${C.white};
  margin: 2rem auto; max-width: 60rem; padding: 0 1rem; overflow-wrap: anywhere; }
@media (max-width: 30rem) { body { margin: 1rem auto; padding: 0 .75rem; } article { padding: 0 .75rem .75rem; } }
h1 { margin: 0 0 .5rem; }
article { border: 1px solid ${C.rule}; border-radius: 6px; margin: 1rem 0; padding: 0 1rem 1rem; }
dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: .25rem 1rem; }
dt { font-weight: 600; }
dd { margin: 0; }
iframe { display: block; width: 100%; min-height: 20rem; border: 1px solid ${C.rule}; background: ${C.white}; }
pre { white-space: pre-wrap; background: ${C.codeBackground}; color: ${C.ink}; padding: .5rem; }
a { color: ${C.accent}; }
`;

/** Grows each frame to its email's height, and reloads the page when the JSON outbox grows. */
function outboxScript(jsonUrl: string, count: number): string {
  return `(function () {
  function fit(frame) {
    var doc = frame.contentDocument;
    if (doc && doc.documentElement) frame.style.height = (doc.documentElement.scrollHeight + 2) + 'px';
  }
  Array.prototype.forEach.call(document.querySelectorAll('iframe'), function (frame) {
    frame.addEventListener('load', function () { fit(frame); });
    fit(frame);
  });
  var note = document.getElementById('refresh-note');
  if (note) note.textContent = 'New messages appear by themselves.';
  setInterval(function () {
    fetch(${JSON.stringify(new URL(jsonUrl).pathname)}, { cache: 'no-store' })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (messages) { if (messages && messages.length !== ${count}) location.reload(); })
      .catch(function () {});
  }, ${OUTBOX_POLL_SECONDS * 1000});
})();`;
}

const address = (a: EmailAddress): string => escapeHtml(a.name ? `${a.name} <${a.email}>` : a.email);

function messageHtml(message: OutboxMessage): string {
  const rows: [string, string][] = [
    ['From', address(message.from)],
    ['To', message.to.map(address).join(', ')],
    ...(message.cc.length ? [['Cc', message.cc.map(address).join(', ')] as [string, string]] : []),
    ['Sent', escapeHtml(message.sent_at)],
    ...(message.template_id ? [['Template', escapeHtml(message.template_id)] as [string, string]] : []),
  ];
  // sandbox without allow-scripts or allow-forms: nothing in the email runs or posts. allow-same-origin
  // only lets this page read the frame's height; the frame also inherits this page's CSP.
  return `<article>
<h2>${escapeHtml(message.subject || '(no subject)')}</h2>
<dl>${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>
${message.html !== undefined ? `<iframe sandbox="allow-same-origin" title="HTML body" srcdoc="${escapeHtml(message.html)}"></iframe>` : ''}
${message.text !== undefined ? `<pre>${escapeHtml(message.text)}</pre>` : ''}
</article>`;
}

export function outboxPage(messages: readonly OutboxMessage[], jsonUrl: string, nonce: string): string {
  const newestFirst = [...messages].reverse();
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Outbox: local tenant</title>
<style>${OUTBOX_STYLE}</style>
</head>
<body>
<h1>Outbox</h1>
<p>${messages.length} message${messages.length === 1 ? '' : 's'} sent through the local SendGrid, newest first. As JSON: <a href="${escapeHtml(jsonUrl)}">${escapeHtml(jsonUrl)}</a>. <span id="refresh-note">Reload to see new ones.</span></p>
${newestFirst.map(messageHtml).join('\n')}
<script nonce="${escapeHtml(nonce)}">${outboxScript(jsonUrl, messages.length)}</script>
</body>
</html>
`;
}
