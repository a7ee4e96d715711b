/* Issue 14, point 1 and the false cycle of point 4: every view names threads
   by their start routine and objects by the variable the code created them
   through, and a mutex handed over to its waiter is no deadlock cycle. */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, openApp, setSource, shot, test, waitForMonaco } from './fixtures';

const example = (name: string) => readFileSync(`examples/${name}.c`, 'utf8');

async function runExample(page: Page, name: string): Promise<void> {
  await openApp(page);
  await waitForMonaco(page);
  await setSource(page, example(name));
  await page.getByTestId('run').click();
  await expect(page.getByTestId('outcome')).not.toContainText('Running');
}

test.use({ viewport: { width: 1440, height: 900 } });

test('a lock-order deadlock speaks of ThreadA, ThreadB, First and Second everywhere @needs-core @needs-frontend', async ({ page }) => {
  await runExample(page, 'lock-order-deadlock');
  const rows = page.getByTestId('deadlock').locator('tbody tr');
  await expect(rows.nth(0)).toContainText('Thread 2 · ThreadAKMUTEX #3 · SecondThread 3 · ThreadB');
  await expect(rows.nth(1)).toContainText('Thread 3 · ThreadBKMUTEX #2 · FirstThread 2 · ThreadA');
  await expect(page.getByTestId('findings')).toContainText('KMUTEX #2 · First is acquired while holding KMUTEX #3 · Second');
  await expect(page.getByTestId('timeline-summary').locator('li')).toHaveText([
    'Thread 1 · DriverEntry',
    'Thread 2 · ThreadA: holds KMUTEX #2 · First ×1',
    'Thread 3 · ThreadB: holds KMUTEX #3 · Second ×1',
  ]);
  /* the run lands on its first error (the finding); the deadlock itself is the next one */
  await expect(page.getByTestId('moment-position')).toContainText('FINDING');
  await page.getByTestId('next-error').click();
  await expect(page.getByTestId('moment-position')).toContainText('DEADLOCK');
  await expect(page.getByTestId('inspector-threads')).toContainText('Thread 2 · ThreadA');
  await expect(page.getByTestId('inspector-objects')).toContainText('KMUTEX #3 · Second');
  await expect(page.getByTestId('wait-for')).toContainText('Thread 2 · ThreadA');
  await expect(page.getByTestId('wait-for-words')).toContainText('Thread 2 (ThreadA) waits for KMUTEX #3 (Second), owned by Thread 3 (ThreadB)');
  await expect(page.locator('svg.wait-for')).toHaveAttribute('aria-label', /Thread 3 \(ThreadB\) waits for KMUTEX #2 \(First\), owned by Thread 2 \(ThreadA\)/);
  await shot(page, 'names-deadlock');
  const [perfetto] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-perfetto').click()]);
  const json = JSON.parse(readFileSync(await perfetto.path(), 'utf8')) as { traceEvents: { name: string; args?: { name?: string } }[] };
  expect(json.traceEvents.filter((e) => e.name === 'thread_name').map((e) => e.args!.name)).toContain('Thread 2 · ThreadA');
  expect(json.traceEvents.some((e) => e.name === 'KMUTEX #2 · First')).toBe(true);
});

test('clicking the holds of the completed KMutex counter never shows a cycle at a handover @needs-core @needs-frontend', async ({ page }) => {
  await runExample(page, 'kmutex-counter');
  await expect(page.getByTestId('outcome')).toContainText('Completed');
  const canvas = page.getByTestId('timeline-canvas');
  let acquires = 0;
  /* Thread 2's hold row, across the run: every click selects an ACQUIRE, most of them handovers from another thread */
  const width = (await canvas.boundingBox())!.width;
  for (let x = 160; x < width - 10; x += 37) {
    await canvas.click({ position: { x, y: 80 } });
    const at = (await page.getByTestId('moment-position').textContent()) ?? '';
    if (!at.includes('ACQUIRE')) continue;
    acquires++;
    await expect(page.getByTestId('wait-for-cycle')).toHaveCount(0);
    const words = page.getByTestId('wait-for-words');
    if (await words.count()) await expect(words).not.toContainText(/(Thread \d) \(Worker\) waits for KMUTEX #2 \(Counter\), owned by \1 /);
  }
  expect(acquires).toBeGreaterThan(5);
  await shot(page, 'names-handover');
});

test('the timeline has a legend, also in the exported PNG, zoom buttons, and the wait-for graph a key @needs-core @needs-frontend', async ({ page }) => {
  await runExample(page, 'lock-order-deadlock');
  const legend = page.getByTestId('timeline-legend');
  await expect(legend).toContainText('running');
  await expect(legend).toContainText('waiting');
  await expect(legend).toContainText('lock held');
  await expect(page.getByTestId('wait-for-key')).toContainText('waits for');
  await expect(page.getByTestId('wait-for-key')).toContainText('is owned by');
  const canvas = page.getByTestId('timeline-canvas');
  const height = await canvas.evaluate((c: HTMLCanvasElement) => c.height);
  const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
  const bytes = readFileSync(await png.path());
  expect(bytes.readUInt32BE(20)).toBeGreaterThan(height); /* IHDR height: the legend is painted under the lanes */
  const before = await canvas.screenshot();
  await page.getByTestId('zoom-in').click();
  await expect.poll(async () => Buffer.compare(before, await canvas.screenshot())).not.toBe(0);
  await page.getByTestId('zoom-fit').click();
  await shot(page, 'names-legend');
});
