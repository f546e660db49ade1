// The login page of the database connection: email and password, and the stand-in button of the
// Google connection. Every value shown is escaped.
import type { Reply } from '../../shared/router';
import { LOGIN_TEXTS, type LoginLanguage } from '../login-texts';
import { escapeHtml } from '../../shared/html-escape';
import { htmlPage } from './page-layout';

export interface LoginPageInput {
  readonly language: LoginLanguage;
  readonly transactionId: string;
  readonly clientName: string;
  readonly email?: string;
  /** The browser already has a session: this is a re-authentication. */
  readonly reauthenticating: boolean;
  /** The sign-in asks for the second factor too (acr_values for MFA). */
  readonly withSecondFactor?: boolean;
  readonly error?: string;
  readonly hasSocialConnection: boolean;
  readonly status?: number;
  readonly setCookie?: string;
}

export function loginPage(input: LoginPageInput): Reply {
  const t = LOGIN_TEXTS[input.language];
  const state = encodeURIComponent(input.transactionId);
  const social = input.hasSocialConnection
    ? `<p class="or">${escapeHtml(t.or)}</p>
<form method="get" action="/u/login/google-oauth2">
<input type="hidden" name="state" value="${escapeHtml(input.transactionId)}">
<button type="submit" class="secondary">${escapeHtml(t.socialButton)}</button>
</form>`
    : '';
  return htmlPage({
    status: input.status ?? 200,
    lang: input.language,
    title: t.signInTitle,
    body: `<h1>${escapeHtml(t.signInTitle)}</h1>
<p class="subtitle">${escapeHtml(t.signInTo(input.clientName))}</p>
${input.withSecondFactor ? `<p class="notice">${escapeHtml(t.passwordThenSecondFactor)}</p>` : input.reauthenticating ? `<p class="notice">${escapeHtml(t.confirmItIsYou)}</p>` : ''}
${input.error === undefined ? '' : `<p class="error" role="alert">${escapeHtml(input.error)}</p>`}
<form method="post" action="/u/login?state=${state}">
<label for="username">${escapeHtml(t.email)}</label>
<input id="username" name="username" type="email" autocomplete="username" required value="${escapeHtml(input.email ?? '')}"${input.email ? '' : ' autofocus'}>
<label for="password">${escapeHtml(t.password)}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${input.email ? ' autofocus' : ''}>
<button type="submit">${escapeHtml(t.continue)}</button>
</form>
${social}`,
    footer: t.localTenantNote,
    ...(input.setCookie === undefined ? {} : { setCookie: input.setCookie }),
  });
}
