// Faults on demand: tests make the next N calls of a kind fail with a status, or hang until the
// client gives up, to prove that the bundle handles an outage the way it claims.

/** The kinds routes declare; a test may also name any route's kind listed in FAULT_KINDS. */
export const FAULT_KINDS = [
  'sendgrid.send',
  'sendgrid.templates',
  'management.token',
  'management.users.read',
  'management.users.update',
  'management.users.create',
  'management.users.delete',
  'management.tickets.create',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

/** Fail with this HTTP status (the body is the API's own error format), or never answer. */
export type Fault = { status: number; message?: string } | { timeout: true };

export interface PendingFault {
  readonly kind: FaultKind;
  readonly fault: Fault;
  readonly remaining: number;
}

export interface FaultControls {
  /** Makes the next `count` (default 1) calls of `kind` fail with `fault`. */
  failNext(kind: FaultKind, fault: Fault, count?: number): void;
  /** What is still armed. */
  pending(): PendingFault[];
  clear(): void;
}

export class FaultError extends Error {}

export class Faults implements FaultControls {
  private queue: { kind: FaultKind; fault: Fault; remaining: number }[] = [];

  failNext(kind: FaultKind, fault: Fault, count = 1): void {
    const problem = checkFault(kind, fault, count);
    if (problem) throw new FaultError(problem);
    this.queue.push({ kind, fault: { ...fault }, remaining: count });
  }

  pending(): PendingFault[] {
    return this.queue.map((entry) => ({ ...entry, fault: { ...entry.fault } }));
  }

  clear(): void {
    this.queue = [];
  }

  /** Called by the server for each call of `kind`: the fault to apply to it, if one is armed. */
  take(kind: string): Fault | undefined {
    const entry = this.queue.find((e) => e.kind === kind);
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.queue.splice(this.queue.indexOf(entry), 1);
    return entry.fault;
  }
}

/** What is wrong with a fault request, in the terms of a test author; undefined when fine. */
export function checkFault(kind: unknown, fault: unknown, count: unknown): string | undefined {
  if (typeof kind !== 'string' || !(FAULT_KINDS as readonly string[]).includes(kind)) {
    return `unknown fault kind ${JSON.stringify(kind)}; known kinds: ${FAULT_KINDS.join(', ')}`;
  }
  if (!Number.isInteger(count) || (count as number) < 1)
    return `count must be a whole number of at least 1, got ${JSON.stringify(count)}`;
  const f = fault as { status?: unknown; timeout?: unknown; message?: unknown } | null;
  if (typeof f !== 'object' || f === null) return 'a fault is {"status": <400-599>} or {"timeout": true}';
  if (f.timeout === true && f.status === undefined) return undefined;
  if (
    Number.isInteger(f.status) &&
    (f.status as number) >= 400 &&
    (f.status as number) <= 599 &&
    f.timeout === undefined
  ) {
    return f.message === undefined || typeof f.message === 'string' ? undefined : 'message must be a string';
  }
  return `a fault is {"status": <400-599>} or {"timeout": true}, got ${JSON.stringify(fault)}`;
}
