// Counts of the requests the Management API received, per method and route pattern, so that a
// test can prove "a deploy with nothing to change writes nothing" or "one token per run".

export interface StatsSnapshot {
  /** GET requests under /api/v2. */
  readonly reads: number;
  /** POST, PATCH, PUT and DELETE requests under /api/v2. */
  readonly writes: number;
  /** Token requests at /oauth/token. */
  readonly tokens: number;
  /** Every counted request by "METHOD /pattern", e.g. "PATCH /api/v2/users/:id". */
  readonly byRoute: Readonly<Record<string, number>>;
  /** Requests for endpoints the local tenant does not have, by "METHOD /path" (answered 404). */
  readonly unknown: Readonly<Record<string, number>>;
}

export interface RequestStats {
  snapshot(): StatsSnapshot;
  /** How many requests matched `method` and `pattern`. */
  count(method: string, pattern: string): number;
  reset(): void;
}

export class Stats implements RequestStats {
  private counts = new Map<string, number>();
  private unknown = new Map<string, number>();
  private reads = 0;
  private writes = 0;
  private tokens = 0;

  record(method: string, pattern: string): void {
    const key = `${method} ${pattern}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    if (pattern === '/oauth/token') this.tokens += 1;
    else if (method === 'GET') this.reads += 1;
    else this.writes += 1;
  }

  recordUnknown(method: string, path: string): void {
    const key = `${method} ${path}`;
    this.unknown.set(key, (this.unknown.get(key) ?? 0) + 1);
  }

  snapshot(): StatsSnapshot {
    return {
      reads: this.reads,
      writes: this.writes,
      tokens: this.tokens,
      byRoute: sorted(this.counts),
      unknown: sorted(this.unknown),
    };
  }

  count(method: string, pattern: string): number {
    return this.counts.get(`${method} ${pattern}`) ?? 0;
  }

  reset(): void {
    this.counts.clear();
    this.unknown.clear();
    this.reads = 0;
    this.writes = 0;
    this.tokens = 0;
  }
}

const sorted = (counts: Map<string, number>): Record<string, number> =>
  Object.fromEntries([...counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
