// Usage: node --import tsx scripts/test.ts   (npm test runs it, after the typecheck and the browser check)
//
// The lint (npm run lint: ESLint and Prettier's check) and jest (npm run jest), side by side: jest's
// files spend much of their time waiting on browsers, child processes and deploy-cli's own pauses,
// and the lint's CPU fits in those waits (docs/performance.md "The tests"). Each prints what it
// would alone, jest as it goes and the lint when it ends; the exit code is 1 when either failed,
// and the last line says which.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { runCli } from './lib/cli';
import { UserError } from './lib/user-error';

const ROOT = join(__dirname, '..');

interface Step {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
}

// npm_execpath: the npm that runs npm test; npm from PATH when the script is run by hand.
const npm = process.env.npm_execpath
  ? { command: process.execPath, prefix: [process.env.npm_execpath] }
  : { command: 'npm', prefix: [] };

const STEPS: readonly Step[] = [
  { name: 'npm run lint', command: process.execPath, args: ['--import', 'tsx', 'scripts/lint.ts'] },
  { name: 'npm run jest', command: npm.command, args: [...npm.prefix, 'run', 'jest', '--', ...process.argv.slice(2)] },
];

function run(step: Step): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const child = spawn(step.command, step.args, { cwd: ROOT, stdio: 'inherit' });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve(code === 0 && signal === null));
  });
}

runCli(async () => {
  const results = await Promise.all(STEPS.map(run));
  const failed = STEPS.filter((_, i) => !results[i]).map((step) => step.name);
  if (failed.length > 0) throw new UserError(`npm test: ${failed.join(' and ')} failed (see above).`);
});
