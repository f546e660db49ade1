// How many repetitions each measurement makes, for a full run (npm run bench) and a quick one
// (--quick: the check that every measurement still runs, in about a minute, with figures too
// rough to record).

export interface BenchSettings {
  readonly normalLogin: {
    readonly rounds: number;
    readonly minBatchMs: number;
    readonly executionsPerSample: number;
    readonly warmUpMs: number;
  };
  readonly coldStart: { readonly rounds: number };
  readonly build: { readonly rounds: number };
  readonly deploy: {
    /** First deploys, each to a fresh tenant (about 10 s each on 2 cores). */
    readonly firstDeploys: number;
    /** Rounds of: a deploy with nothing changed, and a one-flow change. */
    readonly rounds: number;
    /** Whether the rounds include the one-flow change (a deploy-cli import, ~25 s). */
    readonly flowChange: boolean;
    /** Whether plain a0deploy imports of tenant.yaml run alongside, as the reference (~25 s each). */
    readonly a0deployReference: boolean;
  };
  readonly emailChange: { readonly changes: number };
  /** Rounds of npm run validate beside npm run build, after one round left out when warmUp. */
  readonly validate: { readonly rounds: number; readonly warmUp: boolean };
  /** First npm starts, each from a clean state (about 12 s each); 0: not measured. */
  readonly start: { readonly samples: number };
}

export const FULL: BenchSettings = {
  normalLogin: { rounds: 31, minBatchMs: 20, executionsPerSample: 200, warmUpMs: 500 },
  coldStart: { rounds: 61 },
  build: { rounds: 5 },
  deploy: { firstDeploys: 2, rounds: 2, flowChange: true, a0deployReference: true },
  emailChange: { changes: 200 },
  validate: { rounds: 5, warmUp: true },
  start: { samples: 2 },
};

// Quick: few samples of what costs seconds a sample (a cold start of the SDK variant loads the
// auth0 SDK, about 0.3 s; a validate round is two npm runs), so that every measurement runs. Two
// rounds where variants rotate (bench/lib/interleave.ts), so that each goes first once, as
// bench/cold-start.ts's pairs assume: the sample right after the SDK variant's load runs slower,
// and with one round the bundle would never be that sample against the SDK variant. Ten email
// changes still: the target of one token per 10 changes needs them.
export const QUICK: BenchSettings = {
  normalLogin: { rounds: 4, minBatchMs: 5, executionsPerSample: 50, warmUpMs: 100 },
  coldStart: { rounds: 2 },
  build: { rounds: 1 },
  deploy: { firstDeploys: 1, rounds: 1, flowChange: false, a0deployReference: false },
  emailChange: { changes: 10 },
  validate: { rounds: 1, warmUp: false },
  start: { samples: 0 },
};
