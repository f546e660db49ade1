// A browser without a browser, for driving the login side of a local tenant over HTTP: fetch
// with a cookie jar, redirects followed one at a time while they stay on the tenant, the chain
// stopping at the app's callback (which nobody needs to serve). Forms are read from the page and
// submitted as a browser would (hidden inputs included). Every request's round trip is timed:
// over loopback, that is the tenant's server-side time plus a little HTTP.

export interface Page {
  readonly url: URL;
  readonly status: number;
  readonly html: string;
  /** Set when the chain stopped at the callback. */
  readonly callback?: URL;
}

interface Reply {
  readonly status: number;
  readonly location: string | null;
  readonly text: string;
}

export interface FormOnPage {
  readonly action: URL;
  /** Every input of the form: name, type and value as rendered. */
  readonly inputs: readonly { readonly name: string; readonly type: string; readonly value: string }[];
}

const decodeEntities = (value: string): string =>
  value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

function attributeOf(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match ? decodeEntities(match[1] as string) : undefined;
}

/** The page's first POST form, with its inputs. */
export function postFormOf(page: Page): FormOnPage {
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
  private readonly cookies = new Map<string, string>();
  /** Round-trip time of every request so far, in ms. */
  readonly timings: number[] = [];

  constructor(private readonly callbackPrefix: string) {}

  private async request(url: URL, form?: Record<string, string>): Promise<Reply> {
    const start = process.hrtime.bigint();
    const response = await fetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
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
    return { status: response.status, location: response.headers.get('location'), text };
  }

  private async follow(url: URL, reply: Reply): Promise<Page> {
    let current = reply;
    let at = url;
    while (current.status >= 300 && current.status < 400) {
      if (!current.location) throw new Error(`${at.href} answered ${current.status} without a location`);
      at = new URL(current.location, at);
      if (at.href.startsWith(this.callbackPrefix)) return { url: at, status: current.status, html: '', callback: at };
      current = await this.request(at);
    }
    return { url: at, status: current.status, html: current.text };
  }

  async open(url: URL): Promise<Page> {
    return this.follow(url, await this.request(url));
  }

  async submit(form: FormOnPage, fields: Record<string, string>): Promise<Page> {
    const hidden = Object.fromEntries(form.inputs.filter((i) => i.type === 'hidden').map((i) => [i.name, i.value]));
    return this.follow(form.action, await this.request(form.action, { ...hidden, ...fields }));
  }
}
