// A browser without a browser, for tests of the login side over HTTP: fetch with a cookie jar,
// redirects followed one by one (each hop recorded), stopping at the first URL outside the
// tenant (an app's callback, which nobody serves in these tests). Forms are submitted by
// reading their action from the page, as a browser would. Usage:
//
//   const browser = new HttpBrowser(tenant.httpUrl);
//   let page = await browser.open(authorizeUrl);          // the login page
//   page = await browser.submit(page, { username, password });
//   page.callback?.searchParams.get('code')
import { visibleText } from './email-change-journeys';

export interface HttpPage {
  /** The URL of the page shown, or of the callback the chain stopped at. */
  readonly url: URL;
  readonly status: number;
  readonly html: string;
  /** The visible text of the page. */
  readonly text: string;
  /** Set when the chain ended at a URL outside the tenant: the app's callback. */
  readonly callback?: URL;
  /** Every URL the chain went through, the first included. */
  readonly hops: readonly URL[];
  readonly headers: Headers;
}

const decodeEntities = (value: string): string =>
  value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

export class HttpBrowser {
  readonly cookies = new Map<string, string>();

  /**
   * followApps: follow redirects into the tenant's own demo app too (a person using the demo).
   * fetch: another client, e.g. one connecting from another loopback address (another "device").
   */
  constructor(
    private readonly tenantUrl: string,
    private readonly options: { followApps?: boolean; fetch?: typeof fetch } = {},
  ) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private remember(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair = ''] = header.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      if (/max-age=0/i.test(header)) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(eq + 1).trim());
    }
  }

  /** One request, no redirect followed. */
  async request(url: URL | string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const response = await (this.options.fetch ?? fetch)(url, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      redirect: 'manual',
      headers: {
        cookie: this.cookieHeader(),
        ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(init.form ? { body: new URLSearchParams(init.form).toString() } : {}),
    });
    this.remember(response);
    return response;
  }

  private async follow(first: URL, response: Response): Promise<HttpPage> {
    const hops = [first];
    let url = first;
    let current = response;
    while (current.status >= 300 && current.status < 400 && current.headers.get('location')) {
      url = new URL(current.headers.get('location') as string, url);
      hops.push(url);
      if (url.origin !== new URL(this.tenantUrl).origin || !this.isTenantPath(url)) {
        return { url, status: current.status, html: '', text: '', callback: url, hops, headers: current.headers };
      }
      current = await this.request(url);
    }
    const html = await current.text();
    return { url, status: current.status, html, text: visibleText(html), hops, headers: current.headers };
  }

  /** Apps served by the tenant itself (the demo app) are apps: their callback ends the chain too. */
  private isTenantPath(url: URL): boolean {
    return this.options.followApps === true || !url.pathname.startsWith('/demo');
  }

  async open(url: URL | string): Promise<HttpPage> {
    const target = new URL(url, this.tenantUrl);
    return this.follow(target, await this.request(target));
  }

  /** Submits the page's form (the first POST form, or the one whose action contains `actionIncludes`) with `fields`. */
  async submit(page: HttpPage, fields: Record<string, string>, actionIncludes?: string): Promise<HttpPage> {
    const forms = [...page.html.matchAll(/<form method="post" action="([^"]*)"/g)].map((m) =>
      decodeEntities(m[1] as string),
    );
    const action = forms.find((a) => actionIncludes === undefined || a.includes(actionIncludes));
    if (action === undefined)
      throw new Error(
        `no form${actionIncludes ? ` posting to ${actionIncludes}` : ''} on ${page.url.href}:\n${page.text}`,
      );
    const target = new URL(action, page.url);
    return this.follow(target, await this.request(target, { form: fields }));
  }
}
