// A browser without a browser, for driving the login side of a local tenant over HTTP: fetch
// with a cookie jar, redirects followed one at a time (each hop recorded) until the chain reaches
// a URL the caller says it stops at (an app's callback, which nobody needs to serve). Forms are
// read from the page and submitted as a browser would (hidden inputs included). Every request's
// round trip is timed: over loopback, that is the tenant's server-side time plus a little HTTP.
// The tests' HttpBrowser (test/helpers/http-browser.ts) is this session with a page's visible text.
import { decodeHtmlEntities } from '../../local-tenant/shared/html-escape';

export interface Page {
  /** The URL of the page shown, or of the callback the chain stopped at. */
  readonly url: URL;
  readonly status: number;
  readonly html: string;
  /** Set when the chain stopped at the callback. */
  readonly callback?: URL;
  /** Every URL the chain went through, the first included. */
  readonly hops: readonly URL[];
  readonly headers: Headers;
}

/** One answer, its body read. */
export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

export interface FormOnPage {
  readonly action: URL;
  /** Every input of the form: name, type and value as rendered. */
  readonly inputs: readonly { readonly name: string; readonly type: string; readonly value: string }[];
}

export interface HttpSessionOptions {
  /** Whether a redirect to `url` ends the chain (the app's callback) instead of being followed. */
  readonly stopsAt: (url: URL) => boolean;
  /** Another client, e.g. one connecting from another loopback address (another "device"). */
  readonly fetch?: typeof fetch;
}

/** The visible text of an HTML page: inline tags dropped, others made spaces, entities decoded, whitespace collapsed. */
export function visibleText(html: string): string {
  const body = html.replace(/^[\s\S]*<body>/, '').replace(/<\/body>[\s\S]*$/, '');
  const text = body.replace(/<\/?(strong|em|b|i)>/g, '').replace(/<[^>]+>/g, ' ');
  return decodeHtmlEntities(text).replace(/\s+/g, ' ').trim();
}

function attributeOf(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match ? decodeHtmlEntities(match[1] as string) : undefined;
}

/** The page's first POST form, with its inputs. */
export function postFormOf(page: Pick<Page, 'url' | 'status' | 'html'>): FormOnPage {
  const form = /<form method="post"([^>]*)>([\s\S]*?)<\/form>/.exec(page.html);
  const action = form ? attributeOf(form[1] as string, 'action') : undefined;
  if (!form || action === undefined)
    throw new Error(`no POST form on ${page.url.pathname} (status ${page.status}):\n${page.html.slice(0, 2000)}`);
  const inputs = [...(form[2] as string).matchAll(/<input\b[^>]*>/g)].map((m) => ({
    name: attributeOf(m[0], 'name') ?? '',
    type: attributeOf(m[0], 'type') ?? 'text',
    value: attributeOf(m[0], 'value') ?? '',
  }));
  return { action: new URL(action, page.url), inputs };
}

export class HttpSession {
  readonly cookies = new Map<string, string>();
  /** Round-trip time of every request so far, in ms. */
  readonly timings: number[] = [];

  constructor(private readonly options: HttpSessionOptions) {}

  /** One request, no redirect followed. */
  async request(url: URL | string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Reply> {
    const start = process.hrtime.bigint();
    const response = await (this.options.fetch ?? fetch)(url, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      redirect: 'manual',
      headers: {
        cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
        ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(init.form ? { body: new URLSearchParams(init.form).toString() } : {}),
    });
    // The whole body is read inside the timing: the server's work ends when it has sent it.
    const text = await response.text();
    this.timings.push(Number(process.hrtime.bigint() - start) / 1e6);
    for (const header of response.headers.getSetCookie()) {
      const pair = header.split(';')[0] ?? '';
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      if (/max-age=0/i.test(header)) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(eq + 1).trim());
    }
    return { status: response.status, headers: response.headers, text };
  }

  private async follow(first: URL, reply: Reply): Promise<Page> {
    const hops = [first];
    let url = first;
    let current = reply;
    while (current.status >= 300 && current.status < 400 && current.headers.get('location')) {
      url = new URL(current.headers.get('location') as string, url);
      hops.push(url);
      if (this.options.stopsAt(url))
        return { url, status: current.status, html: '', callback: url, hops, headers: current.headers };
      current = await this.request(url);
    }
    return { url, status: current.status, html: current.text, hops, headers: current.headers };
  }

  async open(url: URL): Promise<Page> {
    return this.follow(url, await this.request(url));
  }

  /** Posts `fields` alone to `action`, and follows the redirects. */
  async post(action: URL, fields: Record<string, string>): Promise<Page> {
    return this.follow(action, await this.request(action, { form: fields }));
  }

  /** Submits `form` as a browser would: its hidden inputs, then `fields`. */
  async submit(form: FormOnPage, fields: Record<string, string>): Promise<Page> {
    const hidden = Object.fromEntries(form.inputs.filter((i) => i.type === 'hidden').map((i) => [i.name, i.value]));
    return this.post(form.action, { ...hidden, ...fields });
  }
}
