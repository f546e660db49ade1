// Measurement 7: the wall time of `npm run validate` (the bundle's checks and deploy-cli's
// schema, validate/deploy-cli-schema.ts), side by side with its reference `npm run build`,
// interleaved, on a copy of the project (the first round's build makes its dist/, which validate
// checks). "Warm": the OS file cache and the one warm-up round of each have run (a full run; a
// quick one has none); nothing else is cached between runs.
import { spawn } from 'node:child_process';
import { copyProject } from './lib/project-copy';
import { interleave, msSince } from './lib/interleave';
import { median, medianRatio } from './lib/statistics';

export interface ValidateTimeResult {
  readonly ms: number;
  readonly buildMs: number;
  /** Median of the per-round ratios validate / build. */
  readonly ratioToBuild: number;
  readonly samplesMs: readonly number[];
  readonly rounds: number;
}

function npmRun(dir: string, script: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', script], {
      cwd: dir,
      env: { ...process.env, DEPLOY_ENV: 'local' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => reject(new Error(`could not run npm run ${script}: ${error.message}`)));
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`npm run ${script} failed (exit ${code}):\n${output}`)),
    );
  });
}

async function timed(dir: string, script: string): Promise<number> {
  const start = process.hrtime.bigint();
  await npmRun(dir, script);
  return msSince(start);
}

export async function measureValidateTime(settings: {
  readonly rounds: number;
  readonly warmUp: boolean;
}): Promise<ValidateTimeResult> {
  const { rounds } = settings;
  const project = copyProject('bench-validate');
  try {
    // The build first: the first round's build makes the copy's dist/, which validate checks.
    const variants = [
      { name: 'build', sample: () => timed(project.dir, 'build') },
      { name: 'validate', sample: () => timed(project.dir, 'validate') },
    ] as const;
    if (settings.warmUp) await interleave(1, variants);
    const samples = await interleave(rounds, variants);
    return {
      ms: median(samples.validate),
      buildMs: median(samples.build),
      ratioToBuild: medianRatio(samples.validate, samples.build),
      samplesMs: samples.validate,
      rounds,
    };
  } finally {
    project.remove();
  }
}
