// What `npm run revert` decides, from plain data: which change of the user the id names, whether it
// was reverted already, whether its previous address is free, and the one PATCH that reverts it
// (address, verified flag, history and lock together, so that a failure leaves nothing half done).
// The history is written as the flows write it: every slot c1..c10, every leaf a string
// (actions/email-change/history.ts toStoredHistory), so that the next change shifts it leaf by leaf.
import {
  type ChangeEntry,
  HISTORY_KEY,
  type HistoryEntry,
  LOCKED_UNTIL_KEY,
  type NoticeRecord,
  noticeStatusOf,
  prependEntry,
  toStoredHistory,
  type RevertEntry,
} from '../../../actions/email-change/history';
import { readRecoveryData, type RecoveryData, storedHistoryItems } from './read-history';

const DAY_MS = 86_400_000;

/** The fields of a user the revert reads (GET /api/v2/users/{id}). */
export interface RecoveryUser {
  readonly user_id: string;
  readonly email?: string;
  readonly identities?: readonly { readonly connection: string; readonly provider: string }[];
  readonly app_metadata?: unknown;
}

/** Another account that holds an address (GET /api/v2/users-by-email). */
export interface AddressHolder {
  readonly user_id: string;
  readonly connection?: string;
}

export type ChangeLookup =
  | { readonly kind: 'found'; readonly change: ChangeEntry; readonly data: RecoveryData }
  | { readonly kind: 'already-reverted'; readonly message: string }
  | { readonly kind: 'refused'; readonly message: string };

/** The change `changeId` of `user`, or why there is nothing to revert. */
export function lookUpChange(user: RecoveryUser, changeId: string): ChangeLookup {
  const data = readRecoveryData(user.app_metadata);
  const revert = data.history.find((e): e is RevertEntry => e.kind === 'revert' && e.change_id === changeId);
  if (revert) {
    return {
      kind: 'already-reverted',
      message: `change ${changeId} was already reverted at ${revert.reverted_at} (restored ${revert.restored_email}); nothing was changed.`,
    };
  }
  const change = data.history.find((e): e is ChangeEntry => e.kind === 'change' && e.change_id === changeId);
  if (!change) {
    const known = data.history.filter((e) => e.kind === 'change').map((e) => e.change_id);
    return {
      kind: 'refused',
      message:
        `User ${user.user_id} has no change ${changeId} in app_metadata.${HISTORY_KEY}; nothing was changed. ` +
        (known.length > 0 ? `Its changes: ${known.join(', ')}. ` : 'It has no recorded change. ') +
        `Check the id in the notice the old address received, or list the user's changes with npm run history -- --user ${user.user_id}.`,
    };
  }
  return { kind: 'found', change, data };
}

/**
 * The history as stored, newest first, entries the contract does not know included: a revert
 * keeps them (their text leaves: the slots hold text only). Empty slots are skipped, and a
 * history stored as a list is carried over into slots.
 */
function storedHistory(user: RecoveryUser): HistoryEntry[] {
  const metadata = user.app_metadata as Record<string, unknown> | undefined;
  return storedHistoryItems(metadata?.[HISTORY_KEY]).map((item) => item.value as HistoryEntry);
}

/**
 * The entry with its notice's fate written in, when it is a change still 'pending' whose fate
 * app_metadata.email_change_notice tells: that record holds the last notice only, so the next
 * change would leave this one 'pending' for good (noticeStatusOf).
 */
function withNoticeFate(entry: HistoryEntry, notice: NoticeRecord | undefined): HistoryEntry {
  if (typeof entry !== 'object' || entry === null || entry.kind !== 'change' || typeof entry.change_id !== 'string')
    return entry;
  const fate = noticeStatusOf(entry, notice);
  return fate === entry.old_address_notice ? entry : { ...entry, old_address_notice: fate };
}

export interface RevertOptions {
  readonly nowMs: number;
  readonly lockDays: number;
  /** Who reverts, as the history records it. */
  readonly by: string;
  /** Every account users-by-email lists for the change's previous address (lower case). */
  readonly holders: readonly AddressHolder[];
}

export interface RevertPlan {
  readonly kind: 'revert';
  readonly userId: string;
  readonly fromEmail: string;
  readonly restoredEmail: string;
  readonly lockedUntil: string;
  /** The body of PATCH /api/v2/users/{id}. */
  readonly patch: {
    readonly email: string;
    readonly email_verified: true;
    readonly verify_email: false;
    readonly connection: string;
    readonly app_metadata: Record<string, unknown>;
  };
  /** What the plan does, one line each, for --dry-run and the report. */
  readonly lines: readonly string[];
}

export function planRevert(
  user: RecoveryUser,
  found: Extract<ChangeLookup, { kind: 'found' }>,
  options: RevertOptions,
): RevertPlan | { kind: 'refused'; message: string } {
  const { change, data } = found;
  const identity = user.identities?.[0];
  // docs/platform-facts.md §4: only database connections can change email; others take it from the IdP.
  if (!identity || identity.provider !== 'auth0') {
    return {
      kind: 'refused',
      message: `User ${user.user_id} signs in with ${identity?.provider ?? 'no identity'}, not a database connection: its email comes from the identity provider at each login and cannot be restored here; nothing was changed.`,
    };
  }
  // docs/platform-facts.md §4: database connections store addresses in lower case.
  const restoredEmail = change.previous_email.toLowerCase();
  const others = options.holders.filter((h) => h.user_id !== user.user_id);
  if (others.length > 0) {
    const who = others.map((h) => `${h.user_id}${h.connection ? ` (${h.connection})` : ''}`).join(', ');
    return {
      kind: 'refused',
      message:
        `Cannot revert change ${change.change_id}: ${restoredEmail} belongs to another account now (${who}); nothing was changed. ` +
        'Find out with the reporter which account is theirs. If that account is not theirs (e.g. the attacker created it), block or delete it ' +
        '(Dashboard > User Management > Users) and run this command again; otherwise help the reporter sign in to that account instead.',
    };
  }
  const fromEmail = user.email ?? '';
  const lockFromNow = options.nowMs + options.lockDays * DAY_MS;
  const existingLock = data.lockedUntil === undefined ? Number.NaN : Date.parse(data.lockedUntil);
  // A longer lock already in place is kept: a revert never shortens a cool-off.
  const lockedUntil = new Date(
    Number.isFinite(existingLock) && existingLock > lockFromNow ? existingLock : lockFromNow,
  ).toISOString();
  const revert: RevertEntry = {
    kind: 'revert',
    change_id: change.change_id,
    reverted_at: new Date(options.nowMs).toISOString(),
    restored_email: restoredEmail,
    from_email: fromEmail,
    by: options.by,
  };
  const lines = [
    `Restore the email of ${user.user_id}: ${fromEmail || '(none)'} -> ${restoredEmail}, marked verified (change ${change.change_id} of ${change.changed_at}).`,
  ];
  if (fromEmail.toLowerCase() !== change.new_email.toLowerCase()) {
    lines.push(
      `Note: the account's address changed again since (to ${fromEmail || '(none)'}, not ${change.new_email}); the revert replaces it too.`,
    );
  }
  lines.push(`Record the revert first in app_metadata.${HISTORY_KEY} and lock email changes until ${lockedUntil}.`);
  return {
    kind: 'revert',
    userId: user.user_id,
    fromEmail,
    restoredEmail,
    lockedUntil,
    patch: {
      email: restoredEmail,
      email_verified: true,
      verify_email: false,
      connection: identity.connection,
      app_metadata: {
        [HISTORY_KEY]: toStoredHistory(
          prependEntry(
            storedHistory(user).map((entry) => withNoticeFate(entry, data.notice)),
            revert,
          ),
        ),
        [LOCKED_UNTIL_KEY]: lockedUntil,
      },
    },
    lines,
  };
}
