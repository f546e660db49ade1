// Debian's chromium driven by playwright-core, once per test file (platform-facts.md §7:
// Playwright's own browser download fails on these machines). Each page a test opens gets a
// context of its own (its own cookies: a fresh browser as a person would have it), closed after
// the test. Playwright gives the browser a fresh user-data dir of its own. Usage:
//
//   const browser = useBrowser();
//   test('...', async () => { const page = await browser.newPage(); await page.goto(url); });
import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

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
    if (!existsSync(CHROMIUM_PATH)) {
      throw new Error(`Browser tests need Debian's chromium at ${CHROMIUM_PATH}: apt-get install -y chromium (.ci/run does it on a fresh machine).`);
    }
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS, headless: true });
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
