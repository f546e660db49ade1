// Measurement 4: the wall time of `npm run build`, as a person runs it (npm, tsx, esbuild, the
// checks on the built files), each round into a folder of its own. The last build is the one the
// other measurements use, so that every figure of a run is of the same bundle.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { msSince } from './lib/interleave';
import { median } from './lib/statistics';

export interface BuildTimeResult {
  readonly ms: number;
  readonly samplesMs: readonly number[];
  /** The dist/ folder of the last build. */
  readonly distDir: string;
}

function npmRunBuild(root: string, outDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'build', '--', '--out-dir', outDir], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) =>
      reject(new Error(`could not run npm run build (is npm on the PATH?): ${error.message}`)),
    );
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`npm run build failed (exit ${code}):\n${output}`)),
    );
  });
}

export async function measureBuildTime(root: string, workDir: string, rounds: number): Promise<BuildTimeResult> {
  const samplesMs: number[] = [];
  let distDir = '';
  for (let round = 0; round < rounds; round += 1) {
    distDir = join(workDir, `build-${round}`, 'dist');
    const start = process.hrtime.bigint();
    await npmRunBuild(root, distDir);
    samplesMs.push(msSince(start));
  }
  return { ms: median(samplesMs), samplesMs, distDir };
}
