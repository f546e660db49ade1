// The demo forgives mistakes: a person trying the bundle who starts a few changes and gives up
// would otherwise be refused (email_change_rate_limited) for 24 hours. The Action counts each
// change started in app_metadata.email_change_starts (actions/email-change/contract.ts); clearing
// that list gives the user their whole daily budget back. Only the budget is cleared: the user's
// change history and anything else in app_metadata stay as they are.
import { STARTS_APP_METADATA_KEY } from '../../actions/email-change/contract';
import { recentStarts } from '../../actions/email-change/decide-entry';
import type { StateStore } from '../state/store';
import type { StoredUser } from '../state/types';

export interface BudgetReset {
  readonly userId: string;
  readonly email: string;
  /** Changes started in the last 24 hours, which counted against the budget before the reset. */
  readonly clearedStarts: number;
}

/** Changes this user started in the last 24 hours, as the Action counts them. */
export function recentChangeStarts(user: StoredUser, nowMs: number): number {
  return recentStarts(user.app_metadata, Math.floor(nowMs / 1000)).length;
}

/** Finds a user by id, or by email (case-insensitive); undefined when there is none. */
export function findUser(users: readonly StoredUser[], who: { userId?: string; email?: string }): StoredUser | undefined {
  if (who.userId !== undefined) return users.find((u) => u.user_id === who.userId);
  const email = who.email?.trim().toLowerCase();
  return email ? users.find((u) => u.email.toLowerCase() === email) : undefined;
}

/** Clears the user's email-change budget; undefined when there is no such user. */
export function resetChangeBudget(store: StateStore, who: { userId?: string; email?: string }, nowMs: number): BudgetReset | undefined {
  const user = findUser(store.state.users, who);
  if (!user) return undefined;
  const clearedStarts = recentChangeStarts(user, nowMs);
  if (STARTS_APP_METADATA_KEY in user.app_metadata) {
    store.mutate((state) => {
      const stored = state.users.find((u) => u.user_id === user.user_id);
      if (stored) delete stored.app_metadata[STARTS_APP_METADATA_KEY];
    });
  }
  return { userId: user.user_id, email: user.email, clearedStarts };
}
