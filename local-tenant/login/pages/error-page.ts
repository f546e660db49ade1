// The error page: for a request that cannot go back to the app (unknown client, a redirect_uri
// that is not one of its callbacks, an expired or foreign transaction), as Auth0's generic error
// page does (docs universal-login/error-pages): the error code and its description, escaped.
import type { Reply } from '../../shared/router';
import { LOGIN_TEXTS, type LoginLanguage } from '../login-texts';
import { escapeHtml } from '../../shared/html-escape';
import { htmlPage } from './page-layout';

export function errorPage(input: {
  language: LoginLanguage;
  status: number;
  error: string;
  description: string;
  setCookie?: string;
}): Reply {
  const t = LOGIN_TEXTS[input.language];
  return htmlPage({
    status: input.status,
    lang: input.language,
    title: t.errorTitle,
    body: `<h1>${escapeHtml(t.errorTitle)}</h1>
<p class="error" role="alert"><strong>${escapeHtml(input.error)}</strong>: ${escapeHtml(input.description)}</p>`,
    footer: t.localTenantNote,
    ...(input.setCookie === undefined ? {} : { setCookie: input.setCookie }),
  });
}

export function signedOutPage(language: LoginLanguage, setCookie: string): Reply {
  const t = LOGIN_TEXTS[language];
  return htmlPage({
    lang: language,
    title: t.signedOutTitle,
    body: `<h1>${escapeHtml(t.signedOutTitle)}</h1>\n<p>${escapeHtml(t.signedOut)}</p>`,
    footer: t.localTenantNote,
    setCookie,
  });
}
