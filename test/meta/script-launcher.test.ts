// The tests run the project's scripts as npm does (test/helpers/paths.ts, scriptArgs): a change of
// how package.json starts them must reach the tests too, or the tests would try another launcher.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, SCRIPT_LAUNCHER } from '../helpers/paths';

test('every npm script that runs a TypeScript script starts node as the tests do', () => {
  const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const launches = Object.values(scripts)
    .flatMap((command) => command.split('&&').map((step) => step.trim()))
    .filter((step) => /scripts\/[\w-]+\.ts/.test(step));
  expect(launches.length).toBeGreaterThan(0);
  expect(launches.filter((step) => !step.startsWith(`node ${SCRIPT_LAUNCHER.join(' ')} scripts/`))).toEqual([]);
});
