// Hostile input to the form's new-address step (issue 9, docs/security.md): unicode and
// homoglyphs, very long addresses, quotes, CR/LF and header lines, spaces around, upper case.
// Each address is either accepted and normalised (trimmed, lower case, and nothing but a plain
// ASCII address reaches SendGrid; the account unchanged but for today's code count) or refused
// with a message, with nothing sent and nothing written; nothing crashes. A handful go through the real page in chromium (some with the
// browser's own checks switched off, as an attacker would); the generated volume goes through the
// same form endpoints over HTTP, with the same cookies and fields a browser sends.
//
// The generated addresses are seeded: EMAIL_CHANGE_FC_SEED=<n> runs another set, and a failure
// prints the seed and path that replay it.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, ServerResponse } from 'node:http';
import fc from 'fast-check';
import { MAX_SENDS_PER_DAY } from '../../actions/email-change/contract';
import type { Page } from 'playwright-core';
import type { OutboxMessage, StoredUser } from '../../local-tenant';
import { loadEnvironmentConfig } from '../../scripts/lib/environment-config';
import { useBrowser } from '../helpers/browser';
import { useDeployedLocalTenant } from '../helpers/deployed-local-tenant';
import { expectChanged, profileOf, useEmailChangeInBrowser } from '../helpers/email-change-browser';
import { HttpBrowser, type HttpPage } from '../helpers/http-browser';
import { signInAt } from '../helpers/login-apps';
import { ROOT } from '../helpers/paths';
import { useSecurityReport } from '../helpers/security-report';

const tenant = useDeployedLocalTenant();
const browser = useBrowser();
const change = useEmailChangeInBrowser(tenant, browser);
const report = useSecurityReport('Hostile input');

jest.setTimeout(60_000);

const SEED = Number(process.env.EMAIL_CHANGE_FC_SEED ?? 20261121);
const GENERATED_ADDRESSES = 60;
const TEMPLATE = loadEnvironmentConfig(ROOT, 'local').keywords as Record<string, unknown>;

/** Every message the new-address step may refuse an address with. */
const REFUSALS = [
  'Enter a valid email address, such as name@example.com.',
  'Fill in this field.',
  'That is not a valid email address. Check it and try again.',
  'Addresses from this email provider cannot be used here. Enter an address from another provider.',
  'That is already your email address. Enter a different one.',
];

/**
 * The HTML standard's "valid email address" (what <input type=email> accepts), written here
 * independently of the Forms runtime: whatever the flows accept must at least be this, in ASCII.
 */
const HTML_EMAIL =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/** What the flows should make of an address they accept: whitespace around dropped, A-Z lowered. */
const normalised = (input: string): string =>
  input.replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, '').replace(/[A-Z]/g, (c) => c.toLowerCase());

/** Any CR or LF in any text of what SendGrid received for a message (addresses, names, subject, data). */
function hasLineBreak(value: unknown): boolean {
  if (typeof value === 'string') return /[\r\n]/.test(value);
  if (Array.isArray(value)) return value.some(hasLineBreak);
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).some(([key, v]) => hasLineBreak(key) || hasLineBreak(v));
  return false;
}

const headerTexts = (m: OutboxMessage) => [
  m.to,
  m.from,
  m.cc,
  m.bcc,
  m.reply_to ?? null,
  m.subject,
  m.custom_args,
  m.dynamic_template_data,
];

/** An input as the report lists it (in a code span): JSON, anything outside printable ASCII, and the backtick, as \uXXXX. */
const shown = (input: string): string =>
  JSON.stringify(input)
    .replace(/[^\x20-\x5f\x61-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .slice(0, 100);

/** Checks one answer of the new-address step: accepted and normalised, or refused with a message; never an error. */
function checkAnswer(
  input: string,
  answer: { status: number; text: string },
  sent: OutboxMessage[],
  before: StoredUser,
  after: StoredUser,
): 'accepted' | 'refused' {
  expect(answer.status).toBe(200);
  expect(answer.text).not.toContain('Something went wrong');
  expect(answer.text).not.toContain('We could not');
  if (answer.text.includes('Check your email')) {
    const address = normalised(input);
    // The send is counted (app_metadata.email_change_sends), nothing else written.
    expect(profileOf(after)).toEqual(profileOf(before));
    expect(answer.text).toContain(`We sent a 6-digit code to ${address}.`);
    expect(address).toMatch(HTML_EMAIL);
    expect(address.length).toBeLessThanOrEqual(254);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.to).toEqual([{ email: address }]);
    expect([TEMPLATE.SENDGRID_TEMPLATE_CODE_EN, TEMPLATE.SENDGRID_TEMPLATE_ADDRESS_IN_USE_EN]).toContain(
      sent[0]?.template_id,
    );
    expect(hasLineBreak(headerTexts(sent[0] as OutboxMessage))).toBe(false);
    return 'accepted';
  }
  expect(after).toEqual(before);
  expect(answer.text).toContain('Change your email address');
  expect(REFUSALS.some((message) => answer.text.includes(message))).toBe(true);
  expect(sent).toEqual([]);
  return 'refused';
}

// --- The generated addresses -------------------------------------------------------------------

const HOMOGLYPHS = [
  '\u0430', // Cyrillic a
  '\u0435', // Cyrillic e
  '\u043e', // Cyrillic o
  '\u0131', // dotless i
  '\u212a', // Kelvin sign: toLowerCase() makes it an ASCII k
  '\u017f', // long s: toUpperCase() makes it an ASCII S
  '\u0130', // I with a dot: toLowerCase() makes it two characters
  '\u00df', // sharp s
  '\uff45', // fullwidth e
  '\uff20', // fullwidth @
];
const INVISIBLE = ['\u200b', '\u00a0', '\u2028', '\u0000', '\ufeff'];
const PUNCTUATION = [
  '"',
  "'",
  '<',
  '>',
  ',',
  ';',
  ':',
  '\\',
  '(',
  ')',
  '[',
  ']',
  ' ',
  '\t',
  '\r',
  '\n',
  '\r\n',
  '@',
  '%0d%0a',
  '..',
];
const LOCAL_ASCII = [...'abcxyzABCXYZ0189._+-'];
const DOMAINS = ['example.com', 'Example.COM', 'mail.example.org', 'EXAMPLE.NET', 'sub.example.co'];
const HOSTILE_DOMAINS = [
  'ex\u0430mple.com',
  'exa mple.com',
  'example',
  'example.c',
  'example.com.',
  '-example.com',
  'example.123',
  '[127.0.0.1]',
  'localhost',
  'blocked.test',
  'mailinator.com',
  'xn--80ak6aa92e.com',
  `${'a'.repeat(64)}.com`,
  'example.com\r\nBcc: attacker@example.com',
];
const INJECTIONS = [
  '\r\nBcc: attacker@example.com',
  '\nSubject: hello',
  '%0D%0ABcc:attacker@example.com',
  ',attacker@example.com',
  ';attacker@example.com',
  ' <attacker@example.com>',
  '\r\n\r\nbody',
];
const AROUND = ['', ' ', '  ', '\t', '\r\n', '\n', ' \r\n '];

const validLocal = fc.stringMatching(/^[a-zA-Z0-9]([a-zA-Z0-9+_-]{0,10}[a-zA-Z0-9])?$/);
const casing = fc.constantFrom<(s: string) => string>(
  (s) => s,
  (s) => s.toUpperCase(),
  (s) => s.toLowerCase(),
);

/** Plain addresses with spaces or line breaks around and any case: the flows must accept these. */
const plainAddress = fc
  .record({
    local: validLocal,
    domain: fc.constantFrom(...DOMAINS),
    before: fc.constantFrom(...AROUND),
    after: fc.constantFrom(...AROUND),
    casing,
  })
  .map(({ local, domain, before, after, casing: cased }) => ({
    input: `${before}${cased(`${local}@${domain}`)}${after}`,
    mustAccept: true,
  }));

/** Anything built from hostile pieces: accepted (normalised) or refused, never anything else. */
const hostileAddress = fc
  .record({
    local: fc.array(
      fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...LOCAL_ASCII) },
        fc.constantFrom(...HOMOGLYPHS),
        fc.constantFrom(...INVISIBLE),
        fc.constantFrom(...PUNCTUATION),
      ),
      {
        minLength: 1,
        maxLength: 10,
      },
    ),
    quoted: fc.boolean(),
    domain: fc.oneof(fc.constantFrom(...DOMAINS), fc.constantFrom(...HOSTILE_DOMAINS)),
    injection: fc.oneof({ weight: 2, arbitrary: fc.constant('') }, fc.constantFrom(...INJECTIONS)),
    length: fc.constantFrom(0, 0, 64, 65, 250),
    before: fc.constantFrom(...AROUND),
    after: fc.constantFrom(...AROUND),
    casing,
  })
  .map(({ local, quoted, domain, injection, length, before, after, casing: cased }) => {
    const localPart = local.join('').padEnd(length, 'a');
    const address = `${quoted ? `"${localPart}"` : localPart}@${domain}${injection}`;
    return { input: `${before}${cased(address)}${after}`, mustAccept: false };
  });

/**
 * A journey on the new-address step, over HTTP: users are made as needed (opening the form spends
 * nothing, but each user may be sent MAX_SENDS_PER_DAY codes a day, one per accepted address).
 */
class JourneysOverHttp {
  private user: StoredUser | undefined;
  private sendsLeft = 0;
  private current: { http: HttpBrowser; page: HttpPage; user: StoredUser } | undefined;

  async atNewAddressStep(): Promise<{ http: HttpBrowser; page: HttpPage; user: StoredUser }> {
    if (this.current) return this.current;
    if (!this.user || this.sendsLeft === 0) {
      this.user = await change.createUser('hostile');
      this.sendsLeft = MAX_SENDS_PER_DAY;
    }
    const http = new HttpBrowser(tenant().httpUrl);
    const page = await signInAt(
      http,
      new URL(change.authorizeUrl({ email_change: 'true', max_age: '0' })),
      this.user.email,
    );
    expect(page.text).toContain('Change your email address');
    this.current = { http, page, user: this.user };
    return this.current;
  }

  /** The step moved on (an address was accepted, a code sent): the next address needs a new journey. */
  moved(page: HttpPage, accepted: boolean): void {
    if (accepted) {
      this.current = undefined;
      this.sendsLeft -= 1;
    } else if (this.current) this.current.page = page;
  }
}

/** Statuses of every response the tenant's servers (in this process) sent while `body` ran. */
async function watchingResponses<T>(
  body: () => Promise<T>,
): Promise<{ result: T; answered: { path: string; status: number }[] }> {
  const answered: { path: string; status: number }[] = [];
  const listener = (message: unknown): void => {
    const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
    answered.push({ path: (request.url ?? '').split('?')[0] as string, status: response.statusCode });
  };
  subscribe('http.server.response.finish', listener);
  try {
    return { result: await body(), answered };
  } finally {
    unsubscribe('http.server.response.finish', listener);
  }
}

test(`${GENERATED_ADDRESSES} generated addresses through the form's endpoints: accepted and normalised, or refused with a message; no CR/LF reaches SendGrid; nothing crashes`, async () => {
  const journeys = new JourneysOverHttp();
  const outcomes = { accepted: 0, refused: 0 };
  report.note(`Generated addresses: fast-check seed ${SEED} (EMAIL_CHANGE_FC_SEED), ${GENERATED_ADDRESSES} runs.`);
  const mark = (await change.outbox()).length;
  const { answered } = await watchingResponses(() =>
    fc.assert(
      fc.asyncProperty(
        fc.oneof({ weight: 1, arbitrary: plainAddress }, { weight: 3, arbitrary: hostileAddress }),
        async ({ input, mustAccept }) => {
          let passed = false;
          try {
            const { http, page, user } = await journeys.atNewAddressStep();
            const before = change.user(user.user_id);
            const since = (await change.outbox()).length;
            const next = await http.submit(page, { new_email_en: input, action: 'next' });
            const verdict = checkAnswer(
              input,
              next,
              await change.outboxSince(since),
              before,
              change.user(user.user_id),
            );
            if (mustAccept) expect(verdict).toBe('accepted');
            journeys.moved(next, verdict === 'accepted');
            outcomes[verdict] += 1;
            passed = true;
          } finally {
            report.count(`generated \`${shown(input)}\``, passed);
          }
        },
      ),
      { seed: SEED, numRuns: GENERATED_ADDRESSES },
    ),
  );
  report.note(
    `Of the generated addresses, ${outcomes.accepted} were accepted and normalised and ${outcomes.refused} refused with a message.`,
  );

  // What reached SendGrid: one message per accepted address, each answered 202, no line break anywhere.
  const sends = answered.filter((a) => a.path === '/v3/mail/send');
  expect(sends).toHaveLength(outcomes.accepted);
  expect(sends.every((s) => s.status === 202)).toBe(true);
  const sent = await change.outboxSince(mark);
  expect(sent).toHaveLength(outcomes.accepted);
  expect(sent.filter((m) => hasLineBreak(headerTexts(m)))).toEqual([]);
  expect(sent.flatMap((m) => m.to.map((t) => t.email)).filter((e) => e.includes('attacker'))).toEqual([]);
  // Nothing crashed: no server error from any server of the tenant, and it still answers.
  expect(answered.filter((a) => a.status >= 500)).toEqual([]);
  expect((await fetch(`${tenant().httpUrl}/.well-known/openid-configuration`)).status).toBe(200);
  expect(outcomes.accepted).toBeGreaterThan(0);
  expect(outcomes.refused).toBeGreaterThan(0);
}, 240_000);

// --- Through the real page ----------------------------------------------------------------------

/** Switches off the browser's own checks of the form (type=email, required), as an attacker can. */
async function withoutBrowserChecks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const form = document.querySelector('form');
    if (form) form.noValidate = true;
  });
}

async function atNewAddressStep(prefix: string) {
  const user = await change.createUser(prefix);
  const page = await change.newPage();
  await change.start(page, user);
  return { user: change.user(user.user_id), page, mark: (await change.outbox()).length };
}

test(
  'in the page: an address typed in upper case with spaces around is accepted in lower case, and the account gets exactly that',
  report.tracked(async () => {
    const { user, page, mark } = await atNewAddressStep('upper');
    const typed = `  ${user.user_id.slice(-8)}.MIXED.Case@Example.COM  `;
    const address = normalised(typed);
    await change.sendCode(page, typed);
    await change.atCodeStep(page);
    expect(await change.text(page)).toContain(`We sent a 6-digit code to ${address}.`);
    expect(profileOf(change.user(user.user_id))).toEqual(profileOf(user));
    const before = change.user(user.user_id);
    await change.enterCode(page, await change.latestCode(address));
    expect(await change.outcome(page)).toEqual({ error: 'access_denied', description: 'email_change_completed' });
    expectChanged(change.user(user.user_id), before, address);
    expect((await change.outboxSince(mark)).map((m) => [m.to, m.template_id])).toEqual([
      [[{ email: address }], TEMPLATE.SENDGRID_TEMPLATE_CODE_EN],
      [[{ email: user.email }], TEMPLATE.SENDGRID_TEMPLATE_NOTICE_OLD_EN],
    ]);
  }),
);

test(
  'in the page: the current address in upper case with spaces around is refused as the current address',
  report.tracked(async () => {
    const { user, page, mark } = await atNewAddressStep('same');
    await change.sendCode(page, ` ${user.email.toUpperCase()} `);
    expect(await change.alert(page)).toBe('That is already your email address. Enter a different one.');
    expect(change.user(user.user_id)).toEqual(user);
    expect(await change.outboxSince(mark)).toEqual([]);
  }),
);

test(
  'in the page: a homoglyph domain becomes its punycode, which the page shows; the mail goes there and nowhere else',
  report.tracked(async () => {
    const { user, page, mark } = await atNewAddressStep('idn');
    // Cyrillic "а" in the domain: chromium sends the domain as punycode (IDNA), as for any IDN.
    await change.sendCode(page, 'pay@ex\u0430mple.com');
    await change.atCodeStep(page);
    expect(await change.text(page)).toContain('We sent a 6-digit code to pay@xn--exmple-4nf.com.');
    expect(profileOf(change.user(user.user_id))).toEqual(profileOf(user));
    expect((await change.outboxSince(mark)).map((m) => m.to)).toEqual([[{ email: 'pay@xn--exmple-4nf.com' }]]);
  }),
);

describe.each([
  ['a homoglyph in the local part (Cyrillic а)', 'p\u0430y@example.com'],
  ['quotes and a space', '"a b"@example.com'],
  ['a 65-character local part', `${'a'.repeat(65)}@example.com`],
  ['a 259-character address', `${'a'.repeat(63)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.com`],
  ['a fullwidth @', 'pay\uff20example.com'],
])('in the page, with the browser checks switched off: %s', (_name, typed) => {
  test(
    'is refused with a message; nothing sent or written',
    report.tracked(async () => {
      const { user, page, mark } = await atNewAddressStep('refused');
      await withoutBrowserChecks(page);
      await change.sendCode(page, typed);
      await page.getByRole('heading', { name: 'Change your email address' }).waitFor();
      const text = await change.text(page);
      expect(REFUSALS.some((message) => text.includes(message))).toBe(true);
      expect(change.user(user.user_id)).toEqual(user);
      expect(await change.outboxSince(mark)).toEqual([]);
    }),
  );
});

test(
  'in the page: CR/LF and a Bcc header put into the POST body are refused; nothing reaches SendGrid',
  report.tracked(async () => {
    const { user, page, mark } = await atNewAddressStep('crlf');
    // The browser strips line breaks from an email field: the attacker rewrites the request instead.
    const injected = `${user.user_id.slice(-8)}@example.com\r\nBcc: attacker@example.com`;
    await page.route(
      (url) => url.pathname === '/u/form',
      (route) => {
        if (route.request().method() !== 'POST') return route.continue();
        const body = new URLSearchParams(route.request().postData() ?? '');
        body.set('new_email_en', injected);
        return route.continue({ postData: body.toString() });
      },
    );
    const { answered } = await watchingResponses(() => change.sendCode(page, 'placeholder@example.com'));
    expect(await change.text(page)).toContain('Enter a valid email address, such as name@example.com.');
    expect(answered.filter((a) => a.path === '/v3/mail/send')).toEqual([]);
    expect(change.user(user.user_id)).toEqual(user);
    expect(await change.outboxSince(mark)).toEqual([]);
  }),
);

test(
  'in the page: a hostile address sent with "Send a new code" at the code step is ignored (the resend reads no field): the new code goes to the pending address only, and works',
  report.tracked(async () => {
    const { user, page } = await atNewAddressStep('resend');
    const address = `${user.user_id.slice(-8)}.first@example.com`.toLowerCase();
    await change.sendCode(page, address);
    await change.atCodeStep(page);
    const code = await change.latestCode(address);
    const before = change.user(user.user_id);
    const mark = (await change.outbox()).length;
    let rewritten = 0;
    await page.route(
      (url) => url.pathname === '/u/form',
      (route) => {
        if (route.request().method() !== 'POST') return route.continue();
        const body = new URLSearchParams(route.request().postData() ?? '');
        if (body.get('action') === 'resend') {
          body.set('new_email_en', ` x@example.com\r\nBcc: attacker@example.com`);
          rewritten += 1;
        }
        return route.continue({ postData: body.toString() });
      },
    );
    const { answered } = await watchingResponses(() => change.press(page, 'Send a new code'));
    expect(rewritten).toBe(1);
    await change.atCodeStep(page);
    expect(await change.hasAlert(page)).toBe(false);
    expect(await change.text(page)).toContain(`We sent a 6-digit code to ${address}.`);
    expect(answered.filter((a) => a.path === '/v3/mail/send')).toEqual([{ path: '/v3/mail/send', status: 202 }]);
    const resent = await change.outboxSince(mark);
    expect(resent.map((m) => [m.to, m.template_id])).toEqual([
      [[{ email: address }], TEMPLATE.SENDGRID_TEMPLATE_CODE_EN],
    ]);
    expect(resent.filter((m) => hasLineBreak(headerTexts(m)))).toEqual([]);
    expect(profileOf(change.user(user.user_id))).toEqual(profileOf(before));
    const fresh = await change.latestCode(address);
    expect(fresh).not.toBe(code);

    await change.enterCode(page, fresh);
    expect(await change.outcome(page)).toEqual({ error: 'access_denied', description: 'email_change_completed' });
    expectChanged(change.user(user.user_id), before, address, { sends: change.sendsToday(2) });
    expect((await change.outboxSince(mark)).map((m) => [m.to, m.template_id])).toEqual([
      [[{ email: address }], TEMPLATE.SENDGRID_TEMPLATE_CODE_EN],
      [[{ email: user.email }], TEMPLATE.SENDGRID_TEMPLATE_NOTICE_OLD_EN],
    ]);
    expect(
      (await change.outbox())
        .flatMap((m) => m.to.map((t) => t.email))
        .filter((e) => e.includes('attacker') || e === 'x@example.com'),
    ).toEqual([]);
  }),
);
