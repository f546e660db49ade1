// Holds the tenant's state in memory and writes it, whole and atomically, after every change.
// A change that throws leaves both the memory and the file as they were: bad input changes
// nothing.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../shared/atomic-write';
import { STATE_FORMAT_VERSION, type TenantState } from './types';

export const STATE_FILE = 'state.json';

export class StateFileError extends Error {}

export class StateStore {
  private current: TenantState;
  private saved: string;

  private constructor(
    readonly file: string,
    state: TenantState,
  ) {
    this.current = state;
    this.saved = JSON.stringify(state);
  }

  /**
   * Opens <stateDir>/state.json, or starts from `seed()` when there is none or `reset` is set.
   * A state file that does not parse is an error, never silently replaced: it may hold the
   * only copy of someone's users.
   */
  static open(stateDir: string, options: { reset: boolean; seed: () => TenantState }): StateStore {
    mkdirSync(stateDir, { recursive: true });
    const file = join(stateDir, STATE_FILE);
    // A process killed mid-write leaves its temporary file behind; the state file itself is whole.
    for (const entry of readdirSync(stateDir)) {
      if (entry.startsWith(`${STATE_FILE}.`) && entry.endsWith('.tmp')) rmSync(join(stateDir, entry), { force: true });
    }
    if (options.reset) rmSync(file, { force: true });
    if (!existsSync(file)) {
      const store = new StateStore(file, options.seed());
      store.write();
      return store;
    }
    return new StateStore(file, readStateFile(file));
  }

  get state(): TenantState {
    return this.current;
  }

  /** Runs `change` on the state and writes it; if `change` throws, nothing changes. */
  mutate<T>(change: (state: TenantState) => T): T {
    let result: T;
    try {
      result = change(this.current);
    } catch (error) {
      this.current = JSON.parse(this.saved) as TenantState;
      throw error;
    }
    this.write();
    return result;
  }

  private write(): void {
    const text = JSON.stringify(this.current);
    writeFileAtomic(this.file, text);
    this.saved = text;
  }
}

export function readStateFile(file: string): TenantState {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new StateFileError(
      `${file} is not valid JSON (${(error as Error).message}). Move it aside to keep it, or start with --reset.`,
    );
  }
  const format = (parsed as { format?: unknown } | null)?.format;
  if (format !== STATE_FORMAT_VERSION) {
    throw new StateFileError(
      `${file} has state format ${JSON.stringify(format)}, this local tenant reads format ${STATE_FORMAT_VERSION}. Start with --reset.`,
    );
  }
  return parsed as TenantState;
}
