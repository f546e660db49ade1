// The bundle's guarantees, each tried under every reading of what Auth0 leaves unsaid
// (platform/readings.ts): the defaults, each reading flipped on its own, and the
// least favourable combination. A guarantee counts only where it holds under all of them; where
// one is bounded rather than absolute, the bound is stated with it. The table in
// docs/security.md ("Guarantees under each reading") is checked against this run, and written
// from it by `npm run docs:refresh`.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_SENDS_PER_DAY, SENDS_APP_METADATA_KEY } from '../../actions/email-change/contract';
import type { StoredUser } from '../../local-tenant';
import type { FormsRuntime } from '../../local-tenant/forms-runtime';
import { DEFAULT_READINGS, LEAST_FAVOURABLE_READINGS, READING_CHOICES, type Readings } from '../../platform/readings';
import { useEmailChangeJourneys } from '../helpers/email-change-journeys';
import { ROOT } from '../helpers/paths';
import { UPDATE_DOCS } from '../helpers/test-output';

const scenario = useEmailChangeJourneys();
type Scenario = typeof scenario;

const COMBINATIONS: { readonly name: string; readonly readings: Readings }[] = [
  { name: 'defaults', readings: DEFAULT_READINGS },
  ...Object.entries(READING_CHOICES).flatMap(([key, values]) =>
    (values as readonly string[])
      .filter((value) => value !== DEFAULT_READINGS[key as keyof Readings])
      .map((value) => ({ name: `${key}=${value}`, readings: { ...DEFAULT_READINGS, [key]: value } as Readings })),
  ),
  { name: 'least favourable', readings: LEAST_FAVOURABLE_READINGS },
];

interface Guarantee {
  readonly id: string;
  readonly statement: string;
  /** Where a guarantee is bounded rather than absolute under some reading, the bound. */
  readonly bound?: string;
  check(runtime: FormsRuntime): Promise<void>;
}

const wrongCodeFor = (code: string): string => (code === '111111' ? '222222' : '111111');

async function atCodeStep(runtime: FormsRuntime, name: string) {
  const user = await scenario.createUser(`${name}.{n}@example.com`);
  const journey = await scenario.start(user, { runtime });
  const newEmail = `${name}.new.${user.user_id.slice(-8)}@example.com`.toLowerCase();
  await journey.submit({ fields: { new_email_en: newEmail } });
  return { user, journey, newEmail, code: scenario.latestCode(newEmail) };
}

const unchanged = (s: Scenario, user: StoredUser) => expect(s.profile(user.user_id)).toEqual(s.profile(user));

const GUARANTEES: readonly Guarantee[] = [
  {
    id: 'nothing-before-code',
    statement: 'Nothing of the account changes before the right code is entered (the daily send count apart)',
    async check(runtime) {
      const { user, journey, code } = await atCodeStep(runtime, 'before');
      await journey.submit({ fields: { code_en: wrongCodeFor(code) } });
      unchanged(scenario, user);
    },
  },
  {
    id: 'wrong-codes',
    statement: 'At most 5 wrong codes per journey; then only the way back remains, and the right code changes nothing',
    bound:
      'with submissions of one journey in parallel (Auth0 documents no lock), at most 5 x the submissions in flight at once',
    async check(runtime) {
      const { user, journey, code } = await atCodeStep(runtime, 'wrong');
      for (let i = 0; i < 5; i += 1) await journey.submit({ fields: { code_en: wrongCodeFor(code) } });
      expect(scenario.pageText(journey)).toContain('This change has stopped');
      await journey.submit({ fields: { code_en: code } });
      unchanged(scenario, user);
    },
  },
  {
    id: 'same-page',
    statement:
      'The pages read the same for an address another account owns and a free one, after a wrong code and after expiry',
    async check(runtime) {
      const owner = await scenario.createUser('owner.{n}@example.com');
      const asker = await scenario.start(await scenario.createUser('asker.{n}@example.com'), { runtime });
      const control = await scenario.start(await scenario.createUser('control.{n}@example.com'), { runtime });
      const free = `free.${owner.email}`;
      const same = () =>
        expect(asker.render({ postUrl: '/x' }).split(owner.email).join('A')).toBe(
          control.render({ postUrl: '/x' }).split(free).join('A'),
        );
      await asker.submit({ fields: { new_email_en: owner.email } });
      await control.submit({ fields: { new_email_en: free } });
      same();
      await asker.submit({ fields: { code_en: '123456' } });
      await control.submit({ fields: { code_en: '123456' } });
      same();
      scenario.clock.advance(5 * 60);
      await asker.submit({ fields: { code_en: '123456' } });
      await control.submit({ fields: { code_en: '123456' } });
      same();
    },
  },
  {
    id: 'fresh-journey',
    statement: 'A journey older than the freshness limit (from its sign-in) changes nothing, even with the right code',
    async check(runtime) {
      const { user, journey, newEmail } = await atCodeStep(runtime, 'stale');
      // A code sent later is still valid when the journey, as old as its sign-in, no longer is.
      scenario.clock.advance(200);
      await journey.submit({ action: 'resend' });
      scenario.clock.advance(101);
      await journey.submit({ fields: { code_en: scenario.latestCode(newEmail) } });
      expect(scenario.pageText(journey)).toContain('This email change was started too long ago');
      unchanged(scenario, user);
    },
  },
  {
    id: 'owner-remedies',
    statement: 'A password change or a block after the journey began stops it: the right code changes nothing',
    async check(runtime) {
      const { user, journey, code } = await atCodeStep(runtime, 'remedy');
      await scenario.management().users.update(user.user_id, { password: `Pw-${user.user_id}-new` });
      await journey.submit({ fields: { code_en: code } });
      expect(scenario.pageText(journey)).toContain('Your account changed since this email change started');
      expect(scenario.user(user.user_id).email).toBe(user.email);
      const blocked = await atCodeStep(runtime, 'blocked');
      await scenario.management().users.update(blocked.user.user_id, { blocked: true });
      await blocked.journey.submit({ fields: { code_en: blocked.code } });
      expect(scenario.user(blocked.user.user_id).email).toBe(blocked.user.email);
    },
  },
  {
    id: 'cancel',
    statement: 'Cancel from any step ends the journey with nothing written and nothing sent',
    async check(runtime) {
      const { user, journey } = await atCodeStep(runtime, 'cancel');
      const sent = scenario.outbox().length;
      const ended = await journey.submit({ action: 'jump:cancel_code_en' });
      expect(ended).toMatchObject({ ended: true, vars: { email_change_outcome: '' } });
      expect(scenario.outbox()).toHaveLength(sent);
      unchanged(scenario, user);
    },
  },
  {
    id: 'daily-budget',
    statement: `At most ${MAX_SENDS_PER_DAY} emails a day to new addresses per user, over all journeys`,
    bound: 'two sends racing read the same count: the day can exceed the budget by the sends in flight at once',
    async check(runtime) {
      const user = await scenario.createUser('budget.{n}@example.com');
      const today = new Date(scenario.clock.now()).toISOString().slice(0, 10);
      await scenario.management().users.update(user.user_id, {
        app_metadata: { [SENDS_APP_METADATA_KEY]: { day: today, count: 'x'.repeat(MAX_SENDS_PER_DAY) } },
      });
      const journey = await scenario.start(scenario.user(user.user_id), { runtime });
      const sent = scenario.outbox().length;
      await journey.submit({
        fields: { new_email_en: `budget.new.${user.user_id.slice(-8)}@example.com`.toLowerCase() },
      });
      expect(scenario.pageText(journey)).toContain('We have sent as many codes today as your account allows.');
      expect(scenario.outbox()).toHaveLength(sent);
    },
  },
  {
    id: 'notice-recorded',
    statement: 'A failed notice to the old address is recorded with the change (app_metadata), never silent',
    async check(runtime) {
      const { user, journey, code } = await atCodeStep(runtime, 'notice');
      scenario.tenant().faults.failNext('sendgrid.send', { status: 500 });
      await journey.submit({ fields: { code_en: code } });
      expect(scenario.user(user.user_id).app_metadata.email_change_notice).toMatchObject({ status: 'failed' });
    },
  },
  {
    id: 'code-bound',
    statement:
      'A code works only in its own journey: another journey of the same user, to the same address, refuses it',
    async check(runtime) {
      const { user, newEmail, code } = await atCodeStep(runtime, 'bound');
      const other = await scenario.start(scenario.user(user.user_id), { runtime });
      await other.submit({ fields: { new_email_en: newEmail } });
      // The seeded digits give the second journey another code (a failure here replays the same way).
      expect(scenario.latestCode(newEmail)).not.toBe(code);
      await other.submit({ fields: { code_en: code } });
      expect(scenario.pageText(other)).toContain('That code is not right.');
      expect(scenario.user(user.user_id).email).toBe(user.email);
    },
  },
];

const results = new Map<string, Map<string, boolean>>();

describe.each(COMBINATIONS)('under $name', ({ name, readings }) => {
  test.each(GUARANTEES.map((g) => [g.id, g] as const))('%s', async (id, guarantee) => {
    const runtime = scenario.runtime({ readings });
    const row = results.get(id) ?? new Map<string, boolean>();
    results.set(id, row);
    row.set(name, false);
    await guarantee.check(runtime);
    row.set(name, true);
  });
});

const DOCS = join(ROOT, 'docs', 'security.md');
const START = '<!-- guarantees-under-readings:start -->';
const END = '<!-- guarantees-under-readings:end -->';

function table(): string {
  const lines = [
    `Tried by \`test/forms/guarantees-under-readings.test.ts\` under ${COMBINATIONS.length} combinations: the defaults, each reading flipped alone (${COMBINATIONS.slice(
      1,
      -1,
    )
      .map((c) => `\`${c.name}\``)
      .join(', ')}), and the least favourable combination.`,
    '',
    '| guarantee | holds under | bound |',
    '|---|---|---|',
  ];
  for (const g of GUARANTEES) {
    const row = results.get(g.id);
    const failed = COMBINATIONS.filter((c) => row?.get(c.name) !== true).map((c) => c.name);
    const holds = failed.length === 0 ? `all ${COMBINATIONS.length}` : `all but ${failed.join(', ')}`;
    lines.push(`| ${g.statement} | ${holds} | ${g.bound ?? '—'} |`);
  }
  return lines.join('\n');
}

test('docs/security.md shows the guarantees under each reading exactly as this run found them', () => {
  const docs = readFileSync(DOCS, 'utf8');
  const expected = `${START}\n${table()}\n${END}`;
  if (UPDATE_DOCS) {
    const replaced = docs.includes(START)
      ? docs.replace(new RegExp(`${START}[\\s\\S]*${END}`), expected)
      : `${docs}\n## Guarantees under each reading\n\n${expected}\n`;
    writeFileSync(DOCS, replaced);
    return;
  }
  expect(docs).toContain(expected);
});
