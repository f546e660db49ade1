// The tenant's root page (http://localhost:4480/): what the local tenant serves and where, for a
// person who opens the URL it printed, or guesses it. Every value is escaped.
import { PALETTE } from '../shared/palette';
import { escapeHtml } from '../shared/html-escape';

import type { IndexEntry } from '../shared/surface';

const C = PALETTE;

export const INDEX_STYLE = `
*, *::before, *::after { box-sizing: border-box; }
body { margin: 0 auto; max-width: 48rem; padding: 1.5rem 1rem; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: ${C.ink}; background: ${C.white}; overflow-wrap: anywhere; }
h1 { margin: 0 0 .5rem; font-size: 1.6rem; }
dl { margin: 1.5rem 0 0; }
dt { font-weight: 600; margin-top: 1rem; }
dd { margin: .15rem 0 0; }
dd p { margin: .15rem 0 0; color: ${C.muted}; font-size: .9rem; }
a { color: ${C.accent}; }
code { background: ${C.codeBackground}; color: ${C.ink}; padding: 0 .25rem; border-radius: 4px; }
`;

export function indexPage(entries: readonly IndexEntry[]): string {
  const items = entries
    .map(
      (e) => `<dt>${escapeHtml(e.name)}</dt>
<dd>${e.link ? `<a href="${escapeHtml(e.where)}">${escapeHtml(e.where)}</a>` : `<code>${escapeHtml(e.where)}</code>`}<p>${escapeHtml(e.what)}</p></dd>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Local tenant</title>
<style>${INDEX_STYLE}</style>
</head>
<body>
<main>
<h1>Local tenant</h1>
<p>An offline stand-in for the parts of Auth0 and SendGrid the email-change bundle uses, on this machine only (loopback). What it serves:</p>
<dl>
${items}
</dl>
</main>
</body>
</html>
`;
}
