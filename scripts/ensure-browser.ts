// Usage: node --import tsx scripts/ensure-browser.ts   (run by npm test before jest)
//
// Makes sure the browser tests have a Chromium, so that `npm install && npm test` is all the
// set-up a fresh machine needs: the one CHROMIUM_PATH names, or Debian's headless shell when it is
// there; else that package installed, where apt-get exists and this user may install (root, or
// sudo without a password); else any Chromium already on the machine
// (scripts/lib/browser/find-chromium.ts); else playwright's own download, where the network
// allows it; else one message that says what to run. Prints what it did; exits 1 only when no
// browser could be had.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { HEADLESS_SHELL, HOW_TO_INSTALL, findChromium } from './lib/browser/find-chromium';
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
  console.log(
    "ensure-browser: installing Debian's Chromium headless shell for the browser tests (apt-get install -y chromium-headless-shell)...",
  );
  return (
    run(command as string, [...rest, 'update', '-qq']) &&
    run(command as string, [...rest, 'install', '-y', '-qq', 'chromium-headless-shell'])
  );
}

function tryPlaywrightDownload(): boolean {
  console.log("ensure-browser: trying playwright's own Chromium download...");
  return run(process.execPath, [join(ROOT, 'node_modules', 'playwright-core', 'cli.js'), 'install', 'chromium']);
}

runCli(async () => {
  if (process.env.CHROMIUM_PATH || findChromium() === HEADLESS_SHELL) return;
  if (tryDebianPackage() && findChromium() === HEADLESS_SHELL) return;
  const other = findChromium();
  if (other) {
    console.log(`ensure-browser: the browser tests use ${other} (the headless shell could not be installed here).`);
    return;
  }
  if (tryPlaywrightDownload() && findChromium()) return;
  throw new UserError(`The browser tests need Chromium, and none could be installed from here. ${HOW_TO_INSTALL}`);
});
