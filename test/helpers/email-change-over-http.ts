// One email change driven over HTTP against a deployed local tenant, as a person in a browser
// would: sign in to an app asking email_change=true, type the new address, read the code from
// the outbox, type a code. For tests that look at what a change leaves behind (executions, logs).
//
//   const change = await startEmailChange(tenant, app, user);
//   await change.sendCode('new@example.com');      -> the page after Send code
//   await change.enterCode(change.codeSentTo('new@example.com'));
import type { LocalTenant } from '../../local-tenant';
import { HttpBrowser, type HttpPage } from './http-browser';
import { authorizeUrl, pkce, signInAt, type TestApp } from './login-apps';

export interface EmailChangeOverHttp {
  readonly page: HttpPage;
  sendCode(address: string): Promise<HttpPage>;
  enterCode(code: string): Promise<HttpPage>;
  /** The code of the latest email to `address` in the outbox. */
  codeSentTo(address: string): string;
}

export async function startEmailChange(
  tenant: LocalTenant,
  app: TestApp,
  user: { email: string },
): Promise<EmailChangeOverHttp> {
  const browser = new HttpBrowser(tenant.httpUrl);
  let page = await signInAt(
    browser,
    authorizeUrl(tenant, app, pkce(), { email_change: 'true', max_age: '0' }),
    user.email,
  );
  if (page.url.pathname !== '/u/form')
    throw new Error(`expected the email-change form, got ${page.url.href}:\n${page.text}`);
  return {
    get page() {
      return page;
    },
    async sendCode(address) {
      page = await browser.submit(page, { new_email_en: address, action: 'next' });
      return page;
    },
    async enterCode(code) {
      page = await browser.submit(page, { code_en: code, action: 'next' });
      return page;
    },
    codeSentTo(address) {
      const message = tenant.state.outbox.filter((m) => m.to.some((to) => to.email === address)).at(-1);
      const code = (message?.dynamic_template_data as { code?: unknown } | undefined)?.code;
      if (typeof code !== 'string') throw new Error(`no code in the outbox for ${address}`);
      return code;
    },
  };
}
