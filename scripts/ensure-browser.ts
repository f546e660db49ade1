// Usage: tsx scripts/ensure-browser.ts   (run by npm test before jest)
//
// Makes sure the browser tests have a Chromium, so that `npm install && npm test` is all the
// set-up a fresh machine needs: one already on the machine (scripts/lib/browser/find-chromium.ts);
// else Debian's package, where apt-get exists and this user may install (root, or sudo without a
// password); else playwright's own download, where the network allows it; else one message that
// says what to run. Prints what it did; exits 1 only when no browser could be had.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { HOW_TO_INSTALL, findChromium } from './lib/browser/find-chromium';
import { runCli } from './lib/cli';
import { UserError } from './lib/user-error';

const ROOT = join(__dirname, '..');

function run(command: string, args: string[]): boolean {
  const result = spawnSync(command, args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status === 0;
}

function tryDebianPackage(): boolean {
  if (process.platform !== 'linux' || !existsSync('/usr/bin/apt-get')) return false;
  const asRoot = process.getuid?.() === 0;
  if (!asRoot && !run('sudo', ['-n', 'true'])) {
    console.log('ensure-browser: apt-get is here, but installing needs root (sudo asks for a password).');
    return false;
  }
  const prefix = asRoot ? [] : ['sudo', '-n'];
  const [command, ...rest] = [...prefix, 'apt-get'];
  console.log("ensure-browser: installing Debian's chromium for the browser tests (apt-get install -y chromium)...");
  return (
    run(command as string, [...rest, 'update', '-qq']) &&
    run(command as string, [...rest, 'install', '-y', '-qq', 'chromium'])
  );
}

function tryPlaywrightDownload(): boolean {
  console.log("ensure-browser: trying playwright's own Chromium download...");
  return run(process.execPath, [join(ROOT, 'node_modules', 'playwright-core', 'cli.js'), 'install', 'chromium']);
}

runCli(async () => {
  if (findChromium()) return;
  if (tryDebianPackage() && findChromium()) return;
  if (tryPlaywrightDownload() && findChromium()) return;
  throw new UserError(`The browser tests need Chromium, and none could be installed from here. ${HOW_TO_INSTALL}`);
});
