// The demo forgives mistakes: a person trying the bundle who asks for many codes and gives up
// would otherwise be refused (email_change_rate_limited) until tomorrow. The send-code flow counts
// the codes sent today in app_metadata.email_change_sends (actions/email-change/contract.ts);
// clearing it gives the user the day's codes back. Only that counter is cleared: the change
// history (completed changes count too, and are never rewritten) and the rest stay as they are.
import { codesSentToday, SENDS_APP_METADATA_KEY } from '../actions/email-change/contract';

/** What the demo reads of a user: the ids, and the app_metadata the contract's budget is kept in. */
export interface BudgetUser {
  readonly user_id: string;
  readonly email: string;
  readonly app_metadata: Record<string, unknown>;
}

/** The users it reads and clears the budget of (the tenant's state store, given by the caller). */
export interface BudgetStore {
  readonly state: { readonly users: readonly BudgetUser[] };
  mutate(change: (state: { users: BudgetUser[] }) => void): void;
}

export interface BudgetReset {
  readonly userId: string;
  readonly email: string;
  /** Codes sent today, which counted against the budget before the reset. */
  readonly clearedCodes: number;
}

/** Codes this user was sent today, as the Action counts them. */
export function codesSentTodayTo(user: BudgetUser, nowMs: number): number {
  return codesSentToday(user.app_metadata, nowMs);
}

/** Finds a user by id, or by email (case-insensitive); undefined when there is none. */
export function findUser(
  users: readonly BudgetUser[],
  who: { userId?: string; email?: string },
): BudgetUser | undefined {
  if (who.userId !== undefined) return users.find((u) => u.user_id === who.userId);
  const email = who.email?.trim().toLowerCase();
  return email ? users.find((u) => u.email.toLowerCase() === email) : undefined;
}

/** Clears the user's email-change budget; undefined when there is no such user. */
export function resetChangeBudget(
  store: BudgetStore,
  who: { userId?: string; email?: string },
  nowMs: number,
): BudgetReset | undefined {
  const user = findUser(store.state.users, who);
  if (!user) return undefined;
  const clearedCodes = codesSentTodayTo(user, nowMs);
  if (SENDS_APP_METADATA_KEY in user.app_metadata) {
    store.mutate((state) => {
      const stored = state.users.find((u) => u.user_id === user.user_id);
      if (stored) delete stored.app_metadata[SENDS_APP_METADATA_KEY];
    });
  }
  return { userId: user.user_id, email: user.email, clearedCodes };
}
