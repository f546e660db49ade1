// Turns preview HTML files into PNGs with a Chromium driven by playwright-core (the one
// find-chromium.ts finds): one browser launch for all of them.
import { pathToFileURL } from 'node:url';
import { CHROMIUM_FLAGS, HOW_TO_INSTALL, findChromium } from '../browser/find-chromium';
import { UserError } from '../user-error';

/** Wide enough for the emails' 560-pixel column and its margins, as a desktop mail client. */
export const PREVIEW_VIEWPORT = { width: 680, height: 400 } as const;

/** Writes <file>.png next to each <file>.html. */
export async function screenshotPreviews(htmlFiles: readonly string[]): Promise<string[]> {
  const executablePath = findChromium();
  if (!executablePath)
    throw new UserError(
      `templates:preview needs Chromium to draw the PNGs (or run it with --no-png). ${HOW_TO_INSTALL}`,
    );
  // Loaded here, not with this file: playwright-core takes about half a second to load, which a
  // preview without PNGs, or one that stops on lint problems, need not wait for.
  const { chromium } = await import('playwright-core');
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
