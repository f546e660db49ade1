// A browser without a browser, for tests of the login side over HTTP: the bench's HttpSession
// (cookie jar, redirects followed one by one, each hop recorded) stopping at the first URL outside
// the tenant (an app's callback, which nobody serves in these tests), with each page's visible
// text. Forms are submitted by reading their action from the page, as a browser would. Usage:
//
//   const browser = new HttpBrowser(tenant.httpUrl);
//   let page = await browser.open(authorizeUrl);          // the login page
//   page = await browser.submit(page, { username, password });
//   page.callback?.searchParams.get('code')
import { HttpSession, type Page, type Reply, visibleText } from '../../bench/lib/http-session';
import { decodeHtmlEntities } from '../../local-tenant/shared/html-escape';

export interface HttpPage extends Page {
  /** The visible text of the page. */
  readonly text: string;
}

const withText = (page: Page): HttpPage => ({ ...page, text: page.callback ? '' : visibleText(page.html) });

export class HttpBrowser {
  private readonly session: HttpSession;

  /**
   * followApps: follow redirects into the tenant's own demo app too (a person using the demo).
   * fetch: another client, e.g. one connecting from another loopback address (another "device").
   */
  constructor(
    private readonly tenantUrl: string,
    options: { followApps?: boolean; fetch?: typeof fetch } = {},
  ) {
    const origin = new URL(tenantUrl).origin;
    // Apps served by the tenant itself (the demo app) are apps: their callback ends the chain too.
    const isTenantPath = (url: URL) => options.followApps === true || !url.pathname.startsWith('/demo');
    this.session = new HttpSession({
      stopsAt: (url) => url.origin !== origin || !isTenantPath(url),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  }

  get cookies(): Map<string, string> {
    return this.session.cookies;
  }

  /** One request, no redirect followed. */
  request(url: URL | string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Reply> {
    return this.session.request(url, init);
  }

  async open(url: URL | string): Promise<HttpPage> {
    return withText(await this.session.open(new URL(url, this.tenantUrl)));
  }

  /** Submits the page's form (the first POST form, or the one whose action contains `actionIncludes`) with `fields`. */
  async submit(page: HttpPage, fields: Record<string, string>, actionIncludes?: string): Promise<HttpPage> {
    const forms = [...page.html.matchAll(/<form method="post" action="([^"]*)"/g)].map((m) =>
      decodeHtmlEntities(m[1] as string),
    );
    const action = forms.find((a) => actionIncludes === undefined || a.includes(actionIncludes));
    if (action === undefined)
      throw new Error(
        `no form${actionIncludes ? ` posting to ${actionIncludes}` : ''} on ${page.url.href}:\n${page.text}`,
      );
    return withText(await this.session.post(new URL(action, page.url), fields));
  }
}
