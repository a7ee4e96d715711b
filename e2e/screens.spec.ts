/* Issue 14, points 7, 9 and 10: settings refused with a message, the seed
   and the policies explained, Help; 25 editor lines at 1280×720 with the dock
   folded and remembered; one column and no sideways scroll at 390×844 with a
   usable timeline; a skip link and a visible way out of the editor. */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, openApp, setSource, shot, test, waitForMonaco } from './fixtures';

const example = (name: string) => readFileSync(`examples/${name}.c`, 'utf8');

async function visibleEditorLines(page: Page): Promise<number> {
  return page.evaluate(() => {
    const box = document.querySelector('[data-testid="editor"]')!.getBoundingClientRect();
    return [...document.querySelectorAll('[data-testid="editor"] .line-numbers')].filter((n) => {
      const r = n.getBoundingClientRect();
      return r.height > 0 && r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
    }).length;
  });
}

test.describe('at 1280×720', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('the editor shows 25 lines or more, the dock folds and the choice is remembered', async ({ page }) => {
    await openApp(page);
    await waitForMonaco(page);
    await setSource(page, example('lock-order-deadlock'));
    await expect.poll(() => visibleEditorLines(page)).toBeGreaterThanOrEqual(25);
    await expect(page.getByTestId('dock-toggle')).toHaveAttribute('aria-expanded', 'false');
    await expect(page.getByTestId('editor-hint')).toContainText('Esc then Tab leaves the editor');
    await shot(page, 'screens-1280-folded');
    await page.getByTestId('dock-toggle').click();
    await expect(page.getByTestId('timeline-canvas')).toBeVisible();
    await page.reload();
    await expect(page.getByTestId('dock-toggle')).toHaveAttribute('aria-expanded', 'true');
    await expect(page.getByTestId('timeline-canvas')).toBeVisible();
  });

  test('settings out of range are refused with a message; the seed is off under timed; each policy is explained; Help', async ({ page }) => {
    await openApp(page);
    const cpus = page.getByTestId('cpus');
    await cpus.fill('12');
    await expect(page.getByTestId('cpus-problem')).toHaveText('CPUs: 12 is not allowed; expected a number of CPUs from 1 to 8.');
    await expect(cpus).toHaveAttribute('aria-invalid', 'true');
    await shot(page, 'screens-settings-refused');
    await cpus.fill('3');
    await expect(page.getByTestId('cpus-problem')).toHaveCount(0);
    await page.getByTestId('budget').fill('0');
    await expect(page.getByTestId('budget-problem')).toContainText('Budget: 0 is not allowed');
    await expect(page.getByTestId('seed')).toBeDisabled();
    await expect(page.getByTestId('policy-help')).toContainText('Timed: the CPU furthest behind in virtual time moves');
    await page.getByTestId('policy').selectOption('random');
    await expect(page.getByTestId('seed')).toBeEnabled();
    await expect(page.getByTestId('policy-help')).toContainText('Seeded random');
    await page.getByTestId('seed').fill('-3');
    await expect(page.getByTestId('seed-problem')).toContainText("Seed: '-3' is not allowed; expected a non-negative integer");
    await page.getByTestId('help').locator('summary').click();
    await expect(page.getByTestId('help-shortcuts')).toContainText('Ctrl+Enter Run');
    await expect(page.getByTestId('help-shortcuts')).toContainText('Esc then Tab leaves the editor');
    await shot(page, 'screens-help');
  });

  test('a skip link, and Esc then Tab leaves the editor for the results', async ({ page }) => {
    await openApp(page);
    await waitForMonaco(page);
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('skip-link')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('#results')).toBeFocused();
    await page.locator('[data-testid="editor"] .view-lines').click();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    await expect(page.locator('#results')).toBeFocused();
  });
});

test.describe('at 390×844', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('one column, nothing sideways, and the timeline zooms with its buttons @needs-core @needs-frontend', async ({ page }) => {
    await openApp(page);
    await waitForMonaco(page);
    await setSource(page, example('kmutex-counter'));
    await page.getByTestId('run').click();
    await expect(page.getByTestId('outcome')).toContainText('Completed');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const editor = (await page.getByTestId('editor').boundingBox())!;
    const results = (await page.locator('#results').boundingBox())!;
    expect(results.y).toBeGreaterThanOrEqual(editor.y + editor.height - 1);
    expect(editor.width).toBeGreaterThan(300);
    await shot(page, 'screens-phone-top');
    if ((await page.getByTestId('dock-toggle').getAttribute('aria-expanded')) === 'false') await page.getByTestId('dock-toggle').click();
    const canvas = page.getByTestId('timeline-canvas');
    await canvas.scrollIntoViewIfNeeded();
    await expect(canvas).toBeVisible();
    const before = await canvas.screenshot();
    await page.getByTestId('zoom-in').click();
    await page.getByTestId('zoom-in').click();
    await expect.poll(async () => Buffer.compare(before, await canvas.screenshot())).not.toBe(0);
    await page.getByTestId('zoom-fit').click();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: 'test-results/screens/screens-phone-timeline.png', fullPage: true });
  });
});
