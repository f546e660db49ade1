// Turns preview HTML files into PNGs with Debian's chromium driven by playwright-core: one
// browser launch for all of them. Playwright's own browser download does not work on these
// machines; the executable and flags are those of platform-facts.md §7.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { UserError } from '../user-error';

export const CHROMIUM_EXECUTABLE = '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

/** Wide enough for the emails' 560-pixel column and its margins, as a desktop mail client. */
export const PREVIEW_VIEWPORT = { width: 680, height: 400 } as const;

/** Writes <file>.png next to each <file>.html. */
export async function screenshotPreviews(htmlFiles: readonly string[], executablePath = CHROMIUM_EXECUTABLE): Promise<string[]> {
  if (!existsSync(executablePath)) {
    throw new UserError(
      `templates:preview needs chromium at ${executablePath} to draw the PNGs, and it is not there. ` +
        'Install it with `apt-get install -y chromium` (as .ci/run does).',
    );
  }
  const browser = await chromium.launch({ executablePath, headless: true, args: [...CHROMIUM_FLAGS] });
  try {
    const page = await browser.newPage({ viewport: PREVIEW_VIEWPORT });
    const pngs: string[] = [];
    for (const file of htmlFiles) {
      const png = file.replace(/\.html$/, '.png');
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      await page.screenshot({ path: png, fullPage: true });
      pngs.push(png);
    }
    return pngs;
  } finally {
    await browser.close();
  }
}
