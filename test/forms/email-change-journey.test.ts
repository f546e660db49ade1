// The email-change journey as a user lives it: the BUILT form and flows, run by the local Forms
// runtime against the local tenant. Each test checks what the user reads, what was sent to whom,
// and the user record afterwards.
import type { StoredUser } from '../../local-tenant';
import { useEmailChangeJourneys } from '../helpers/email-change-journeys';

const scenario = useEmailChangeJourneys();

test('in Spanish: the pages, the flow messages and the emails are the Spanish ones', async () => {
  const user = await scenario.createUser('lucia.{n}@example.com');
  const journey = await scenario.start(user, { locale: 'es' });
  expect(scenario.pageText(journey)).toContain(`Tu dirección actual es ${user.email}.`);
  expect(journey.render({ postUrl: '/x' })).toContain('<html lang="es">');

  await journey.submit({ fields: { new_email_es: user.email.toUpperCase() } });
  expect(scenario.pageText(journey)).toContain(
    'Esa ya es tu dirección de correo electrónico. Introduce otra distinta.',
  );

  await journey.submit({ fields: { new_email_es: 'lucia.nueva@example.com' } });
  expect(scenario.pageText(journey)).toContain('Hemos enviado un código de 6 dígitos a lucia.nueva@example.com.');
  expect(scenario.outboxTo('lucia.nueva@example.com').map((m) => m.template_id)).toEqual([
    'd-2e863388bafcf91bb7eaaf6a3f17b900',
  ]);

  await journey.submit({ fields: { code_es: '000000' } });
  expect(scenario.pageText(journey)).toContain(
    'Ese código no es correcto. Revisa el último correo y vuelve a intentarlo: quedan 4 intentos.',
  );
});

test('the current address, in any case or with spaces around it, is refused: nothing sent, nothing written', async () => {
  const user = await scenario.createUser('same.{n}@example.com');
  const journey = await scenario.start(user);
  const sentBefore = scenario.outbox().length;
  await journey.submit({ fields: { new_email_en: `  ${user.email.toUpperCase()} ` } });
  expect(scenario.pageText(journey)).toContain('That is already your email address. Enter a different one.');
  expect(scenario.pageText(journey)).toContain('New email address');
  expect(scenario.outbox()).toHaveLength(sentBefore);
  expect(scenario.profile(user.user_id)).toEqual(scenario.profile(user));
});

// At least 30 addresses that are not addresses: each is refused where the user typed it.
const MALFORMED_ADDRESSES = [
  'plainaddress',
  '@example.com',
  'user@',
  'user@@example.com',
  'user@example',
  'user@.example.com',
  'user@example..com',
  'user.@example.com',
  '.user@example.com',
  'us..er@example.com',
  'user@-example.com',
  'user@example-.com',
  'user name@example.com',
  'user@exa mple.com',
  'user@example.c',
  'user@example.com.',
  'user@[127.0.0.1]',
  '"quoted"@example.com',
  'user@example.com (comment)',
  'Name <user@example.com>',
  'user@exam_ple.com',
  'user@ex*ample.com',
  `${'a'.repeat(65)}@example.com`,
  `user@${'a'.repeat(64)}.com`,
  `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.com`,
  'user\n@example.com',
  'user@example.com\nBcc: victim@example.com',
  'üser@example.com',
  'user@exämple.com',
  'user@example.123',
  'user;x@example.com',
  'user,x@example.com',
  'user@localhost',
  'user(x)@example.com',
];

describe('malformed addresses are refused with a message, and nothing is sent or written', () => {
  test.each(MALFORMED_ADDRESSES)('%j', async (address) => {
    const user = await scenario.createUser('typo.{n}@example.com');
    const journey = await scenario.start(user);
    const sentBefore = scenario.outbox().length;
    const result = await journey.submit({ fields: { new_email_en: address } });
    expect(result).toMatchObject({
      ended: false,
      step: 'step_new_email_en',
      errors: { fields: { new_email_en: 'Enter a valid email address, such as name@example.com.' } },
    });
    const html = journey.render({ postUrl: '/x' });
    expect(html).toContain('aria-invalid="true"');
    expect(scenario.pageText(journey)).toContain('Enter a valid email address, such as name@example.com.');
    expect(scenario.outbox()).toHaveLength(sentBefore);
    expect(scenario.profile(user.user_id)).toEqual(scenario.profile(user));
  });

  test('an empty address asks for one', async () => {
    const user = await scenario.createUser('empty.{n}@example.com');
    const journey = await scenario.start(user);
    await journey.submit({ fields: { new_email_en: '   ' } });
    expect(scenario.pageText(journey)).toContain('Fill in this field.');
  });

  test('there are at least 30 of them', () => {
    expect(new Set(MALFORMED_ADDRESSES).size).toBeGreaterThanOrEqual(30);
  });
});

test.each([
  ['a blocklisted domain', 'someone@blocked.test'],
  ['a subdomain of a blocklisted domain', 'someone@mail.blocked.test'],
  ['a disposable provider', 'someone@mailinator.com'],
])('%s is refused by EMAIL_RULES: nothing sent, nothing written', async (_name, address) => {
  const user = await scenario.createUser('rules.{n}@example.com');
  const journey = await scenario.start(user);
  const sentBefore = scenario.outbox().length;
  await journey.submit({ fields: { new_email_en: address } });
  expect(scenario.pageText(journey)).toContain(
    'Addresses from this email provider cannot be used here. Enter an address from another provider.',
  );
  expect(scenario.outbox()).toHaveLength(sentBefore);
  expect(scenario.profile(user.user_id)).toEqual(scenario.profile(user));
});

test('an address another account owns: no code goes there, its owner is told, and the page is the same as for a free address', async () => {
  const owner = await scenario.createUser('taken.{n}@example.com');
  const user = await scenario.createUser('asker.{n}@example.com');
  const journey = await scenario.start(user);
  await journey.submit({ fields: { new_email_en: owner.email } });

  const control = await scenario.start(await scenario.createUser('control.{n}@example.com'));
  const free = `free.${owner.email}`;
  await control.submit({ fields: { new_email_en: free } });
  // The pages differ in nothing but the address each user typed.
  const page = (j: typeof journey, address: string) => j.render({ postUrl: '/x' }).split(address).join('ADDRESS');
  expect(page(journey, owner.email)).toBe(page(control, free));

  const toOwner = scenario.outboxTo(owner.email);
  expect(toOwner).toHaveLength(1);
  expect(toOwner[0]?.template_id).toBe('d-70fb3fc463a9964b38dad255962a5525');
  expect(toOwner[0]?.dynamic_template_data).toEqual({
    email: owner.email,
    support_url: 'https://local-tenant.test/support',
  });
  expect(JSON.stringify(toOwner)).not.toMatch(/"code"/);

  // Any code is just wrong, exactly as a mistyped one would be.
  await journey.submit({ fields: { code_en: '123456' } });
  await control.submit({ fields: { code_en: '123456' } });
  expect(page(journey, owner.email)).toBe(page(control, free));
  // And after the code's validity too: a code exists for the owned address, so both read "expired".
  scenario.clock.advance(5 * 60);
  await journey.submit({ fields: { code_en: '123456' } });
  await control.submit({ fields: { code_en: '123456' } });
  expect(page(journey, owner.email)).toBe(page(control, free));
  expect(scenario.pageText(journey)).toContain('This code has expired');
  expect(scenario.profile(user.user_id)).toEqual(scenario.profile(user));
  expect(scenario.user(owner.user_id)).toEqual(owner);
});

test('resend: a new code after the wait, the old code stops working, the new one works', async () => {
  const user = await scenario.createUser('resend.{n}@example.com');
  const journey = await scenario.start(user);
  await journey.submit({ fields: { new_email_en: 'resent.address@example.com' } });
  const firstCode = scenario.latestCode('resent.address@example.com');

  await journey.submit({ action: 'resend' });
  expect(scenario.outboxTo('resent.address@example.com')).toHaveLength(2);
  expect(scenario.pageText(journey)).toContain('You can ask for a new code in 60 seconds.');

  await journey.submit({ action: 'resend' });
  expect(scenario.pageText(journey)).toContain('Wait 60 seconds before asking again.');
  expect(scenario.outboxTo('resent.address@example.com')).toHaveLength(2);

  scenario.clock.advance(60);
  await journey.submit({ action: 'resend' });
  const codes = scenario
    .outboxTo('resent.address@example.com')
    .map((m) => (m.dynamic_template_data as { code: string }).code);
  expect(codes).toHaveLength(3);
  const latest = codes[2] as string;

  expect(firstCode).not.toBe(latest);
  await journey.submit({ fields: { code_en: firstCode } });
  expect(scenario.pageText(journey)).toContain('That code is not right.');
  const result = await journey.submit({ fields: { code_en: latest } });
  expect(result.ended).toBe(true);
  expect(scenario.user(user.user_id).email).toBe('resent.address@example.com');
});

test('resend: the page allows 3, and the flow refuses a 4th resend even when the page limit is bypassed', async () => {
  const user = await scenario.createUser('many.{n}@example.com');
  const runtime = scenario.runtime();
  const journey = await scenario.start(user, { runtime });
  await journey.submit({ fields: { new_email_en: 'many.codes@example.com' } });
  for (let i = 0; i < 3; i += 1) {
    scenario.clock.advance(60);
    await journey.submit({ action: 'resend' });
  }
  expect(scenario.outboxTo('many.codes@example.com')).toHaveLength(4);
  expect(scenario.pageText(journey)).not.toContain('Send a new code');
  scenario.clock.advance(60);
  await journey.submit({ action: 'resend' });
  expect(scenario.pageText(journey)).toContain('You cannot ask again from this page.');

  // A client that ignores the page's limits (Auth0 enforces them in the browser only).
  const bypass = runtime.resumeJourney(
    { ...journey.state, resends: {} },
    { ...scenario.deployment(), vaultConnections: scenario.vaultConnections() },
  );
  await bypass.submit({ action: 'resend' });
  expect(scenario.pageText(bypass)).toContain(
    'We have already sent as many codes as one change allows. Start the change again from the app.',
  );
  expect(scenario.outboxTo('many.codes@example.com')).toHaveLength(4);
});

test('fields tampered at the code step (another address, another user id, a var) change nothing but the pending address', async () => {
  const victim = await scenario.createUser('victim.{n}@example.com');
  const user = await scenario.createUser('tamper.{n}@example.com');
  const journey = await scenario.start(user);
  await journey.submit({ fields: { new_email_en: 'proven.address@example.com' } });
  const code = scenario.latestCode('proven.address@example.com');

  const result = await journey.submit({
    fields: {
      code_en: code,
      new_email_en: 'attacker@example.com',
      new_email_es: 'attacker@example.com',
      user_id: victim.user_id,
      pending_email: 'attacker@example.com',
      email_change_outcome: 'completed',
    },
  });
  expect(result).toMatchObject({ ended: true, vars: { pending_email: 'proven.address@example.com' } });
  expect(scenario.user(user.user_id).email).toBe('proven.address@example.com');
  expect(scenario.user(victim.user_id)).toEqual(victim);
  expect(scenario.outboxTo('attacker@example.com')).toEqual([]);
});

test("two changes: the history keeps both, newest first, each with its notice's fate; nothing is overwritten", async () => {
  const user = await scenario.createUser('twice.{n}@example.com');
  const change = async (from: StoredUser, to: string) => {
    const journey = await scenario.start(from);
    await journey.submit({ fields: { new_email_en: to } });
    expect((await journey.submit({ fields: { code_en: scenario.latestCode(to) } })).ended).toBe(true);
    return scenario.user(from.user_id);
  };
  const first = `twice.b.${user.user_id.slice(-8)}@example.com`.toLowerCase();
  const second = `twice.c.${user.user_id.slice(-8)}@example.com`.toLowerCase();
  const afterFirst = await change(user, first);
  const afterSecond = await change(afterFirst, second);
  const history = afterSecond.app_metadata.email_change_history as Record<string, Record<string, string>>;
  expect(history.c1).toMatchObject({
    kind: 'change',
    previous_email: first,
    new_email: second,
    old_address_notice: 'pending',
  });
  expect(history.c2).toMatchObject({
    kind: 'change',
    previous_email: user.email,
    new_email: first,
    old_address_notice: 'sent',
  });
  expect(history.c3).toMatchObject({ kind: '', change_id: '' });
  expect(afterSecond.app_metadata.email_change_notice).toMatchObject({
    change_id: history.c1?.change_id,
    status: 'sent',
  });
  // Each old address was told, with its own change id.
  expect(scenario.outboxTo(user.email).at(-1)?.dynamic_template_data).toMatchObject({
    new_email: first,
    change_id: history.c2?.change_id,
  });
  expect(scenario.outboxTo(first).at(-1)?.dynamic_template_data).toMatchObject({
    new_email: second,
    change_id: history.c1?.change_id,
  });
});
