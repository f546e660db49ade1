// Measurement 6: email changes on a local tenant with the bundle deployed, driven over HTTP as a
// browser would, without one (lib/http-session.ts): /authorize?email_change=true&max_age=0 ->
// the login page -> the form's address step -> the code, read from the outbox JSON -> the code
// step -> the app's callback with email_change_completed. Each change is a user of its own (the
// Action allows a few changes per user per day). Counted per completed change: the messages the
// tenant's SendGrid stand-in accepted (its outbox), and the Management API requests and token
// requests the flows made (the tenant's counters). Latency: per change, the sum of the round
// trips of its requests to the tenant (the outbox read excluded), which over loopback is the
// tenant's server-side time. The reference, interleaved with the changes: a normal login of the
// same kind of user over the same driver (/authorize -> login page -> callback with a code).
import { createHash, randomBytes } from 'node:crypto';
import { ManagementClient } from 'auth0';
import { DEFAULT_DATABASE_CONNECTION } from '../local-tenant/state/seed';
import type { OutboxMessage } from '../local-tenant';
import { LOCAL_ENVIRONMENT, loadEnvironmentConfig } from '../scripts/lib/environment-config';
import { type BenchTenant, readStats, resetStats } from './lib/bench-tenant';
import { HttpSession, type Page, postFormOf, visibleText } from './lib/http-session';
import { interleave } from './lib/interleave';
import { percentile } from './lib/statistics';

export interface EmailChangeOptions {
  readonly tenant: BenchTenant;
  readonly root: string;
  readonly changes: number;
}

export interface Latency {
  readonly p50Ms: number;
  readonly p95Ms: number;
}

export interface EmailChangeResult {
  readonly changes: number;
  readonly completed: number;
  /** The first few changes that did not complete, and why. */
  readonly failures: readonly string[];
  /** Messages SendGrid accepted, per completed change (target: 2, one code and one notice). */
  readonly sendgridCalls: number;
  readonly codeEmails: number;
  readonly noticeEmails: number;
  readonly otherEmails: number;
  /** Management API requests (reads and writes, tokens apart), per completed change. */
  readonly managementCalls: number;
  readonly managementReads: number;
  readonly managementWrites: number;
  /** Token requests in the whole run, and per completed change. */
  readonly tokenRequests: number;
  readonly tokenRequestsPerChange: number;
  readonly byRoute: Readonly<Record<string, number>>;
  /** Per change: the sum of its requests' round trips. */
  readonly p50Ms: number;
  readonly p95Ms: number;
  /** The address step's submit (the send-code flow) and the code step's submit (verify, update, notice, resume). */
  readonly sendCodeStep: Latency;
  readonly verifyCodeStep: Latency;
  /** The reference: a normal login, per login. */
  readonly normalLogin: Latency;
}

interface BenchUser {
  readonly userId: string;
  email: string;
  readonly password: string;
}

const base64url = (bytes: Buffer): string => bytes.toString('base64url');

function authorizeUrl(env: Readonly<Record<string, string>>, extra: Record<string, string>): URL {
  const verifier = base64url(randomBytes(32));
  const url = new URL('/authorize', env.LOCAL_TENANT_URL);
  url.search = new URLSearchParams({
    client_id: env.DEMO_CLIENT_ID as string,
    redirect_uri: env.DEMO_REDIRECT_URI as string,
    response_type: 'code',
    scope: 'openid profile email',
    state: base64url(randomBytes(12)),
    code_challenge: base64url(createHash('sha256').update(verifier).digest()),
    code_challenge_method: 'S256',
    ...extra,
  }).toString();
  return url;
}

function expectPath(page: Page, path: string, step: string): void {
  if (page.callback || page.url.pathname !== path) {
    const where = page.callback
      ? `the callback ${page.callback.search}`
      : `${page.url.pathname} (status ${page.status})`;
    throw new Error(
      `${step}: expected ${path}, got ${where}${page.html ? `: ${visibleText(page.html).slice(0, 300)}` : ''}`,
    );
  }
}

async function outbox(env: Readonly<Record<string, string>>): Promise<OutboxMessage[]> {
  const response = await fetch(env.OUTBOX_URL as string);
  if (!response.ok) throw new Error(`GET ${env.OUTBOX_URL} answered ${response.status}`);
  return (await response.json()) as OutboxMessage[];
}

async function codeSentTo(env: Readonly<Record<string, string>>, address: string): Promise<string> {
  const messages = await outbox(env);
  for (let i = messages.length - 1; i >= 0; i -= 1) {
    const message = messages[i] as OutboxMessage;
    const code = (message.dynamic_template_data as { code?: unknown } | undefined)?.code;
    if (message.to.some((to) => to.email === address) && typeof code === 'string') return code;
  }
  throw new Error(`no code was sent to ${address}`);
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

export async function measureEmailChanges(options: EmailChangeOptions): Promise<EmailChangeResult> {
  const env = options.tenant.env;
  const keywords = loadEnvironmentConfig(options.root, LOCAL_ENVIRONMENT).keywords;
  const codeTemplates = new Set([keywords.SENDGRID_TEMPLATE_CODE_EN, keywords.SENDGRID_TEMPLATE_CODE_ES]);
  const noticeTemplates = new Set([keywords.SENDGRID_TEMPLATE_NOTICE_OLD_EN, keywords.SENDGRID_TEMPLATE_NOTICE_OLD_ES]);

  const management = new ManagementClient({
    domain: env.AUTH0_DOMAIN as string,
    clientId: env.AUTH0_CLIENT_ID as string,
    clientSecret: env.AUTH0_CLIENT_SECRET as string,
    maxRetries: 0,
  });
  const run = base64url(randomBytes(4))
    .toLowerCase()
    .replace(/[^a-z0-9]/g, 'x');
  const password = `${base64url(randomBytes(12))}-Bench1`;
  const users: BenchUser[] = [];
  for (let i = 0; i < options.changes; i += 1) {
    const email = `bench.${run}.${i}@example.com`;
    const created = await management.users.create({
      connection: DEFAULT_DATABASE_CONNECTION,
      email,
      password,
      email_verified: true,
    });
    users.push({ userId: String(created.user_id), email, password });
  }

  const outboxBefore = (await outbox(env)).length;
  await resetStats(options.tenant);
  const failures: string[] = [];
  const changeMs: number[] = [];
  const sendCodeMs: number[] = [];
  const verifyCodeMs: number[] = [];
  const loginMs: number[] = [];

  const change = async (round: number): Promise<number> => {
    const user = users[round] as BenchUser;
    const newAddress = `bench.${run}.${round}.new@example.com`;
    const session = new HttpSession({ stopsAt: (url) => url.href.startsWith(env.DEMO_REDIRECT_URI as string) });
    try {
      const login = await session.open(authorizeUrl(env, { email_change: 'true', max_age: '0' }));
      expectPath(login, '/u/login', 'the email change began');
      const addressStep = await session.submit(postFormOf(login), { username: user.email, password: user.password });
      expectPath(addressStep, '/u/form', 'the sign-in for the change');
      const addressForm = postFormOf(addressStep);
      const addressInput = addressForm.inputs.find((i) => i.type === 'email');
      if (!addressInput)
        throw new Error(`the form's first step has no email field: ${visibleText(addressStep.html).slice(0, 300)}`);
      let mark = session.timings.length;
      const codeStep = await session.submit(addressForm, { [addressInput.name]: newAddress, action: 'next' });
      sendCodeMs.push(sum(session.timings.slice(mark)));
      expectPath(codeStep, '/u/form', 'the address step');
      const code = await codeSentTo(env, newAddress).catch((error: Error) => {
        throw new Error(`${error.message}; the page said: ${visibleText(codeStep.html).slice(0, 300)}`);
      });
      const codeForm = postFormOf(codeStep);
      const codeInput = codeForm.inputs.find((i) => i.type === 'text');
      if (!codeInput)
        throw new Error(`the form's code step has no text field: ${visibleText(codeStep.html).slice(0, 300)}`);
      mark = session.timings.length;
      const end = await session.submit(codeForm, { [codeInput.name]: code, action: 'next' });
      verifyCodeMs.push(sum(session.timings.slice(mark)));
      const outcome = end.callback?.searchParams.get('error_description');
      if (outcome !== 'email_change_completed') {
        throw new Error(
          `the change ended with ${end.callback ? `the callback ${end.callback.search}` : `${end.url.pathname}: ${visibleText(end.html).slice(0, 300)}`}`,
        );
      }
      user.email = newAddress;
      changeMs.push(sum(session.timings));
    } catch (error) {
      if (failures.length < 3) failures.push(`change ${round} (${user.email}): ${(error as Error).message}`);
    }
    return sum(session.timings);
  };

  const normalLogin = async (round: number): Promise<number> => {
    const user = users[round] as BenchUser;
    const session = new HttpSession({ stopsAt: (url) => url.href.startsWith(env.DEMO_REDIRECT_URI as string) });
    const login = await session.open(authorizeUrl(env, {}));
    expectPath(login, '/u/login', 'a normal login');
    const end = await session.submit(postFormOf(login), { username: user.email, password: user.password });
    if (!end.callback?.searchParams.get('code')) {
      throw new Error(
        `a normal login of ${user.email} did not reach the callback with a code: ${end.callback?.search ?? visibleText(end.html).slice(0, 300)}`,
      );
    }
    loginMs.push(sum(session.timings));
    return sum(session.timings);
  };

  await interleave(options.changes, [
    { name: 'emailChange', sample: change },
    { name: 'normalLogin', sample: normalLogin },
  ]);

  const stats = await readStats(options.tenant);
  const sent = (await outbox(env)).slice(outboxBefore);
  const completed = changeMs.length;
  if (completed === 0) throw new Error(`no email change completed out of ${options.changes}:\n${failures.join('\n')}`);
  const per = (n: number): number => n / completed;
  const count = (templates: Set<unknown>): number => sent.filter((m) => templates.has(m.template_id)).length;
  const codeEmails = count(codeTemplates);
  const noticeEmails = count(noticeTemplates);
  const latency = (values: readonly number[]): Latency => ({
    p50Ms: percentile(values, 50),
    p95Ms: percentile(values, 95),
  });
  return {
    changes: options.changes,
    completed,
    failures,
    sendgridCalls: per(sent.length),
    codeEmails: per(codeEmails),
    noticeEmails: per(noticeEmails),
    otherEmails: per(sent.length - codeEmails - noticeEmails),
    managementCalls: per(stats.reads + stats.writes),
    managementReads: per(stats.reads),
    managementWrites: per(stats.writes),
    tokenRequests: stats.tokens,
    tokenRequestsPerChange: per(stats.tokens),
    byRoute: stats.byRoute,
    p50Ms: percentile(changeMs, 50),
    p95Ms: percentile(changeMs, 95),
    sendCodeStep: latency(sendCodeMs),
    verifyCodeStep: latency(verifyCodeMs),
    normalLogin: latency(loginMs),
  };
}
