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
  /** Rounds of npm run validate beside npm run build. */
  readonly validate: { readonly rounds: number };
  /** First npm starts, each from a clean state (about 12 s each); 0: not measured. */
  readonly start: { readonly samples: number };
}

export const FULL: BenchSettings = {
  normalLogin: { rounds: 31, minBatchMs: 20, executionsPerSample: 200, warmUpMs: 500 },
  coldStart: { rounds: 61 },
  build: { rounds: 5 },
  deploy: { firstDeploys: 2, rounds: 2, flowChange: true, a0deployReference: true },
  emailChange: { changes: 200 },
  validate: { rounds: 5 },
  start: { samples: 2 },
};

export const QUICK: BenchSettings = {
  normalLogin: { rounds: 7, minBatchMs: 5, executionsPerSample: 50, warmUpMs: 200 },
  coldStart: { rounds: 4 },
  build: { rounds: 1 },
  deploy: { firstDeploys: 1, rounds: 1, flowChange: false, a0deployReference: false },
  emailChange: { changes: 10 },
  validate: { rounds: 1 },
  start: { samples: 0 },
};
