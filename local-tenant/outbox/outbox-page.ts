// The outbox as an HTML page for a person: newest message first, every value escaped (message
// content comes from templates and user input, and must not run in the reader's browser). The
// HTML body of a message is shown in a sandboxed iframe (srcdoc, no scripts).
import type { EmailAddress, OutboxMessage } from '../state/types';

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
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
  return `<article>
<h2>${escapeHtml(message.subject || '(no subject)')}</h2>
<dl>${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>
${message.html !== undefined ? `<iframe sandbox title="HTML body" srcdoc="${escapeHtml(message.html)}"></iframe>` : ''}
${message.text !== undefined ? `<pre>${escapeHtml(message.text)}</pre>` : ''}
</article>`;
}

export function outboxPage(messages: readonly OutboxMessage[], jsonUrl: string): string {
  const newestFirst = [...messages].reverse();
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Outbox: local tenant</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }
article { border: 1px solid #ccc; border-radius: 6px; margin: 1rem 0; padding: 0 1rem 1rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
dt { font-weight: 600; }
dd { margin: 0; }
iframe { width: 100%; min-height: 20rem; border: 1px solid #eee; }
pre { white-space: pre-wrap; background: #f6f6f6; padding: .5rem; }
</style>
</head>
<body>
<h1>Outbox</h1>
<p>${messages.length} message${messages.length === 1 ? '' : 's'} sent through the local SendGrid, newest first. As JSON: <a href="${escapeHtml(jsonUrl)}">${escapeHtml(jsonUrl)}</a>. Reload to see new ones.</p>
${newestFirst.map(messageHtml).join('\n')}
</body>
</html>
`;
}
