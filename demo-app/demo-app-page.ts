// The demo app's one page: who is signed in (from the verified ID token), the Change email button,
// the outcome of the last attempt, and what happens behind each button. Every value is escaped.
import { MAX_SENDS_PER_DAY } from '../actions/email-change/contract';
import { PALETTE } from '../local-tenant/shared/palette';
import { escapeHtml } from '../local-tenant/shared/html-escape';
import type { DemoSession } from './demo-sessions';

const C = PALETTE;

export const DEMO_STYLE = `
*, *::before, *::after { box-sizing: border-box; }
body { margin: 0; background: ${C.canvasDemo}; color: ${C.ink}; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; overflow-wrap: anywhere; }
header { background: ${C.header}; color: ${C.white}; padding: .9rem 1.5rem; display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; justify-content: space-between; }
header strong { font-size: 1.1rem; }
header form { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin: 0; }
header label { font-size: .85rem; }
header select, header button { font-size: .85rem; padding: .2rem .5rem; border-radius: 4px; border: 0; background: ${C.white}; color: ${C.ink}; }
main { max-width: 44rem; margin: 2rem auto; padding: 0 1.5rem; }
section { background: ${C.white}; border-radius: 10px; box-shadow: 0 1px 3px rgba(0,0,0,.1); padding: 1.5rem; margin-bottom: 1.5rem; }
@media (max-width: 30rem) { header { padding: .75rem 1rem; } main { margin: 1rem auto; padding: 0 .75rem; } section { padding: 1.25rem 1rem; } }
h1 { font-size: 1.6rem; margin: 0 0 .5rem; }
h2 { font-size: 1.1rem; margin: 0 0 .5rem; }
.email { font-size: 1.3rem; font-weight: 600; }
.actions { display: flex; gap: .75rem; margin-top: 1.25rem; flex-wrap: wrap; }
.actions form { margin: 0; }
button.primary, button.secondary { font-size: 1rem; font-weight: 600; padding: .6rem 1.2rem; border-radius: 6px; cursor: pointer; }
button.primary { background: ${C.accent}; color: ${C.white}; border: 0; }
button.secondary { background: ${C.white}; color: ${C.ink}; border: 1px solid ${C.control}; }
button:focus-visible { outline: 2px solid ${C.accent}; outline-offset: 2px; }
.flash { border-radius: 8px; padding: .8rem 1rem; margin-bottom: 1.5rem; border: 1px solid; }
.flash.success { background: ${C.successBackground}; border-color: ${C.successEdge}; color: ${C.successText}; }
.flash.info { background: ${C.infoBackground}; border-color: ${C.infoEdge}; color: ${C.infoText}; }
.flash.error { background: ${C.errorBackground}; border-color: ${C.errorEdge}; color: ${C.errorText}; }
.flash code { font-size: .8rem; }
dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: .2rem 1rem; margin: .75rem 0 0; font-size: .9rem; color: ${C.muted}; }
dd { margin: 0; }
.budget { font-size: .9rem; color: ${C.muted}; margin: 1rem 0 0; }
.explain { font-size: .9rem; color: ${C.inkSoft}; }
.explain code { background: ${C.codeBackground}; color: ${C.ink}; padding: 0 .25rem; border-radius: 4px; }
a { color: ${C.accent}; }
`;

export interface DemoPageInput {
  readonly session: DemoSession;
  readonly outboxUrl: string;
  readonly seeded: boolean;
  /** Codes the signed-in user was sent today (the send-code flow's daily budget). */
  readonly codesSentTodayTo?: number;
}

/** The demo forgives mistakes: the signed-in user can clear the daily budget of email changes. */
function budgetPart(codesSentTodayTo: number | undefined): string {
  if (codesSentTodayTo === undefined) return '';
  const started = `${codesSentTodayTo} code${codesSentTodayTo === 1 ? '' : 's'} sent today`;
  return `<p class="budget" id="budget">${started}: each counts against the daily limit of ${MAX_SENDS_PER_DAY} codes (<code>MAX_SENDS_PER_DAY</code>), finished or not. This is a demo: you can give yourself the whole budget back.</p>
<div class="actions"><form method="post" action="/demo/reset-budget"><button class="secondary" type="submit">Reset my email-change budget</button></form></div>`;
}

function signedInSection(session: DemoSession, codesSentTodayTo: number | undefined): string {
  const claims = session.signedIn?.claims;
  if (!claims) {
    return `<section>
<h1>You are signed out</h1>
<p>Sign in with the demo user that <code>npm start</code> printed (or any user of the local tenant).</p>
<div class="actions"><form method="post" action="/demo/login"><button class="primary" type="submit">Sign in</button></form></div>
</section>`;
  }
  const authTime =
    typeof claims.auth_time === 'number' ? new Date(claims.auth_time * 1000).toISOString() : 'not in the token';
  return `<section>
<h1>Signed in</h1>
<p>Your email address, from the ID token:</p>
<p class="email" id="email">${escapeHtml(claims.email ?? '(no email claim)')}</p>
<dl>
<dt>email_verified</dt><dd>${escapeHtml(String(claims.email_verified ?? 'not in the token'))}</dd>
<dt>sub</dt><dd>${escapeHtml(claims.sub)}</dd>
<dt>auth_time</dt><dd>${escapeHtml(authTime)}</dd>
${claims.amr?.length ? `<dt>amr</dt><dd>${escapeHtml(claims.amr.join(', '))}</dd>` : ''}
</dl>
<div class="actions">
<form method="post" action="/demo/change-email"><button class="primary" type="submit">Change email</button></form>
<form method="post" action="/demo/logout"><button class="secondary" type="submit">Sign out</button></form>
</div>
${budgetPart(codesSentTodayTo)}
</section>`;
}

export function demoPage(input: DemoPageInput): string {
  const { session } = input;
  const flash = session.flash
    ? `<div class="flash ${session.flash.tone}" role="status" id="outcome"${session.flash.code ? ` data-code="${escapeHtml(session.flash.code)}"` : ''}>${escapeHtml(session.flash.message)}${
        session.flash.code ? `<br><code>${escapeHtml(session.flash.code)}</code>` : ''
      }</div>`
    : '';
  const notes = session.notes
    .map(
      (note) =>
        `<div class="flash info" role="status">${escapeHtml(note.message)}<br><code>${escapeHtml(note.code)}</code></div>`,
    )
    .join('\n');
  const notSeeded = input.seeded
    ? ''
    : `<div class="flash error">This local tenant has no demo client: start it with <code>npm start</code>, which seeds the demo app and its users.</div>`;
  const option = (value: string, label: string) =>
    `<option value="${value}"${session.locale === value ? ' selected' : ''}>${label}</option>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Demo app: email change</title>
<style>${DEMO_STYLE}</style>
</head>
<body>
<header>
<strong>Demo app</strong>
<form method="post" action="/demo/language">
<label for="locale">Sign-in pages in</label>
<select id="locale" name="locale">${option('en', 'English')}${option('es', 'Español')}</select>
<button type="submit">Set</button>
</form>
</header>
<main>
${notSeeded}
${flash}
${notes}
${signedInSection(session, input.codesSentTodayTo)}
<section class="explain">
<h2>What the buttons do</h2>
<p><strong>Change email</strong> sends you to the tenant's <code>/authorize</code> with <code>email_change=true&amp;max_age=0</code>: you sign in again, enter the new address, and type the code the tenant emails to it. The emails land in the <a href="${escapeHtml(input.outboxUrl)}">outbox</a>.</p>
<p>Every outcome comes back to this app's callback as <code>error=access_denied</code> with a code in <code>error_description</code>, and this page says what it means. After <code>email_change_completed</code> you sign in again, with the new address.</p>
<p>Users with two-step verification get <code>email_change_mfa_required</code> first: this app then starts the change again once, asking in the same sign-in for the password and the second factor (<code>max_age=0</code> and <code>acr_values=http://schemas.openid.net/pape/policies/2007/06/multi-factor</code>), then the form: one redirect, as the README's snippets do.</p>
</section>
</main>
</body>
</html>
`;
}
