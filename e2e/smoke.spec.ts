import { expect, openApp, shot, test, waitForMonaco } from './fixtures';

test('the page loads with the editor, the controls and the outcome', async ({ page }) => {
  await openApp(page);
  await waitForMonaco(page);
  for (const id of ['editor', 'run', 'stop', 'outcome', 'console', 'share', 'examples']) {
    await expect(page.getByTestId(id)).toBeVisible();
  }
  await expect(page.getByTestId('outcome')).toContainText('Not run yet');
  const csp = page.locator('meta[http-equiv="Content-Security-Policy"]');
  await expect(csp).toHaveAttribute('content', /script-src 'self' 'wasm-unsafe-eval'/);
  await expect(csp).toHaveAttribute('content', /object-src 'none'/);
  await shot(page, 'smoke-light');
  await page.getByTestId('theme').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await shot(page, 'smoke-dark');
});

test('the controls are reachable from the keyboard with a visible focus', async ({ page }) => {
  await openApp(page);
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('skip-link')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('run')).toBeFocused();
  const outline = await page.getByTestId('run').evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
  await page.keyboard.press('Tab'); /* Stop is disabled while nothing runs */
  await expect(page.getByTestId('explore')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('cpus')).toBeFocused();
  const handle = page.getByRole('separator', { name: 'Resize the editor and results' });
  await handle.focus();
  const before = Number(await handle.getAttribute('aria-valuenow'));
  await page.keyboard.press('ArrowRight');
  await expect(handle).toHaveAttribute('aria-valuenow', String(before + 2));
});
