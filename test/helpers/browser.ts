// A Chromium (the one scripts/lib/browser/find-chromium.ts finds; npm test installs one first
// where it may) driven by playwright-core, once per test file. Each page a test opens gets a
// context of its own (its own cookies: a fresh browser as a person would have it), closed after
// the test. Playwright gives the browser a fresh user-data dir of its own. Usage:
//
//   const browser = useBrowser();
//   test('...', async () => { const page = await browser.newPage(); await page.goto(url); });
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS, requireChromium } from '../../scripts/lib/browser/find-chromium';

/** How long a browser action or navigation may take before the test fails, naming it. */
export const BROWSER_ACTION_TIMEOUT_MS = 15_000;

export interface BrowserHandle {
  /** A page in a new browser context: no cookies, no storage. */
  newPage(): Promise<Page>;
}

export function useBrowser(): BrowserHandle {
  let browser: Browser | undefined;
  const open: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: requireChromium('The browser tests'),
      args: CHROMIUM_FLAGS,
      headless: true,
    });
  }, 60_000);
  afterEach(async () => {
    await Promise.all(open.splice(0).map((context) => context.close()));
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    async newPage() {
      if (!browser) throw new Error('the browser is not started: call useBrowser() at the top of the test file');
      const context = await browser.newContext({ viewport: { width: 1000, height: 760 }, locale: 'en-US' });
      context.setDefaultTimeout(BROWSER_ACTION_TIMEOUT_MS);
      context.setDefaultNavigationTimeout(BROWSER_ACTION_TIMEOUT_MS);
      open.push(context);
      return context.newPage();
    },
  };
}
