// The stand-in of Google's consent screen: the local tenant has no Google, so the person picks
// one of the tenant's google-oauth2 users to come back as (a federated sign-in).
import type { Reply } from '../../shared/router';
import type { StoredUser } from '../../state/types';
import { LOGIN_TEXTS, type LoginLanguage } from '../login-texts';
import { escapeHtml } from '../../shared/html-escape';
import { htmlPage } from './page-layout';

export function socialPage(input: {
  language: LoginLanguage;
  transactionId: string;
  users: readonly StoredUser[];
}): Reply {
  const t = LOGIN_TEXTS[input.language];
  const choices = input.users
    .map(
      (user) => `<form method="post" action="/u/login/google-oauth2?state=${encodeURIComponent(input.transactionId)}">
<input type="hidden" name="user_id" value="${escapeHtml(user.user_id)}">
<button type="submit" class="secondary">${escapeHtml(user.name)} &lt;${escapeHtml(user.email)}&gt;</button>
</form>`,
    )
    .join('\n');
  return htmlPage({
    lang: input.language,
    title: t.socialTitle,
    body: `<h1>${escapeHtml(t.socialTitle)}</h1>
<p>${escapeHtml(input.users.length > 0 ? t.socialIntro : t.socialNone)}</p>
${choices}`,
    footer: t.localTenantNote,
  });
}
