/* Shared e2e set-up: every test fails if anything reached the browser
   console as an error or a page error; helpers that go through the test
   hook instead of typing. */
import { test as base, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';

export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ context }, use) => {
      const errors: string[] = [];
      const watch = (page: Page) => {
        page.on('console', (msg) => {
          if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
        });
        page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
      };
      context.pages().forEach(watch);
      context.on('page', watch);
      await use(errors);
      expect(errors, 'nothing may reach the browser console as an error').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

export async function openApp(page: Page, hash = ''): Promise<void> {
  await page.goto(`/${hash}`, { waitUntil: 'domcontentloaded' });
  await expect(page.getByTestId('outcome')).toBeVisible();
  await page.waitForFunction(() => window.__wdkmTest !== undefined);
}

export async function waitForMonaco(page: Page): Promise<void> {
  await expect(page.locator('[data-testid="editor"] .monaco-editor .view-lines')).toBeVisible();
}

export async function setSource(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => window.__wdkmTest!.setSource(t), text);
}

export async function getSource(page: Page): Promise<string> {
  return page.evaluate(() => window.__wdkmTest!.getSource());
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screens/${name}.png` });
}

/** A share link opened as someone else would: a new browser context with
    nothing stored, its console errors gathered for the spec to check. */
export async function openInFreshContext(browser: Browser, url: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.waitForFunction(() => window.__wdkmTest !== undefined);
  return { context, page, errors };
}
