/* The run's timeline, the inspector, time travel and manual scheduling, on
   real runs of the examples in the WASM core. */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, openApp, setSource, shot, test, waitForMonaco, openInFreshContext } from './fixtures';

const example = (name: string) => readFileSync(`examples/${name}.c`, 'utf8');
const activeLine = (page: Page) => page.locator('[data-testid="editor"] .active-line-number');

async function runExample(page: Page, name: string): Promise<void> {
  await openApp(page);
  await waitForMonaco(page);
  await setSource(page, example(name));
  await page.getByTestId('run').click();
  await expect(page.getByTestId('outcome')).not.toContainText('Running');
}

test('the timeline shows a lane per thread and the holds of the one KMUTEX @needs-core @needs-frontend', async ({ page }) => {
  await runExample(page, 'kmutex-counter');
  await expect(page.getByTestId('outcome')).toContainText('Completed');
  const lanes = page.getByTestId('timeline-summary').locator('li');
  await expect(lanes).toHaveCount(4);
  await expect(lanes).toHaveText(['Thread 1 · DriverEntry', 'Thread 2 · Worker: holds KMUTEX #2 · Counter ×500', 'Thread 3 · Worker: holds KMUTEX #2 · Counter ×500', 'Thread 4 · Worker: holds KMUTEX #2 · Counter ×500']);
  await expect(page.getByTestId('moment-position')).toContainText('RUN_END');
  await shot(page, 'timeline-kmutex-counter');
  /* Thread 2's state bar: below the axis, the run lane and Thread 1's lane */
  await page.getByTestId('timeline-canvas').hover({ position: { x: 400, y: 66 } });
  await expect(page.getByRole('tooltip')).toContainText('Thread 2 ·');
  await shot(page, 'timeline-hover');

  const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
  expect(png.suggestedFilename()).toBe('timeline.png');
  expect(readFileSync(await png.path()).subarray(1, 4).toString()).toBe('PNG');
  const [perfetto] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-perfetto').click()]);
  const json = JSON.parse(readFileSync(await perfetto.path(), 'utf8'));
  expect(json.traceEvents.some((e: { name?: string }) => /KMUTEX #2/.test(e.name ?? ''))).toBe(true);
});

test('stepping moves the inspector and the editor line @needs-core @needs-frontend', async ({ page }) => {
  await runExample(page, 'kmutex-counter');
  const moment = page.getByTestId('inspector-moment');
  await expect(moment).toContainText('run ends');
  /* back from the end until an event with a source line */
  let text = '';
  for (let i = 0; i < 8 && !/line \d+/.test(text); i++) {
    await page.getByTestId('step-back').click();
    text = (await moment.textContent()) ?? '';
  }
  const line = /line (\d+)/.exec(text)![1]!;
  await expect(activeLine(page)).toHaveText(line);
  await expect(page.locator('[data-testid="editor"] .line-highlight--moment')).toHaveCount(1);
  await page.getByTestId('step-forward').click();
  await expect(moment).not.toHaveText(text);
  await page.getByTestId('step-back').click();
  await expect(moment).toHaveText(text);
  /* a click on Thread 2's first lock hold selects the acquire */
  await page.getByTestId('timeline-canvas').click({ position: { x: 164, y: 80 } });
  await expect(page.getByTestId('moment-position')).toContainText('ACQUIRE');
  await expect(moment).toContainText('Thread 2 · Worker: acquires KMUTEX #2 · Counter');
  const acquireLine = /line (\d+)/.exec((await moment.textContent()) ?? '')![1]!;
  await expect(activeLine(page)).toHaveText(acquireLine);
  await expect(page.getByTestId('inspector-objects')).toContainText('Thread 2');
  /* keyboard: Alt+Shift+← goes to the previous choice point */
  await page.keyboard.press('Alt+Shift+ArrowLeft');
  await expect(page.getByTestId('moment-position')).toContainText('CHOICE');
  await expect(page.getByTestId('inspector-threads')).toContainText('Thread 2 · Workerrunning');
  await expect(page.getByTestId('inspector-objects')).toContainText('KMUTEX #2');
  await shot(page, 'inspector-stepping');
});

/* DriverEntry (thread 1) starts B (thread 3), which takes DriverEntry's CPU;
   A (thread 2) takes First, B takes Second, then each waits for the other.
   Right after B took its CPU, DriverEntry is ready but no CPU could take it. */
const PICKS = [1, 3, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 2, 3];

test('manual mode reproduces the lock-order deadlock by hand, and its link replays it @needs-core @needs-frontend', async ({ page, browser }) => {
  await runExample(page, 'lock-order-deadlock');
  await page.getByTestId('manual').check();
  const panel = page.getByTestId('manual-panel');
  await expect(panel).toContainText('Choice 0: who moves?');
  for (const [i, thread] of PICKS.entries()) {
    await expect(panel).toContainText(`${i} picks`);
    await expect(panel).toContainText(`Choice ${i}: who moves?`);
    if (i === 2) {
      await expect(page.getByTestId('pick-1')).toBeDisabled();
      await expect(page.getByTestId('pick-1')).toContainText('has no CPU at this choice');
    }
    await page.getByTestId(`pick-${thread}`).click();
  }
  await expect(page.getByTestId('manual-done')).toContainText('Deadlock');
  await expect(page.getByTestId('wait-for-cycle')).toBeVisible();
  await shot(page, 'manual-deadlock');

  await page.getByTestId('undo-pick').click();
  await expect(panel).toContainText(`Choice ${PICKS.length - 1}: who moves?`);
  await page.getByTestId(`pick-${PICKS.at(-1)}`).click();
  await expect(page.getByTestId('manual-done')).toContainText('Deadlock');

  await page.getByTestId('share').click();
  const url = await page.getByTestId('share-url').inputValue();
  const { context: fresh, page: other, errors } = await openInFreshContext(browser, url);
  await expect(other.getByTestId('schedule')).toContainText(`Replaying ${PICKS.length} choices`);
  await other.getByTestId('run').click();
  await expect(other.getByTestId('outcome')).toContainText('Deadlock');
  await expect(other.getByTestId('wait-for-cycle')).toBeVisible();
  await other.screenshot({ path: 'test-results/screens/manual-deadlock-replayed.png' });
  expect(errors).toEqual([]);
  await fresh.close();
});

test('manual mode shows each thread’s next line beside its pick and in the editor, and the banner waits for the choice @needs-core @needs-frontend', async ({ page }) => {
  await runExample(page, 'lock-order-deadlock');
  await expect(page.getByTestId('outcome')).toContainText('Deadlock');
  const editorTop = async () => (await page.getByTestId('editor').boundingBox())!.y;
  const before = await editorTop();
  await page.getByTestId('manual').check();
  await expect(page.getByTestId('manual-panel')).toContainText('Choice 0: who moves?');
  /* the deadlock of the run under the policy is not the user's: the banner says what is being decided */
  await expect(page.getByTestId('outcome')).toHaveAttribute('data-outcome', 'manual');
  await expect(page.getByTestId('outcome')).toContainText('Manual scheduling: choice 0');
  await expect(page.getByTestId('outcome')).not.toContainText('Deadlock');
  /* thread A exists: DriverEntry goes on to create thread B (line 44 of the example) */
  await expect(page.getByTestId('pick-1-next')).toContainText('line 44: PsCreateSystemThread(&b');
  /* thread A has not started: its next line is its start routine's, not its creator's */
  await expect(page.getByTestId('pick-2-next')).toContainText('line 28: static VOID ThreadA');
  /* Monaco draws only the lines in view: go to the end, where DriverEntry is */
  await page.locator('[data-testid="editor"] .view-lines').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Home');
  await expect(page.locator('[data-testid="editor"] .line-glyph--thread')).toHaveCount(1);
  await page.locator('[data-testid="editor"] .line-glyph--thread').hover();
  await expect(page.getByText('Thread 1 · DriverEntry runs this line next')).toBeVisible();
  await page.getByTestId('pick-1').click();
  await expect(page.getByTestId('manual-panel')).toContainText('Choice 1: who moves?');
  expect(await editorTop()).toBe(before);
  await shot(page, 'manual-next-lines');
});

test('CPU lanes colour each CPU’s time by the thread it runs @needs-core @needs-frontend', async ({ page }) => {
  await runExample(page, 'kmutex-counter');
  await expect(page.getByTestId('outcome')).toContainText('Completed');
  /* pixels of a thread's own colour (light theme: hsl(id*73+190, 65%, 42%)) on the canvas */
  const pixelsOf = (thread: number) =>
    page.getByTestId('timeline-canvas').evaluate((canvas: HTMLCanvasElement, id) => {
      const probe = document.createElement('canvas').getContext('2d')!;
      probe.fillStyle = `hsl(${(id * 73 + 190) % 360} 65% 42%)`;
      const hex = probe.fillStyle as string;
      const want = [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16));
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      let n = 0;
      for (let i = 0; i < data.length; i += 4) if (want.every((c, k) => Math.abs(data[i + k]! - c) <= 2)) n++;
      return n;
    }, thread);
  const swatchOnly = await pixelsOf(2);
  await page.getByLabel('CPU lanes').check();
  await shot(page, 'timeline-cpu-lanes');
  /* the CPU lanes are thin and the threads take turns thousands of times: a
     share of the lane, beyond the swatch by the thread's own lane */
  await expect.poll(() => pixelsOf(2)).toBeGreaterThan(swatchOnly + 100);
  expect(await pixelsOf(3)).toBeGreaterThan(swatchOnly + 100);
});
