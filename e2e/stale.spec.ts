/* Issue 14, point 3 (and 6's landing): results belong to the code that made
   them. Stale results are marked after an edit, a settings change or an
   example switch; line links follow moved lines; an example opens with its
   result; a share link shows its result at its moment and in its mode; a
   failing run lands on its first error. */
import { readFileSync } from 'node:fs';
import { expect, getSource, openApp, setSource, shot, test, waitForMonaco } from './fixtures';

test.use({ viewport: { width: 1280, height: 720 } });

const example = (name: string) => readFileSync(`examples/${name}.c`, 'utf8');
const activeLine = (page: import('@playwright/test').Page) => page.locator('[data-testid="editor"] .active-line-number');

test('an edit or a settings change marks the results stale, and line links follow the lines @needs-core @needs-frontend', async ({ page }) => {
  await openApp(page);
  await waitForMonaco(page);
  const source = example('lock-order-deadlock');
  await setSource(page, source);
  await page.getByTestId('run').click();
  await expect(page.getByTestId('outcome')).toContainText('Deadlock');
  await expect(page.getByTestId('stale')).toHaveCount(0);
  /* a failing run lands on its first error, the lock-order finding, not on RUN_END */
  await expect(page.getByTestId('moment-position')).toContainText('FINDING');
  await page.getByTestId('prev-error').click();
  await expect(page.getByTestId('moment-position')).toContainText('FINDING');

  await setSource(page, `/* two lines */\n\n${source}`);
  await expect(page.getByTestId('stale').first()).toContainText('from an earlier version');
  await expect(page.getByTestId('stale').first()).toContainText('Run again');
  const link = page.getByTestId('deadlock').getByRole('button', { name: 'Show line 17 in the editor' }).first();
  await expect(link).toHaveText('line 17');
  await link.click();
  await expect(activeLine(page)).toHaveText('17');
  await shot(page, 'stale-after-edit');

  const lines = source.split('\n');
  lines[14] = '        WdkmKMutexLock(Inner, &b);   /* changed */';
  await setSource(page, lines.join('\n'));
  await expect(page.getByTestId('deadlock').getByTestId('line-gone').first()).toContainText('line 15 (changed since)');

  await page.getByTestId('stale').first().getByRole('button', { name: 'Run again' }).click();
  await expect(page.getByTestId('outcome')).toContainText('Deadlock');
  await expect(page.getByTestId('stale')).toHaveCount(0);

  await page.getByTestId('cpus').fill('3');
  await expect(page.getByTestId('stale').first()).toContainText('from an earlier version of the settings');
});

test('the inspector’s heading and the timeline’s hover follow moved lines as line links do @needs-core @needs-frontend', async ({ page }) => {
  await openApp(page);
  await waitForMonaco(page);
  const source = example('lock-order-deadlock');
  await setSource(page, source);
  await page.getByTestId('run').click();
  await expect(page.getByTestId('moment-position')).toContainText('FINDING');
  /* at 1280×720 the dock starts folded (screens.spec.ts) */
  if ((await page.getByTestId('dock-toggle').getAttribute('aria-expanded')) === 'false') await page.getByTestId('dock-toggle').click();
  const heading = page.getByTestId('inspector-moment');
  await expect(heading.getByRole('button', { name: 'Show line 15 in the editor' })).toBeVisible();
  /* two lines above: the heading's line is 17 now, in its link and nowhere 15 */
  await setSource(page, `/* two lines */\n\n${source}`);
  await expect(heading.getByRole('button', { name: 'Show line 17 in the editor' })).toBeVisible();
  await expect(heading).not.toContainText('line 15');
  /* the timeline's hover words for an event say the same: Thread 2's first hold */
  const canvas = page.getByTestId('timeline-canvas');
  const tooltip = page.getByRole('tooltip');
  let hover = '';
  for (let x = 160; x < 700 && !/acquires KMUTEX/.test(hover); x += 20) {
    await canvas.hover({ position: { x, y: 80 } });
    hover = (await tooltip.isVisible()) ? ((await tooltip.textContent()) ?? '') : '';
  }
  expect(hover).toContain('acquires KMUTEX #2 · First (depth 1) (line 15)'); /* Take(First, Second) locks Outer at line 13, now 15 */
  await shot(page, 'stale-inspector-heading');
  /* the line itself changed: the heading says so instead of pointing anywhere */
  const lines = source.split('\n');
  lines[14] = '        WdkmKMutexLock(Inner, &b);   /* changed */';
  await setSource(page, lines.join('\n'));
  await expect(heading.getByTestId('line-gone')).toContainText('line 15 (changed since)');
  await expect(heading.getByRole('button', { name: /Show line/ })).toHaveCount(0);
});

test('opening an example runs it, and switching marks nothing stale @needs-core @needs-frontend', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('examples').click();
  await page.getByTestId('example-kmutex-counter').click();
  await expect(page.getByTestId('outcome')).toContainText('Completed');
  await expect(page.getByTestId('console')).toContainText('counter = 1500');
  await expect(page.getByTestId('stale')).toHaveCount(0);
  await page.getByTestId('examples').click();
  await page.getByTestId('example-pool-leak').click();
  await expect(page.getByTestId('leaks')).toContainText('WBuf');
  await expect(page.getByTestId('stale')).toHaveCount(0);
});

test('a share link shows its result at the shared moment and in manual mode @needs-core @needs-frontend', async ({ page, browser }) => {
  await openApp(page);
  await waitForMonaco(page);
  await setSource(page, example('lock-order-deadlock'));
  await page.getByTestId('run').click();
  await expect(page.getByTestId('outcome')).toContainText('Deadlock');
  await page.getByTestId('manual').check();
  await expect(page.getByTestId('manual-panel')).toContainText('Choice 0: who moves?');
  await page.getByTestId('pick-2').click();
  await page.getByTestId('pick-2').click();
  await expect(page.getByTestId('manual-panel')).toContainText('Choice 2: who moves?');
  await page.getByTestId('step-back').click();
  await page.getByTestId('step-back').click();
  const where = (await page.getByTestId('moment-position').textContent()) ?? '';
  await page.getByTestId('share').click();
  const url = await page.getByTestId('share-url').inputValue();

  const fresh = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const other = await fresh.newPage();
  const errors: string[] = [];
  other.on('pageerror', (e) => errors.push(e.message));
  other.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await other.goto(url, { waitUntil: 'domcontentloaded' });
  /* no Run pressed: the link shows its result */
  await expect(other.getByTestId('manual')).toBeChecked();
  await expect(other.getByTestId('manual-panel')).toContainText('Choice 2: who moves?');
  await expect(other.getByTestId('moment-position')).toHaveText(where);
  await other.screenshot({ path: 'test-results/screens/stale-share-opened.png' });
  expect(await other.evaluate(() => window.__wdkmTest!.getSource())).toBe(await getSource(page));
  expect(errors).toEqual([]);
  await fresh.close();
});
