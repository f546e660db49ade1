// Usage: node --import tsx scripts/lint.ts   (npm run lint; npm test runs it)
//
// ESLint (the recommended rules and the layer rule, eslint-rules/layers.js) and Prettier's check,
// side by side: each is one process on its own core, so the two take as long as the slower one.
// Each prints what it found as it would alone; the exit code is 1 when either found something.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { runCli } from './lib/cli';
import { UserError } from './lib/user-error';

const ROOT = join(__dirname, '..');

interface Check {
  readonly name: string;
  readonly bin: string;
  readonly args: readonly string[];
  readonly fix: string;
}

const CHECKS: readonly Check[] = [
  { name: 'ESLint', bin: 'node_modules/eslint/bin/eslint.js', args: ['.'], fix: 'fix the lines it names' },
  {
    name: 'Prettier',
    bin: 'node_modules/prettier/bin/prettier.cjs',
    args: ['--check', '.'],
    fix: 'run npm run format',
  },
];

/** Runs one check, its output kept whole and printed when it ends; resolves to whether it passed. */
function run(check: Check): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, check.bin), ...check.args], { cwd: ROOT });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      process.stdout.write(output);
      resolve(code === 0);
    });
  });
}

runCli(async () => {
  const results = await Promise.all(CHECKS.map(run));
  const failed = CHECKS.filter((_, i) => !results[i]);
  if (failed.length > 0) {
    throw new UserError(`npm run lint: ${failed.map((c) => `${c.name} found problems (${c.fix})`).join('; ')}.`);
  }
});
