import { readFileSync } from 'node:fs';
import { expect, openApp, setSource, test, openInFreshContext } from './fixtures';

const LOCK_ORDER = readFileSync('bench/explore/lock-order-2.c', 'utf8');
const LOST_UPDATE = readFileSync('bench/explore/lost-update-2.c', 'utf8');

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
  /* the editor marks where the deadlocked threads wait (both on line 13, in Take) */
  const waits = page.locator('[data-testid="editor"] .line-glyph--explored-deadlock');
  await expect(waits).toHaveCount(1);
  await waits.hover();
  await expect(page.getByText(/Thread 2 · ThreadA waits here for KMUTEX #\d+ · Second, held by Thread 3 · ThreadB/)).toBeVisible();

  await deadlock.getByTestId('explore-show').click();
  await expect(page.getByTestId('outcome')).toHaveAttribute('data-outcome', 'deadlock');
  await expect(page.getByTestId('policy')).toHaveValue('explore');

  await page.getByTestId('share').click();
  const url = await page.getByTestId('share-url').inputValue();
  const { context: fresh, page: other, errors } = await openInFreshContext(browser, url);
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

  /* Resume goes on from where it stopped: the count only grows, and Cancel stops it again */
  const schedules = async () => Number((await page.getByTestId('explore-progress').textContent())!.match(/([\d,]+) schedules/)![1]!.replace(/,/g, ''));
  const first = await schedules();
  await page.getByTestId('explore-resume').click();
  await expect(page.getByTestId('explore-progress')).toContainText(/^exploring: /);
  await expect.poll(schedules).toBeGreaterThan(first);
  await page.getByTestId('explore-cancel').click();
  await expect(page.getByTestId('explore-progress')).toContainText(/^stopped: /);
  expect(await schedules()).toBeGreaterThan(first);
  await expect(page.getByTestId('explore-resume')).toBeEnabled();
  /* an edit: the kept exploration is of other code, so it is not resumed */
  await setSource(page, `// edited\n${readFileSync('examples/kmutex-counter.c', 'utf8')}`);
  await expect(page.getByTestId('explore-resume')).toBeDisabled();
});

test('The editor marks both lines of a race found by exploring, and an edit moves or drops the marks @needs-core @needs-frontend', async ({ page }) => {
  await openApp(page);
  await setSource(page, LOST_UPDATE);
  await page.getByTestId('explore').click();
  await expect(page.getByTestId('explore-progress')).toContainText(/^complete: /);
  await expect(page.getByTestId('explore-races')).toContainText('line 22');
  await expect(page.getByTestId('explore-races')).toContainText('data race on Counter: the');
  /* Monaco draws only the lines in view: the race's line link brings them in */
  await page.getByTestId('explore-races').getByRole('button', { name: 'Show line 22 in the editor' }).click();
  const races = page.locator('[data-testid="editor"] .line-glyph--race');
  await expect(races).toHaveCount(2); /* the read of Counter (line 22) and the write (line 23) */
  await races.first().hover();
  await expect(page.getByText(/^Data race: this (read|write) and the (write|read) at line 2[23] touch the same 4 bytes \(of Counter\) from different threads/).first()).toBeVisible();

  /* a line added above: the marks move with their lines; the read's line changed: its mark goes */
  await setSource(page, `// a comment\n${LOST_UPDATE.replace('LONG seen = Counter;', 'LONG seen = Counter + 0;')}`);
  await page.getByTestId('explore-races').getByRole('button', { name: 'Show line 24 in the editor' }).first().click();
  await expect(races).toHaveCount(1);
  await races.hover();
  await expect(page.getByText(/^Data race: two threads can write Counter here at the same time/)).toBeVisible();
  await expect(page.getByText(/Found before your last edit/).first()).toBeVisible();
});

test('On several workers (a 3-core machine: two), each explores its part and the merged result still finds the deadlock, whose witness replays @needs-core @needs-frontend', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(navigator, 'hardwareConcurrency', { get: () => 3 });
    /* count the exploring workers the page starts */
    const Real = window.Worker;
    (window as unknown as { exploreWorkers: number }).exploreWorkers = 0;
    window.Worker = class extends Real {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        if (options?.name === 'wdkm-explore') (window as unknown as { exploreWorkers: number }).exploreWorkers++;
      }
    };
  });
  await openApp(page);
  await setSource(page, LOCK_ORDER);
  await page.getByTestId('explore').click();
  await expect(page.getByTestId('explore-progress')).toContainText(/^complete: \d+ schedules/);
  const deadlock = page.locator('[data-testid="explore-outcome"][data-outcome="deadlock"]');
  await expect(deadlock).toHaveCount(1);
  await expect(page.locator('[data-testid="explore-outcome"][data-outcome="completed"]')).toHaveCount(1);
  await expect(page.getByTestId('explore-findings')).toContainText('LOCK_HIERARCHY_VIOLATION');
  expect(await page.evaluate(() => (window as unknown as { exploreWorkers: number }).exploreWorkers)).toBe(2);
  await deadlock.getByTestId('explore-show').click();
  await expect(page.getByTestId('outcome')).toHaveAttribute('data-outcome', 'deadlock');
});
