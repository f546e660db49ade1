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
//   expectChanged(change.user(user.user_id), before, 'ana.new@example.com');
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { SENDS_APP_METADATA_KEY } from '../../actions/email-change/contract';
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

/**
 * The account as a person sees it: the user less the daily send counter the send-code flow keeps
 * in app_metadata (email_change_sends) and the updated_at its write moves, as
 * email-change-journeys.ts profile() has it. "Nothing changed" after a code was sent compares these.
 */
export function profileOf(user: StoredUser): StoredUser {
  const { [SENDS_APP_METADATA_KEY]: _sends, ...appMetadata } = user.app_metadata;
  const { updated_at: _updated, ...rest } = user;
  return { ...rest, app_metadata: appMetadata } as StoredUser;
}

/** app_metadata.email_change_sends after `count` codes sent on the UTC day of `nowMs`. */
export function sendsToday(count: number, nowMs = Date.now()): { day: string; count: string } {
  return { day: new Date(nowMs).toISOString().slice(0, 10), count: 'x'.repeat(count) };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;
/** The slots of app_metadata.email_change_history, newest first (actions/email-change/history.ts). */
const HISTORY_SLOTS = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9', 'c10'];
/** A slot no change has filled yet: every field an empty string. */
const EMPTY_SLOT = {
  kind: '',
  change_id: '',
  journey_id: '',
  previous_email: '',
  new_email: '',
  changed_at: '',
  old_address_notice: '',
  reverted_at: '',
  restored_email: '',
  from_email: '',
  by: '',
};

export interface ChangedOptions {
  /** The fate of the notice to the old address (app_metadata.email_change_notice.status); default 'sent'. */
  readonly notice?: 'sent' | 'failed';
  /** app_metadata.email_change_sends after the change; default: as in `before` (no code sent since). */
  readonly sends?: unknown;
}

/**
 * The user exactly as the flows leave it after a change from `before` to `newEmail`: the address,
 * verified, a new history entry in c1 (the earlier ones moved down one slot), the notice's fate;
 * nothing else of the account (logins_count and last_login as in `before`: no sign-in since).
 */
export function changedRecord(before: StoredUser, newEmail: string, options: ChangedOptions = {}) {
  const previous = (before.app_metadata.email_change_history ?? {}) as Record<string, unknown>;
  const history: Record<string, unknown> = {
    c1: {
      kind: 'change',
      change_id: expect.stringMatching(UUID),
      journey_id: expect.stringMatching(UUID),
      previous_email: before.email,
      new_email: newEmail,
      changed_at: expect.stringMatching(ISO_TIME),
      old_address_notice: 'pending',
      reverted_at: '',
      restored_email: '',
      from_email: '',
      by: '',
    },
  };
  HISTORY_SLOTS.slice(1).forEach((slot, i) => {
    history[slot] = previous[HISTORY_SLOTS[i] as string] ?? EMPTY_SLOT;
  });
  // The change moved down from c1 keeps its entry; its notice status may be its own ('pending')
  // or the fate app_metadata.email_change_notice recorded for it (that change's id), nothing else.
  const moved = previous.c1 as Record<string, string> | undefined;
  const fate = before.app_metadata.email_change_notice as { change_id?: string; status?: string } | undefined;
  if (moved?.kind === 'change') {
    const statuses = [
      moved.old_address_notice,
      ...(fate?.change_id === moved.change_id && fate?.status ? [fate.status] : []),
    ];
    history.c2 = { ...moved, old_address_notice: expect.stringMatching(new RegExp(`^(${statuses.join('|')})$`)) };
  }
  const { [SENDS_APP_METADATA_KEY]: sendsBefore, ...metadata } = before.app_metadata;
  const sends = 'sends' in options ? options.sends : sendsBefore;
  return {
    ...before,
    email: newEmail,
    email_verified: true,
    updated_at: expect.stringMatching(ISO_TIME),
    app_metadata: {
      ...metadata,
      ...(sends === undefined ? {} : { [SENDS_APP_METADATA_KEY]: sends }),
      email_change_history: history,
      email_change_notice: {
        change_id: expect.stringMatching(UUID),
        status: options.notice ?? 'sent',
        at: expect.stringMatching(ISO_TIME),
      },
    },
  };
}

/** Checks that `after` is changedRecord(before, newEmail, options), and that the notice's fate belongs to this change (its id and time). */
export function expectChanged(
  after: StoredUser,
  before: StoredUser,
  newEmail: string,
  options: ChangedOptions = {},
): void {
  expect(after).toEqual(changedRecord(before, newEmail, options));
  const metadata = after.app_metadata as {
    email_change_history: { c1: { change_id: string; changed_at: string } };
    email_change_notice: unknown;
  };
  expect(metadata.email_change_notice).toEqual({
    change_id: metadata.email_change_history.c1.change_id,
    status: options.notice ?? 'sent',
    at: metadata.email_change_history.c1.changed_at,
  });
}

/** The app's callback page: what any app shows; the outcome is in its URL. */
const CALLBACK_PAGE = '<!DOCTYPE html><html lang="en"><title>App</title><h1>Back in the app</h1></html>';

export function useEmailChangeInBrowser(tenant: () => LocalTenant, browser: BrowserHandle, clock?: ShiftableClock) {
  let app: { clientId: string; callback: string } | undefined;
  let server: Server | undefined;
  beforeAll(async () => {
    server = createServer((_request, response) =>
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(CALLBACK_PAGE),
    );
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
    /** profileOf the user as the tenant stores it now: the record apart from the daily send counter. */
    profile(userId: string): StoredUser {
      return profileOf(flow.user(userId));
    },
    /** app_metadata.email_change_sends after `count` codes today, on the tenant's clock (which the flows read). */
    sendsToday(count: number): { day: string; count: string } {
      return sendsToday(count, clock?.now() ?? Date.now());
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
      return {
        error: url.searchParams.get('error'),
        description: url.searchParams.get('error_description'),
        code: url.searchParams.get('code'),
      };
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
    /**
     * Presses the form's button `name` and waits for the page that follows to load (the step
     * again, the next step, or the app's callback): the form answers a POST with a redirect, so
     * the page's own load event, not the URL, tells that the new page is there.
     */
    async press(page: Page, name: string): Promise<void> {
      const loaded = page.waitForEvent('load');
      await page.getByRole('button', { name, exact: true }).click();
      await loaded;
    },
    async sendCode(page: Page, address: string): Promise<void> {
      await page.getByLabel('New email address').fill(address);
      await flow.press(page, 'Send code');
    },
    /** Enters a code on the code step; the page that follows is the step again (with its notice or a message), the stopped step, or the app's callback. */
    async enterCode(page: Page, code: string): Promise<void> {
      await page.getByLabel('Code', { exact: true }).fill(code);
      await flow.press(page, 'Change my email');
    },
    /** "Cancel, keep my current address", which every step but the stopped one has. */
    async cancel(page: Page): Promise<void> {
      await flow.press(page, 'Cancel, keep my current address');
    },
    async atCodeStep(page: Page): Promise<void> {
      await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    },
    /** The step after the last wrong code: "This change has stopped". */
    async atStoppedStep(page: Page): Promise<void> {
      await page.getByRole('heading', { name: 'This change has stopped' }).waitFor();
    },
    /** The code step's notice (the paragraph after "We sent a 6-digit code to ..."): '' when there is none. */
    async codeNotice(page: Page): Promise<string> {
      await flow.atCodeStep(page);
      return ((await page.locator('.rich-text p').nth(1).textContent()) ?? '').trim();
    },
    /** The names of the buttons the page offers, in document order. */
    async buttons(page: Page): Promise<string[]> {
      return (await page.getByRole('button').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
    },
    /** Whether the page shows an alert (the form's message region). */
    async hasAlert(page: Page): Promise<boolean> {
      return (await page.getByRole('alert').count()) > 0;
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
      if (response.status !== 201)
        throw new Error(`arming ${kind} failed: ${response.status} ${await response.text()}`);
    },
  };
  return flow;
}

/** A new address of this run for `user`, lower case: `label` tells the cases apart. */
export const addressFor = (user: StoredUser, label: string): string =>
  `${label}.${user.user_id.slice(-10)}@example.com`.toLowerCase();

/** The code a message carries, if it is a code email. */
export function codeIn(message: OutboxMessage): string | undefined {
  const code = (message.dynamic_template_data as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A 6-digit code other than `code`. */
export const wrongCode = (code: string, n = 0): string => String((Number(code) + 1 + n) % 1_000_000).padStart(6, '0');
