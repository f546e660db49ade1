// The end of every login: the browser goes back to the app's redirect_uri with either a code or
// an OAuth error, and the app's own state, in the response mode the app asked for (query: a 302
// with the parameters in the URL; form_post: a page that POSTs them, OAuth 2.0 Form Post Response Mode).
import type { Reply } from '../shared/router';
import { escapeHtml } from '../shared/html-escape';
import { htmlPage, redirect } from './pages/page-layout';
import { LOGIN_TEXTS, loginLanguage } from './login-texts';

export interface CallbackTarget {
  readonly redirectUri: string;
  readonly responseMode: 'query' | 'form_post';
  readonly state?: string;
  readonly uiLocales?: readonly string[];
}

export function callbackReply(target: CallbackTarget, params: Record<string, string>, setCookie?: string): Reply {
  const all = { ...params, ...(target.state === undefined ? {} : { state: target.state }) };
  if (target.responseMode === 'query') {
    const url = new URL(target.redirectUri);
    for (const [name, value] of Object.entries(all)) url.searchParams.set(name, value);
    return redirect(url.href, setCookie);
  }
  const texts = LOGIN_TEXTS[loginLanguage(target.uiLocales ?? [])];
  const inputs = Object.entries(all)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  return htmlPage({
    lang: loginLanguage(target.uiLocales ?? []),
    title: texts.redirecting,
    body: `<form method="post" action="${escapeHtml(target.redirectUri)}">\n${inputs}\n<p>${escapeHtml(texts.redirecting)}</p><noscript><button type="submit">${escapeHtml(texts.continue)}</button></noscript></form>`,
    script: 'document.forms[0].submit();',
    ...(setCookie === undefined ? {} : { setCookie }),
  });
}

export function callbackError(target: CallbackTarget, error: string, description: string, setCookie?: string): Reply {
  return callbackReply(target, { error, error_description: description }, setCookie);
}
