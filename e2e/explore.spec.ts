import { readFileSync } from 'node:fs';
import { expect, openApp, setSource, test } from './fixtures';

const LOCK_ORDER = readFileSync('bench/explore/lock-order-2.c', 'utf8');

test('Explore finds the deadlock, Show replays it, and its share link reproduces it in a fresh context @needs-core @needs-frontend', async ({ page, browser }) => {
  await openApp(page);
  await setSource(page, LOCK_ORDER);
  await page.getByTestId('explore').click();
  await expect(page.getByTestId('explore-panel')).toBeVisible();
  await expect(page.getByTestId('explore-progress')).toContainText(/^complete: \d+ schedules/);
  const deadlock = page.locator('[data-testid="explore-outcome"][data-outcome="deadlock"]');
  await expect(deadlock).toHaveCount(1);
  await expect(page.locator('[data-testid="explore-outcome"][data-outcome="completed"]')).toHaveCount(1);
  await expect(page.getByTestId('explore-findings')).toContainText('LOCK_HIERARCHY_VIOLATION');

  await deadlock.getByTestId('explore-show').click();
  await expect(page.getByTestId('outcome')).toHaveAttribute('data-outcome', 'deadlock');
  await expect(page.getByTestId('policy')).toHaveValue('explore');

  await page.getByTestId('share').click();
  const url = await page.getByTestId('share-url').inputValue();
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  const errors: string[] = [];
  other.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  other.on('pageerror', (e) => errors.push(e.message));
  await other.goto(url, { waitUntil: 'domcontentloaded' });
  await other.waitForFunction(() => window.__wdkmTest !== undefined);
  await expect(other.getByTestId('policy')).toHaveValue('explore');
  await other.getByTestId('run').click();
  await expect(other.getByTestId('outcome')).toHaveAttribute('data-outcome', 'deadlock');
  expect(errors).toEqual([]);
  await fresh.close();
});

test('Cancel stops exploring and keeps what was found @needs-core @needs-frontend', async ({ page }) => {
  await openApp(page);
  await setSource(page, readFileSync('examples/kmutex-counter.c', 'utf8'));
  await page.getByTestId('explore').click();
  await expect(page.getByTestId('explore-progress')).toContainText(/exploring: [1-9][\d,]* schedules/);
  await page.getByTestId('explore-cancel').click();
  await expect(page.getByTestId('explore-progress')).toContainText(/^stopped: [1-9][\d,]* schedules/);
  await expect(page.locator('[data-testid="explore-outcome"][data-outcome="completed"]')).toHaveCount(1);
});
