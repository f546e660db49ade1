// The shape of bench/results.json: one object per measurement, flat keys for the figures the
// issue names (normalLogin.ratio, deploy.noopWrites, ...). A figure a quick run does not measure
// is null, and `skipped` says why; a full run measures everything.
import type { EmailChangeResult } from './email-change';

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGb: number;
  readonly os: string;
  /** 1, 5 and 15 minute load averages when the run began: other work on the machine shows here. */
  readonly loadAverage: readonly number[];
}

export interface TargetCheck {
  readonly name: string;
  /** The target in words, e.g. "<= 1.5". */
  readonly target: string;
  readonly value: number | null;
  /** null when the figure was not measured in this run. */
  readonly met: boolean | null;
}

export interface BenchResults {
  readonly kind: 'full' | 'quick';
  readonly date: string;
  readonly node: string;
  readonly machine: Machine;
  readonly durationS: number;
  readonly normalLogin: {
    readonly ratio: number;
    readonly nsPerCall: number;
    readonly emptyNsPerCall: number;
    readonly callsPerSample: number;
    readonly runtimeRatio: number;
    readonly runtimeUsPerExecution: number;
    readonly emptyRuntimeUsPerExecution: number;
    readonly eventReads: number;
    readonly apiReads: number;
    readonly rounds: number;
  };
  readonly coldStart: {
    readonly ratio: number;
    readonly ratioToSdkVariant: number;
    readonly ms: number;
    readonly emptyMs: number;
    readonly sdkVariantMs: number;
    readonly sdkVariantModules: number;
    readonly rounds: number;
  };
  readonly bundle: {
    readonly bytes: number;
    readonly gzipBytes: number;
    readonly limitBytes: number;
    readonly shareOfLimit: number;
    readonly sdkVariantLoadedBytes: number;
  };
  readonly build: { readonly ms: number; readonly samplesMs: readonly number[] };
  /** npm run validate, beside its reference npm run build in the same rounds. */
  readonly validate: {
    readonly ms: number;
    readonly buildMs: number;
    readonly ratioToBuild: number;
    readonly samplesMs: readonly number[];
    readonly rounds: number;
  };
  /** npm start the first time (clean state) to its "Ready." line; null when not measured. */
  readonly start: { readonly firstMs: number | null; readonly samplesMs: readonly number[] };
  readonly deploy: Record<DeployKey, number | null> & {
    readonly samples: Readonly<Record<string, readonly DeploySample[]>>;
  };
  /** EmailChangeResult with its latencies flattened to named figures. */
  readonly emailChange: Omit<EmailChangeResult, 'sendCodeStep' | 'verifyCodeStep' | 'normalLogin'> & {
    readonly sendCodeStepP50Ms: number;
    readonly sendCodeStepP95Ms: number;
    readonly verifyCodeStepP50Ms: number;
    readonly verifyCodeStepP95Ms: number;
    readonly normalLoginP50Ms: number;
    readonly normalLoginP95Ms: number;
  };
  readonly targets: readonly TargetCheck[];
  /** Figures left null by this run, with the reason. */
  readonly skipped: Readonly<Record<string, string>>;
}

export interface DeploySample {
  readonly ms: number;
  readonly reads: number;
  readonly writes: number;
  readonly tokens: number;
}

export const DEPLOY_KINDS = ['first', 'noop', 'flowChange', 'a0deploy'] as const;
export type DeployKind = (typeof DEPLOY_KINDS)[number];
const DEPLOY_FIGURES = ['Ms', 'Reads', 'Writes', 'Tokens'] as const;
export type DeployKey = `${DeployKind}${(typeof DEPLOY_FIGURES)[number]}`;
export const DEPLOY_KEYS: readonly DeployKey[] = DEPLOY_KINDS.flatMap((kind) =>
  DEPLOY_FIGURES.map((figure) => `${kind}${figure}` as DeployKey),
);

/** The keys the issue asks results.json to have, at least. */
export const REQUIRED_KEYS = [
  'normalLogin.ratio',
  'coldStart.ratio',
  'coldStart.ratioToSdkVariant',
  'bundle.bytes',
  'bundle.gzipBytes',
  'build.ms',
  'deploy.noopWrites',
  'deploy.firstMs',
  'deploy.a0deployMs',
  'validate.ms',
  'start.firstMs',
  'emailChange.sendgridCalls',
  'emailChange.managementCalls',
  'emailChange.p50Ms',
  'emailChange.p95Ms',
] as const;
