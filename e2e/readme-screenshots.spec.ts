/* The README's screenshots, made by the app itself: the lock-order deadlock
   opened from the gallery at 1440×900 (docs/images/playground.png) and on a
   phone at 390×844 (docs/images/playground-phone.png). Each test first checks
   that what the picture is meant to show is on screen. They save into
   test-results/screens/; `npm run screenshots` renews the files in
   docs/images/ (WDKM_SCREENSHOTS names the folder). */
import type { Page } from '@playwright/test';
import { expect, openApp, test, waitForMonaco } from './fixtures';

const folder = process.env.WDKM_SCREENSHOTS ?? 'test-results/screens';

async function openDeadlock(page: Page): Promise<void> {
  await openApp(page);
  await waitForMonaco(page);
  await page.getByTestId('examples').click();
  await page.getByTestId('example-lock-order-deadlock').click();
  await expect(page.getByTestId('outcome')).toContainText('Deadlock');
  await expect(page.getByTestId('deadlock').locator('tbody tr')).toHaveCount(2);
}

test.describe('at 1440×900', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('the README’s screenshot: a lock-order deadlock, its timeline and wait-for cycle @needs-core @needs-frontend', async ({ page }) => {
    await openDeadlock(page);
    /* the run lands on its first error (the finding); the picture is at the deadlock itself */
    await page.getByTestId('next-error').click();
    await expect(page.getByTestId('moment-position')).toContainText('DEADLOCK');
    await expect(page.getByTestId('findings')).toContainText('LOCK_HIERARCHY_VIOLATION');
    await expect(page.getByRole('button', { name: 'Explore' })).toBeVisible();
    await expect(page.getByTestId('timeline-legend')).toBeVisible();
    await expect(page.getByTestId('timeline-summary').locator('li')).toHaveText([
      'Thread 1 · DriverEntry',
      'Thread 2 · ThreadA: holds KMUTEX #2 · First ×1',
      'Thread 3 · ThreadB: holds KMUTEX #3 · Second ×1',
    ]);
    /* the inspector scrolled so that its graph ends with the key at the bottom */
    await page.getByTestId('wait-for-key').evaluate((el) => el.scrollIntoView({ block: 'end' }));
    await expect(page.getByTestId('wait-for-key')).toBeInViewport({ ratio: 0.95 });
    await expect(page.locator('svg.wait-for')).toBeInViewport({ ratio: 0.9 });
    await page.mouse.move(0, 0);
    await page.screenshot({ path: `${folder}/playground.png` });
  });
});

test.describe('at 390×844', () => {
  test.use({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });

  test('the README’s phone screenshot: one column, the editor on the deadlocked line, the banner @needs-core @needs-frontend', async ({ page }) => {
    await openDeadlock(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expect(page.getByTestId('outcome')).toBeInViewport();
    await expect(page.locator('[data-testid="editor"] .line-highlight--moment')).toHaveCount(1);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${folder}/playground-phone.png` });
  });
});
