// Where a Chromium for the browser tests and template previews is, on Linux and macOS: the
// CHROMIUM_PATH the user gave, else one installed the usual way (Debian's headless shell first,
// then the full browser, a snap, Google Chrome, the macOS apps), else one that playwright
// downloaded. playwright-core drives it; the
// flags are those that work as root on a machine without a network (docs/platform-facts.md §7).
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { UserError } from '../user-error';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const LINUX_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/**
 * Chromium's headless shell (Debian's chromium-headless-shell package): the browser without its
 * windowing layers, which Playwright itself runs for headless work. On this project's browser tests
 * it takes about two thirds of the full browser's time (each new page starts lighter).
 */
export const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';
const MAC_APPS = ['Google Chrome.app/Contents/MacOS/Google Chrome', 'Chromium.app/Contents/MacOS/Chromium'];

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir !== '' && existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/** The browser found, or undefined. A CHROMIUM_PATH that does not exist is an error, not a miss. */
export function findChromium(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string | undefined {
  if (env.CHROMIUM_PATH) {
    if (!existsSync(env.CHROMIUM_PATH))
      throw new UserError(
        `CHROMIUM_PATH is ${env.CHROMIUM_PATH}, and there is no such file. Point it at a Chromium or Chrome executable, or unset it.`,
      );
    return env.CHROMIUM_PATH;
  }
  const candidates =
    platform === 'darwin'
      ? MAC_APPS.flatMap((app) => [join('/Applications', app), join(homedir(), 'Applications', app)])
      : [
          HEADLESS_SHELL,
          '/usr/bin/chromium',
          '/usr/bin/chromium-browser',
          '/snap/bin/chromium',
          ...LINUX_NAMES.map((n) => onPath(n) ?? ''),
        ];
  const installed = candidates.find((path) => path !== '' && existsSync(path));
  if (installed) return installed;
  // Playwright's own download (npx playwright-core install chromium), where the network allowed it.
  // Required only here: playwright-core takes about half a second to load, and most machines that
  // run this (npm test's ensure-browser, templates:preview) have a browser installed.
  const { chromium } = require('playwright-core') as typeof import('playwright-core');
  const downloaded = chromium.executablePath();
  return downloaded && existsSync(downloaded) ? downloaded : undefined;
}

/** The browser, or an error that says how to get one. */
export function requireChromium(what: string): string {
  const found = findChromium();
  if (found) return found;
  throw new Error(`${what} needs Chromium, and none was found. ${HOW_TO_INSTALL}`);
}

export const HOW_TO_INSTALL =
  'Install one: on Debian or Ubuntu `sudo apt-get install -y chromium`; on macOS install Google Chrome, or `npx playwright-core install chromium`; ' +
  'or point CHROMIUM_PATH at a Chromium or Chrome executable. Then run the command again (npm test installs it itself where it may).';
