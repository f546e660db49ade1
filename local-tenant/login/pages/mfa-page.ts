// The MFA challenge: the code of the user's authenticator app (TOTP).
import type { Reply } from '../../shared/router';
import { LOGIN_TEXTS, type LoginLanguage } from '../login-texts';
import { escapeHtml } from '../../shared/html-escape';
import { htmlPage } from './page-layout';

export function mfaPage(input: {
  language: LoginLanguage;
  transactionId: string;
  email: string;
  error?: string;
  status?: number;
}): Reply {
  const t = LOGIN_TEXTS[input.language];
  return htmlPage({
    status: input.status ?? 200,
    lang: input.language,
    title: t.mfaTitle,
    body: `<h1>${escapeHtml(t.mfaTitle)}</h1>
<p class="subtitle">${escapeHtml(input.email)}</p>
<p>${escapeHtml(t.mfaIntro)}</p>
${input.error === undefined ? '' : `<p class="error" role="alert">${escapeHtml(input.error)}</p>`}
<form method="post" action="/u/mfa-otp?state=${encodeURIComponent(input.transactionId)}">
<label for="code">${escapeHtml(t.mfaCode)}</label>
<input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required autofocus>
<button type="submit">${escapeHtml(t.continue)}</button>
</form>`,
    footer: t.localTenantNote,
  });
}
