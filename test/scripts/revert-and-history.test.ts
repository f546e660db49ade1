// npm run revert and npm run history as support runs them (node --import tsx scripts/revert.ts in a child
// process), against a local tenant holding users whose app_metadata has changes as the flows write
// them (actions/email-change/history.ts: slots c1..c10, every leaf a string): revert, lock, ticket,
// the second revert, a taken address, --dry-run, bad input, and the history of it all; and changes
// made by the built flows themselves (the local Forms runtime), reverted, then changed again.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { ManagementClient } from 'auth0';
import { formVars } from '../../actions/email-change/form-vars';
import {
  HISTORY_FIELDS,
  HISTORY_KEY,
  HISTORY_SLOTS,
  LOCKED,
  LOCKED_UNTIL_KEY,
  NOTICE_KEY,
  type ChangeEntry,
  REVERT_LOCK_DAYS,
  storedEntries,
  toStoredHistory,
} from '../../actions/email-change/history';
import { DEFAULT_READINGS, type LocalTenant } from '../../local-tenant';
import { createFormsRuntime } from '../../local-tenant/forms-runtime';
import { LEAST_FAVOURABLE_READINGS, type Readings } from '../../platform/readings';
import { localTenantTargetEnv } from '../../scripts/lib/deploy/deploy-target';
import { deployedEmailChangeBundle, localVaultConnections } from '../helpers/deployed-email-change-bundle';
import { pushTemplatesToNewLocalTenant } from '../../scripts/lib/templates/push-to-new-local-tenant';
import { useLocalTenant } from '../helpers/local-tenant';
import { managementClient } from '../helpers/management-client';
import { ROOT, scriptArgs } from '../helpers/paths';

const CONNECTION = 'Username-Password-Authentication';
const DAY_MS = 86_400_000;
const TICKETS = ['POST', '/api/v2/tickets/password-change'] as const;

function run(
  tenant: LocalTenant,
  script: string,
  args: string[],
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // Not spawnSync: the local tenant answers from this very process.
    const child = spawn(process.execPath, scriptArgs(script, ...args), {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...localTenantTargetEnv(tenant.env) },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** A user whose address was changed from `previous` to `current` by change `changeId`, as the flows leave it. */
async function changedUser(client: ManagementClient, previous: string, current: string, changeId = randomUUID()) {
  const change: ChangeEntry = {
    kind: 'change',
    change_id: changeId,
    journey_id: randomUUID(),
    previous_email: previous,
    new_email: current,
    changed_at: '2025-01-02T03:04:05.000Z',
    old_address_notice: 'pending',
  };
  const user = await client.users.create({
    connection: CONNECTION,
    email: current,
    email_verified: true,
    password: 'attacker-chosen-1234',
    app_metadata: {
      [HISTORY_KEY]: toStoredHistory([change]),
      [NOTICE_KEY]: { change_id: changeId, status: 'sent', at: '2025-01-02T03:04:06.000Z' },
    } as never,
  });
  return { userId: user.user_id as string, changeId, change };
}

const userState = (tenant: LocalTenant, userId: string) =>
  JSON.stringify(tenant.state.users.find((u) => u.user_id === userId));
const storedUser = (tenant: LocalTenant, userId: string) => {
  const user = tenant.state.users.find((u) => u.user_id === userId);
  if (!user) throw new Error(`no user ${userId}`);
  return user;
};
/** A slot as the flows and the revert store it: every field of HISTORY_FIELDS, '' where the entry has none. */
const slot = (entry: Record<string, unknown>) => Object.fromEntries(HISTORY_FIELDS.map((f) => [f, entry[f] ?? '']));

/**
 * Changes `userId`'s address to `newEmail` through the BUILT form and flows (the local Forms
 * runtime under `readings`), as a journey the Action started just now: the new address, then the
 * code from the email. Returns the change id the flows recorded (slot c1).
 */
async function changeThroughTheFlows(
  tenant: LocalTenant,
  userId: string,
  newEmail: string,
  readings: Readings,
): Promise<string> {
  const user = storedUser(tenant, userId);
  const runtime = createFormsRuntime({
    managementDomain: tenant.domain,
    sendgridBaseUrl: tenant.env.SENDGRID_BASE_URL as string,
    readings,
  });
  const journey = await runtime.startJourney({
    ...deployedEmailChangeBundle(tenant),
    vaultConnections: localVaultConnections(tenant),
    user: {
      user_id: user.user_id,
      email: user.email,
      email_verified: user.email_verified,
      app_metadata: user.app_metadata,
    },
    vars: formVars({ user, locale: 'en', journeyId: randomUUID(), signedInMs: Date.now(), maxAuthAgeSeconds: 300 }),
    language: 'en',
  });
  await journey.submit({ fields: { new_email_en: newEmail } });
  const codeEmail = tenant.state.outbox.filter((m) => m.to.some((t) => t.email === newEmail)).at(-1);
  const code = (codeEmail?.dynamic_template_data as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string') throw new Error(`no code email to ${newEmail}`);
  const result = await journey.submit({ fields: { code_en: code } });
  expect(result).toMatchObject({ ended: true, vars: { email_change_outcome: 'completed' } });
  const c1 = (storedUser(tenant, userId).app_metadata[HISTORY_KEY] as Record<string, Record<string, string>>).c1;
  return c1?.change_id as string;
}

describe('on a free-plan tenant', () => {
  const tenant = useLocalTenant();

  test('revert restores the address, verified, records it first, locks, sends a ticket; a second revert changes nothing; history shows both', async () => {
    const t = tenant();
    const { userId, changeId, change } = await changedUser(
      managementClient(t),
      'owner@example.test',
      'attacker@evil.test',
    );
    const startedMs = Date.now();

    const first = await run(t, 'scripts/revert.ts', ['--env', 'local', '--change-id', changeId]);
    expect(first.stderr).toContain('Revert on environment "local"');
    expect(first.status).toBe(0);
    const lines = first.stdout.trim().split('\n');
    expect(lines[0]).toBe(
      `Reverted change ${changeId} of ${userId}: attacker@evil.test -> owner@example.test (verified).`,
    );
    expect(lines[1]).toMatch(new RegExp(`^Email changes locked until \\S+ \\(${REVERT_LOCK_DAYS} days\\)\\.$`));
    expect(lines[2]).toMatch(
      new RegExp(
        `^Password-reset ticket for owner@example.test: https://${t.domain}/lo/reset\\?ticket=[A-Za-z0-9_-]+#$`,
      ),
    );
    expect(lines[3]).toBe('Revoked: nothing.');
    expect(lines[4]).toMatch(
      /^Could not revoke: refresh tokens \(403 .*Enterprise.*\); sessions \(403 .*Enterprise.*\)\./,
    );
    expect(t.stats.count(...TICKETS)).toBe(1);

    const user = t.state.users.find((u) => u.user_id === userId);
    expect(user).toMatchObject({ email: 'owner@example.test', email_verified: true });
    // Stored as the flows store it: every slot, every leaf a string; the revert first.
    const stored = user?.app_metadata[HISTORY_KEY] as Record<string, Record<string, string>>;
    expect(Object.keys(stored)).toEqual([...HISTORY_SLOTS]);
    const history = storedEntries(stored);
    expect(history).toHaveLength(2);
    expect(history[0]).toEqual(
      slot({
        kind: 'revert',
        change_id: changeId,
        reverted_at: expect.any(String),
        restored_email: 'owner@example.test',
        from_email: 'attacker@evil.test',
        by: 'npm run revert',
      }),
    );
    // The change as it was, with the notice's fate (email_change_notice) written in: that record
    // tells the last notice only, and the next change would leave this one 'pending'.
    expect(history[1]).toEqual(slot({ ...change, old_address_notice: 'sent' }));
    const lockedUntilMs = Date.parse(user?.app_metadata[LOCKED_UNTIL_KEY] as string);
    expect(lockedUntilMs).toBeGreaterThanOrEqual(startedMs + REVERT_LOCK_DAYS * DAY_MS);
    expect(lockedUntilMs).toBeLessThanOrEqual(Date.now() + REVERT_LOCK_DAYS * DAY_MS);

    const before = userState(t, userId);
    const second = await run(t, 'scripts/revert.ts', ['--env', 'local', '--change-id', changeId]);
    expect(second.status).toBe(0);
    expect(second.stdout.trim()).toBe(
      `change ${changeId} was already reverted at ${(history[0] as { reverted_at: string }).reverted_at} (restored owner@example.test); nothing was changed.`,
    );
    expect(userState(t, userId)).toBe(before);
    expect(t.stats.count(...TICKETS)).toBe(1);

    const shown = await run(t, 'scripts/history.ts', ['--env', 'local', '--user', 'Owner@Example.test']);
    expect(shown.status).toBe(0);
    expect(shown.stdout.trim().split('\n')).toEqual([
      `User ${userId} (owner@example.test)`,
      expect.stringMatching(
        new RegExp(`^  \\S+  revert  ${changeId}  attacker@evil.test -> owner@example.test  by npm run revert$`),
      ),
      `  2025-01-02T03:04:05.000Z  change  ${changeId}  owner@example.test -> attacker@evil.test  notice to old address: sent`,
      `Email changes locked until ${user?.app_metadata[LOCKED_UNTIL_KEY] as string}.`,
    ]);
    const json = await run(t, 'scripts/history.ts', ['--env', 'local', '--user', userId, '--json']);
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual([
      expect.objectContaining({
        user_id: userId,
        email: 'owner@example.test',
        locked: true,
        entries: [
          expect.objectContaining({ kind: 'revert' }),
          { ...change, old_address_notice: 'sent', notice: 'sent' },
        ],
        problems: [],
      }),
    ]);
    // '' leaves are absent, not shown: the revert has no journey_id, the change no reverted_at.
    expect(json.stdout).not.toContain('""');
    // The Action denies with this code while the lock holds (the contract the history module names).
    expect(LOCKED).toBe('email_change_locked');
  }, 60_000);

  test('another account took the old address: refuses, says what to do, changes nothing', async () => {
    const t = tenant();
    const client = managementClient(t);
    const { userId, changeId } = await changedUser(client, 'taken@example.test', 'thief@evil.test');
    const other = await client.users.create({
      connection: CONNECTION,
      email: 'taken@example.test',
      password: 'someone-else-1234',
    });
    const before = userState(t, userId);
    const result = await run(t, 'scripts/revert.ts', ['--env', 'local', '--change-id', changeId]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `Cannot revert change ${changeId}: taken@example.test belongs to another account now (${other.user_id as string} (${CONNECTION})); nothing was changed.`,
    );
    expect(result.stderr).toContain('block or delete it');
    expect(result.stdout).toBe('');
    expect(userState(t, userId)).toBe(before);
  }, 60_000);

  test('--dry-run says what it would do and writes nothing', async () => {
    const t = tenant();
    const { userId, changeId } = await changedUser(managementClient(t), 'dry@example.test', 'wet@evil.test');
    const before = userState(t, userId);
    const tickets = t.stats.count(...TICKETS);
    const result = await run(t, 'scripts/revert.ts', [
      '--env',
      'local',
      '--change-id',
      changeId,
      '--dry-run',
      '--lock-days',
      '3',
    ]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(
      `Dry run: would restore the email of ${userId}: wet@evil.test -> dry@example.test, marked verified`,
    );
    expect(result.stdout).toMatch(
      /Dry run: would record the revert first in app_metadata.email_change_history and lock email changes until \S+\./,
    );
    expect(result.stdout.trim().split('\n').at(-1)).toBe('Dry run: nothing was changed.');
    expect(userState(t, userId)).toBe(before);
    expect(t.stats.count(...TICKETS)).toBe(tickets);
  }, 60_000);

  test('a ticket that cannot be created: the revert stands, the command says so and fails', async () => {
    const t = tenant();
    const { userId, changeId } = await changedUser(managementClient(t), 'noticket@example.test', 'x@evil.test');
    // The SDK retries a 503 twice: three failures reach the command.
    t.faults.failNext('management.tickets.create', { status: 503 }, 3);
    const result = await run(t, 'scripts/revert.ts', ['--env', 'local', '--change-id', changeId]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`Reverted change ${changeId}`);
    expect(result.stdout).toContain('Could not create a password-reset ticket (The Management API of');
    expect(result.stdout).toContain('The revert itself is done');
    expect(t.state.users.find((u) => u.user_id === userId)?.email).toBe('noticket@example.test');
  }, 60_000);

  test.each([
    [['--env', 'local'], '--change-id is missing'],
    [['--env', 'local', '--change-id', 'x" OR email:*'], 'is not a change id: it is a UUID'],
    [
      ['--env', 'local', '--change-id', randomUUID(), '--lock-days', '0'],
      '--lock-days must be a whole number of days from 1 to 365',
    ],
    [['--env', 'local', '--change-id', randomUUID(), '--user', 'a@b.test'], '--user takes the user id'],
    [
      ['--env', 'local', '--change-id', '00000000-0000-4000-8000-000000000000'],
      'No user has change 00000000-0000-4000-8000-000000000000 (user search); nothing was changed.',
    ],
    [
      ['--env', 'local', '--change-id', randomUUID(), '--user', 'auth0|nobody'],
      'There is no user auth0|nobody on this tenant',
    ],
  ])(
    'revert %j: refused with a clear message',
    async (args, message) => {
      const result = await run(tenant(), 'scripts/revert.ts', args);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(message);
      expect(result.stdout).toBe('');
    },
    60_000,
  );

  test.each([
    ['the default readings', DEFAULT_READINGS],
    ['the least favourable readings (every value that is one {{...}} a string)', LEAST_FAVOURABLE_READINGS],
  ])(
    'a change made by the flows under %s: found by its id, reverted, shown; a later change by the flows keeps the revert',
    async (_name, readings) => {
      const t = tenant();
      if (t.state.sendgridTemplates.length === 0) await pushTemplatesToNewLocalTenant(ROOT, t.env);
      const tag = readings === DEFAULT_READINGS ? 'default' : 'least';
      const owner = `flows-${tag}@example.test`;
      const created = await managementClient(t).users.create({
        connection: CONNECTION,
        email: owner,
        email_verified: true,
        password: `Pw-${randomUUID()}`,
      });
      const userId = created.user_id as string;
      const changeId = await changeThroughTheFlows(t, userId, `taken-${tag}@evil.test`, readings);
      expect(changeId).toMatch(/^[0-9a-f-]{36}$/);

      // Found by user search on the slot path, without --user.
      const reverted = await run(t, 'scripts/revert.ts', ['--env', 'local', '--change-id', changeId]);
      expect(reverted.stderr).not.toContain('Warning');
      expect(reverted.status).toBe(0);
      expect(reverted.stdout.split('\n')[0]).toBe(
        `Reverted change ${changeId} of ${userId}: taken-${tag}@evil.test -> ${owner} (verified).`,
      );

      // After the lock (the Action checks it, not the flows): the owner changes address again, and
      // the flows shift the revert's slots leaf by leaf.
      const laterId = await changeThroughTheFlows(t, userId, `later-${tag}@example.test`, readings);
      const shown = await run(t, 'scripts/history.ts', ['--env', 'local', '--user', userId]);
      expect(shown.status).toBe(0);
      expect(shown.stdout.trim().split('\n')).toEqual([
        `User ${userId} (later-${tag}@example.test)`,
        expect.stringMatching(
          new RegExp(
            `^  \\S+  change  ${laterId}  ${owner} -> later-${tag}@example.test  notice to old address: sent$`,
          ),
        ),
        expect.stringMatching(
          new RegExp(`^  \\S+  revert  ${changeId}  taken-${tag}@evil.test -> ${owner}  by npm run revert$`),
        ),
        expect.stringMatching(
          new RegExp(`^  \\S+  change  ${changeId}  ${owner} -> taken-${tag}@evil.test  notice to old address: sent$`),
        ),
        expect.stringMatching(/^Email changes locked until \S+\.$/),
      ]);
      const again = await run(t, 'scripts/revert.ts', ['--env', 'local', '--change-id', changeId]);
      expect(again.stdout.trim()).toMatch(
        new RegExp(`^change ${changeId} was already reverted at \\S+ \\(restored ${owner}\\); nothing was changed\\.$`),
      );
    },
    60_000,
  );

  test('a change id the user does not have, with --user: lists its changes', async () => {
    const t = tenant();
    const { userId, changeId } = await changedUser(managementClient(t), 'other@example.test', 'y@evil.test');
    const unknown = randomUUID();
    const result = await run(t, 'scripts/revert.ts', ['--env', 'local', '--change-id', unknown, '--user', userId]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `User ${userId} has no change ${unknown} in app_metadata.email_change_history; nothing was changed. Its changes: ${changeId}.`,
    );
  }, 60_000);
});

describe('on an Enterprise tenant', () => {
  const tenant = useLocalTenant({ plan: 'enterprise' });

  test('revert also revokes refresh tokens and sessions', async () => {
    const t = tenant();
    const { changeId } = await changedUser(managementClient(t), 'ent@example.test', 'z@evil.test');
    const result = await run(t, 'scripts/revert.ts', ['--env', 'local', '--change-id', changeId]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Revoked: refresh tokens, sessions.');
    expect(result.stdout).toContain('Could not revoke: nothing, all revoked.');
  }, 60_000);
});

test('--env prod with no AUTH0_DOMAIN: refused before anything is read', async () => {
  const result = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
    const child = spawn(
      process.execPath,
      scriptArgs('scripts/revert.ts', '--env', 'prod', '--change-id', randomUUID()),
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '' },
      },
    );
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stderr }));
  });
  expect(result.status).toBe(1);
  expect(result.stderr).toContain(
    '--env prod is a real tenant, and AUTH0_DOMAIN is not set; nothing was read or changed.',
  );
}, 60_000);
