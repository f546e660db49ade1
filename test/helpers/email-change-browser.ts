// An email change driven in a real browser (test/helpers/browser.ts) against a local tenant with
// the bundle deployed, as a user or an attacker drives it: an app registered on the tenant, whose
// callback is a page this helper serves on loopback (the test reads the outcome from its URL);
// the login and form pages used by their labels; the outbox and the user record as the tenant
// keeps them. Usage:
//
//   const clock = new ShiftableClock();
//   const tenant = useDeployedLocalTenant({ now: clock.now });
//   const browser = useBrowser();
//   const change = useEmailChangeInBrowser(tenant, browser, clock);
//   const user = await change.createUser('ana');
//   const page = await change.newPage();
//   await change.start(page, user);                 // signed in again, on the form's first step
//   await change.sendCode(page, 'ana.new@example.com');
//   await change.enterCode(page, await change.latestCode('ana.new@example.com'));
//   expect(await change.outcome(page)).toEqual({ error: 'access_denied', description: 'email_change_completed' });
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import type { Fault, FaultKind, LocalTenant, OutboxMessage, StoredUser } from '../../local-tenant';
import type { BrowserHandle } from './browser';
import { createUser, management, PASSWORD, pkce } from './login-apps';

/**
 * The tenant's clock, shifted by hand (LocalTenantOptions.now): sessions, login transactions and
 * the Forms runtime's codes follow it. The deployed Action reads the real clock (Date.now in its
 * own context), as on Auth0: shift the tenant back to make a sign-in look older to the Action.
 */
export class ShiftableClock {
  offsetMs = 0;
  readonly now = (): number => Date.now() + this.offsetMs;
  shift(seconds: number): void {
    this.offsetMs += seconds * 1000;
  }
  reset(): void {
    this.offsetMs = 0;
  }
}

export interface Outcome {
  readonly error: string | null;
  readonly description: string | null;
}

/** The user as the tenant stores it, without what every sign-in updates (logins_count, last_login). */
export function accountOf(user: StoredUser): Omit<StoredUser, 'logins_count' | 'last_login'> {
  const { logins_count: _count, last_login: _last, ...account } = user;
  return account;
}

/** The app's callback page: what any app shows; the outcome is in its URL. */
const CALLBACK_PAGE = '<!DOCTYPE html><html lang="en"><title>App</title><h1>Back in the app</h1></html>';

export function useEmailChangeInBrowser(tenant: () => LocalTenant, browser: BrowserHandle, clock?: ShiftableClock) {
  let app: { clientId: string; callback: string } | undefined;
  let server: Server | undefined;
  beforeAll(async () => {
    server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(CALLBACK_PAGE));
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const callback = `http://localhost:${(server.address() as AddressInfo).port}/callback`;
    // A public client (PKCE), as a single-page app registers.
    const client = await management(tenant()).clients.create({
      name: 'Security tests app',
      app_type: 'spa',
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code'],
      callbacks: [callback],
    });
    app = { clientId: String(client.client_id), callback };
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  });
  afterEach(() => {
    tenant().faults.clear();
    clock?.reset();
  });

  const theApp = () => {
    if (!app) throw new Error('useEmailChangeInBrowser: the app is not created yet (beforeAll has not run)');
    return app;
  };

  const flow = {
    app: theApp,
    /** A database user with the test password; its address is unique in this run. */
    async createUser(prefix: string): Promise<StoredUser> {
      const created = await createUser(tenant(), prefix);
      return flow.user(created.user_id);
    },
    /** The user as the tenant stores it now. */
    user(userId: string): StoredUser {
      const found = tenant().state.users.find((u) => u.user_id === userId);
      if (!found) throw new Error(`the tenant has no user ${userId}`);
      return found;
    },
    /** A page in a fresh browser context (no cookies). */
    newPage(): Promise<Page> {
      return browser.newPage();
    },
    /** An /authorize URL of the app, with PKCE, a state and a nonce, plus `extra` parameters. */
    authorizeUrl(extra: Record<string, string> = {}): string {
      const url = new URL('/authorize', tenant().httpUrl);
      const params = {
        response_type: 'code',
        client_id: theApp().clientId,
        redirect_uri: theApp().callback,
        scope: 'openid profile email',
        state: 'app-state',
        nonce: 'app-nonce',
        code_challenge: pkce().challenge,
        code_challenge_method: 'S256',
        ...extra,
      };
      for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
      return url.href;
    },
    /** The login page, filled and sent. */
    async signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await page.getByLabel('Email address').fill(email);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Continue', exact: true }).click();
    },
    /** A normal sign-in to the app (prompt=login, no email change): the browser then has a fresh session. */
    async signInToApp(page: Page, user: StoredUser): Promise<Outcome & { code: string | null }> {
      await page.goto(flow.authorizeUrl({ prompt: 'login' }));
      await flow.signIn(page, user.email);
      const url = await flow.callback(page);
      return { error: url.searchParams.get('error'), description: url.searchParams.get('error_description'), code: url.searchParams.get('code') };
    },
    /** Waits for the browser to reach the app's callback, and gives its URL. */
    async callback(page: Page): Promise<URL> {
      const callback = theApp().callback;
      await page.waitForURL((url) => url.href.startsWith(`${callback}?`));
      return new URL(page.url());
    },
    async outcome(page: Page): Promise<Outcome> {
      const url = await flow.callback(page);
      return { error: url.searchParams.get('error'), description: url.searchParams.get('error_description') };
    },
    /** /authorize?email_change=true&max_age=0 (plus `extra`), the password again: the form's first step. */
    async start(page: Page, user: StoredUser, extra: Record<string, string> = {}): Promise<void> {
      await page.goto(flow.authorizeUrl({ email_change: 'true', max_age: '0', ...extra }));
      await flow.signIn(page, user.email);
      await page.getByRole('heading', { name: 'Change your email address' }).waitFor();
    },
    async sendCode(page: Page, address: string): Promise<void> {
      await page.getByLabel('New email address').fill(address);
      await page.getByRole('button', { name: 'Send code' }).click();
      await page.waitForLoadState();
    },
    /** Enters a code on the code step; the page that follows is the step again (with a message) or the app's callback. */
    async enterCode(page: Page, code: string): Promise<void> {
      await page.getByLabel('Code').fill(code);
      await page.getByRole('button', { name: 'Change my email' }).click();
      await page.waitForLoadState();
    },
    async atCodeStep(page: Page): Promise<void> {
      await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    },
    /** The message the form shows in its alert region. */
    async alert(page: Page): Promise<string> {
      const alert = page.getByRole('alert');
      await alert.waitFor();
      return ((await alert.textContent()) ?? '').trim();
    },
    /**
     * Submits `fields` to `url` from the page with a form added to it (the browser's cookies go
     * with it), as anyone can with the developer tools; gives the answer's status and the page text.
     * The login pages' CSP forbids script requests (connect-src), not form posts.
     */
    async post(page: Page, url: string, fields: Record<string, string>): Promise<{ status: number; text: string }> {
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url() === url && r.request().method() === 'POST'),
        page.evaluate(
          ({ target, values }) => {
            const form = document.createElement('form');
            form.method = 'post';
            form.action = target;
            for (const [name, value] of Object.entries(values)) {
              const input = document.createElement('input');
              input.type = 'hidden';
              input.name = name;
              input.value = value;
              form.append(input);
            }
            document.body.append(form);
            form.submit();
          },
          { target: url, values: fields },
        ),
      ]);
      await page.waitForLoadState();
      return { status: response.status(), text: await flow.text(page) };
    },
    /** What the person reads on the page, whitespace collapsed. */
    async text(page: Page): Promise<string> {
      return (await page.locator('body').innerText()).replace(/\s+/g, ' ').trim();
    },
    /** Every message the local SendGrid accepted, read from OUTBOX_URL as another process would. */
    async outbox(): Promise<OutboxMessage[]> {
      const response = await fetch(tenant().env.OUTBOX_URL as string);
      if (response.status !== 200) throw new Error(`the outbox answered ${response.status}`);
      return (await response.json()) as OutboxMessage[];
    },
    /** Messages accepted after the first `since` (an outbox length taken earlier). */
    async outboxSince(since: number): Promise<OutboxMessage[]> {
      return (await flow.outbox()).slice(since);
    },
    async outboxTo(address: string): Promise<OutboxMessage[]> {
      return (await flow.outbox()).filter((m) => m.to.some((t) => t.email === address));
    },
    /** The code in the latest code email to `address`. */
    async latestCode(address: string): Promise<string> {
      const message = (await flow.outboxTo(address)).filter((m) => codeIn(m) !== undefined).at(-1);
      const code = message && codeIn(message);
      if (code === undefined) throw new Error(`no code email to ${address}`);
      return code;
    },
    /**
     * A new user at the code step of a change to addressFor(user, `label`), the code sent: where
     * most cases start. `before` is the record and `mark` the outbox length once the code is out.
     */
    async codeSent(prefix: string, label: string) {
      const user = await flow.createUser(prefix);
      const page = await flow.newPage();
      await flow.start(page, user);
      const address = addressFor(user, label);
      await flow.sendCode(page, address);
      await flow.atCodeStep(page);
      const code = await flow.latestCode(address);
      return { user, page, address, code, before: flow.user(user.user_id), mark: (await flow.outbox()).length };
    },
    /** Arms a fault through the test controls over HTTP, as a test in another process would. */
    async armFault(kind: FaultKind, fault: Fault, count = 1): Promise<void> {
      const response = await fetch(`${tenant().httpUrl}/__local/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ kind, count, ...fault }),
      });
      if (response.status !== 201) throw new Error(`arming ${kind} failed: ${response.status} ${await response.text()}`);
    },
  };
  return flow;
}

/** A new address of this run for `user`, lower case: `label` tells the cases apart. */
export const addressFor = (user: StoredUser, label: string): string => `${label}.${user.user_id.slice(-10)}@example.com`.toLowerCase();

/** The code a message carries, if it is a code email. */
export function codeIn(message: OutboxMessage): string | undefined {
  const code = (message.dynamic_template_data as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A 6-digit code other than `code`. */
export const wrongCode = (code: string, n = 0): string => String((Number(code) + 1 + n) % 1_000_000).padStart(6, '0');
