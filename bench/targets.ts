// The targets of issues 10 and 17, checked against a run's figures. A missed target is reported (in the
// table, in RESULTS.md, in results.json), never thrown: benchmarks do not fail anything.
import type { BenchResults, TargetCheck } from './results';

type Figures = Omit<BenchResults, 'targets'>;

interface Target {
  readonly name: string;
  readonly target: string;
  readonly value: (f: Figures) => number | null;
  readonly met: (value: number, figures: Figures) => boolean;
}

/** A token serves at least this many changes: "token requests spread over many changes". */
export const MIN_CHANGES_PER_TOKEN = 10;

export const TARGETS: readonly Target[] = [
  { name: 'normalLogin.ratio', target: '<= 1.5', value: (f) => f.normalLogin.ratio, met: (v) => v <= 1.5 },
  { name: 'coldStart.ratio', target: '<= 1.2', value: (f) => f.coldStart.ratio, met: (v) => v <= 1.2 },
  { name: 'bundle.bytes', target: '<= 10000', value: (f) => f.bundle.bytes, met: (v) => v <= 10_000 },
  { name: 'deploy.noopWrites', target: '== 0', value: (f) => f.deploy.noopWrites, met: (v) => v === 0 },
  // Issue 17: the tools' own speed.
  {
    name: 'deploy.firstMs / deploy.a0deployMs',
    target: '<= 1.2',
    value: (f) =>
      f.deploy.firstMs === null || f.deploy.a0deployMs === null ? null : f.deploy.firstMs / f.deploy.a0deployMs,
    met: (v) => v <= 1.2,
  },
  { name: 'validate.ms', target: '<= 3000', value: (f) => f.validate.ms, met: (v) => v <= 3000 },
  { name: 'start.firstMs', target: '< 45000', value: (f) => f.start.firstMs, met: (v) => v < 45_000 },
  {
    name: 'emailChange.codeEmails',
    target: '== 1 per change',
    value: (f) => f.emailChange.codeEmails,
    met: (v) => v === 1,
  },
  {
    name: 'emailChange.noticeEmails',
    target: '== 1 per change',
    value: (f) => f.emailChange.noticeEmails,
    met: (v) => v === 1,
  },
  // Three reads (the account when a code is sent, the owner lookup, the account again when the code
  // verifies) and three writes (the day's send count, the change with its history, the notice's
  // fate): the re-checks that stop a stolen or stale journey cost these, nothing else does.
  {
    name: 'emailChange.managementCalls',
    target: '<= 6 per change',
    value: (f) => f.emailChange.managementCalls,
    met: (v) => v <= 6,
  },
  {
    name: 'emailChange.tokenRequestsPerChange',
    target: `<= ${1 / MIN_CHANGES_PER_TOKEN} (one token per ${MIN_CHANGES_PER_TOKEN}+ changes)`,
    value: (f) => f.emailChange.tokenRequestsPerChange,
    met: (v) => v <= 1 / MIN_CHANGES_PER_TOKEN,
  },
  {
    name: 'emailChange.completed',
    target: '== emailChange.changes',
    value: (f) => f.emailChange.completed,
    met: (v, f) => v === f.emailChange.changes,
  },
];

export function checkTargets(figures: Figures): TargetCheck[] {
  return TARGETS.map((t) => {
    const value = t.value(figures);
    const met = value === null ? null : t.met(value, figures);
    return { name: t.name, target: t.target, value, met };
  });
}
