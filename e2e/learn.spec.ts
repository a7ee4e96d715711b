/* The course (#/learn): the list, a break-it lesson completed by manual
   scheduling, a break-it lesson by editing, a predict lesson, hints, and
   progress that survives a reload. */
import { expect, getSource, openApp, setSource, test, shot } from './fixtures';
import type { Page } from '@playwright/test';

async function openLesson(page: Page, id: string): Promise<void> {
  await page.goto(`/#/learn/${id}`, { waitUntil: 'domcontentloaded' });
  await expect(page.getByTestId('lesson-text')).toBeVisible();
  await page.waitForFunction(() => window.__wdkmTest !== undefined);
}

/* The lesson's code is in the store (the editor shows it when Monaco has loaded). */
async function lessonCode(page: Page): Promise<string> {
  await expect.poll(() => getSource(page)).not.toBe('');
  return getSource(page);
}

test.describe('@needs-core @needs-frontend learn', () => {
  test('the course lists every lesson, and a break-it lesson is completed by manual scheduling', async ({ page }) => {
    await openApp(page);
    await page.getByTestId('learn').click();
    const list = page.getByTestId('lesson-list');
    await expect(list).toBeVisible();
    expect(await list.getByTestId('lesson').count()).toBeGreaterThanOrEqual(20);
    await expect(list.locator('[data-lesson="lost-update"]')).toHaveAttribute('data-state', 'new');
    await shot(page, 'learn-course');

    await list.locator('[data-lesson="lost-update"] a').click();
    await expect(page.getByTestId('lesson-text')).toContainText('lost');
    await lessonCode(page);
    /* the default schedule does not lose the update */
    await page.getByTestId('lesson-check').click();
    await expect(page.getByTestId('lesson-result')).toHaveAttribute('data-passed', 'false');
    await expect(page.getByTestId('lesson-result')).toContainText('counter = 2');

    await page.getByTestId('manual').check();
    for (const t of [1, 1, 1, 1, 2, 2, 3]) await page.getByTestId(`pick-${t}`).click();
    await expect(page.getByTestId('manual-panel')).toContainText('7 picks');
    await page.getByTestId('lesson-check').click();
    await expect(page.getByTestId('lesson-result')).toHaveAttribute('data-passed', 'true');
    await expect(page.getByTestId('lesson-result')).toContainText('Counter == 2');
    await shot(page, 'learn-lost-update-passed');

    /* progress survives a reload: the list shows it passed, the lesson keeps the picks */
    await page.goto('/#/learn', { waitUntil: 'domcontentloaded' });
    await page.reload();
    await expect(page.getByTestId('lesson-list').locator('[data-lesson="lost-update"]')).toHaveAttribute('data-state', 'passed');
    await openLesson(page, 'lost-update');
    await expect(page.getByTestId('manual-panel')).toContainText('7 picks');
  });

  test('a break-it lesson by editing, with hints one at a time, kept across a reload', async ({ page }) => {
    await openLesson(page, 'raw-bugcheck');
    await expect(page.getByTestId('lesson-hint')).toHaveCount(0);
    await page.getByTestId('lesson-more-hint').click();
    await expect(page.getByTestId('lesson-hint')).toHaveCount(1);

    /* calling KeBugCheckEx is outside the lesson's limits */
    const start = await lessonCode(page);
    await setSource(page, start.replace('Shared += 1;\n    KeReleaseMutex', 'KeBugCheckEx(0xC4, 0, 0, 0, 0);\n    Shared += 1;\n    KeReleaseMutex'));
    await page.getByTestId('lesson-check').click();
    await expect(page.getByTestId('lesson-result')).toContainText('does not allow `KeBugCheck`');

    const fixed = start
      .replace('    KeWaitForSingleObject(&Mutex, Executive, KernelMode, FALSE, NULL);\n    Shared += 1;\n    KeReleaseMutex(&Mutex, FALSE);\n\n    KeRaiseIrql(DISPATCH_LEVEL, &old);\n    /* ... work at DISPATCH_LEVEL ... */\n',
        '    KeRaiseIrql(DISPATCH_LEVEL, &old);\n    KeWaitForSingleObject(&Mutex, Executive, KernelMode, FALSE, NULL);\n    Shared += 1;\n    KeReleaseMutex(&Mutex, FALSE);\n');
    expect(fixed).not.toBe(start);
    await setSource(page, fixed);
    await page.getByTestId('lesson-check').click();
    await expect(page.getByTestId('lesson-result')).toHaveAttribute('data-passed', 'true');
    await expect(page.getByTestId('lesson-result')).toContainText('0x000000C4');

    await page.reload();
    await expect(page.getByTestId('lesson-text')).toBeVisible();
    await expect(page.getByTestId('lesson-hint')).toHaveCount(1);
    expect(await lessonCode(page)).toBe(fixed);
  });

  test('a fix-it lesson: a fix by a delay is rejected with its witness, a fix of the lock order is proved', async ({ page }) => {
    await openLesson(page, 'lock-order-fix');
    const start = await lessonCode(page);
    const delayed = start.replace('    WdkmKMutexLock(Audit, &audit);\n    WdkmKMutexLock(Accounts, &accounts);',
      '    LARGE_INTEGER later;\n    later.QuadPart = -10 * 1000;\n    KeDelayExecutionThread(KernelMode, FALSE, &later);\n    WdkmKMutexLock(Audit, &audit);\n    WdkmKMutexLock(Accounts, &accounts);');
    expect(delayed).not.toBe(start);
    await setSource(page, delayed);
    await page.getByTestId('lesson-check').click();
    const result = page.getByTestId('lesson-result');
    await expect(result).toHaveAttribute('data-passed', 'false', { timeout: 60_000 });
    await expect(result).toContainText('deadlock');
    await expect(page.getByTestId('lesson-witness')).toContainText(/x\d:/);
    /* the witness is in the timeline: the run it replays ends in the deadlock */
    await expect(page.getByTestId('outcome')).toHaveAttribute('data-outcome', 'deadlock');
    await shot(page, 'learn-fix-witness');

    const fixed = start.replace('    WdkmKMutexLock(Audit, &audit);\n    WdkmKMutexLock(Accounts, &accounts);', '    WdkmKMutexLock(Accounts, &accounts);\n    WdkmKMutexLock(Audit, &audit);');
    await setSource(page, fixed);
    await page.getByTestId('lesson-check').click();
    await expect(result).toHaveAttribute('data-passed', 'true', { timeout: 60_000 });
    await expect(result).toContainText('Proved');
    await page.goto('/#/learn', { waitUntil: 'domcontentloaded' });
    await expect(page.getByTestId('lesson-list').locator('[data-lesson="lock-order-fix"]')).toHaveAttribute('data-state', 'passed');
  });

  test('a predict lesson: a wrong answer is told the run, the right one passes', async ({ page }) => {
    await openLesson(page, 'event-auto-reset');
    await expect(page.getByTestId('outcome')).not.toContainText(/deadlock/i);
    await page.getByTestId('lesson-choices').getByLabel('completed').check();
    await page.getByTestId('lesson-check').click();
    await expect(page.getByTestId('lesson-result')).toHaveAttribute('data-passed', 'false');
    await expect(page.getByTestId('lesson-result')).toContainText('deadlock');
    await page.getByTestId('lesson-choices').getByLabel('deadlock').check();
    await page.getByTestId('lesson-check').click();
    await expect(page.getByTestId('lesson-result')).toHaveAttribute('data-passed', 'true');
    await expect(page.getByTestId('outcome')).toContainText(/deadlock/i);
    await shot(page, 'learn-predict');
  });

  test('a lesson and its code is a link', async ({ page, context }) => {
    await openLesson(page, 'fast-mutex-self-deadlock');
    const edited = (await lessonCode(page)).replace('after the lock', 'from the link');
    await setSource(page, edited);
    await page.getByTestId('lesson-link').click();
    const url = await page.getByTestId('lesson-link-url').inputValue();
    expect(url).toMatch(/#\/learn\/fast-mutex-self-deadlock\/v\d+\./);
    const other = await context.newPage();
    await other.goto(url, { waitUntil: 'domcontentloaded' });
    await expect(other.getByTestId('lesson-text')).toBeVisible();
    await other.waitForFunction(() => window.__wdkmTest !== undefined);
    await expect.poll(() => other.evaluate(() => window.__wdkmTest!.getSource())).toBe(edited);
  });
});
