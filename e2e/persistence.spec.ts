import { expect, getSource, openApp, setSource, test, waitForMonaco } from './fixtures';

test('reload keeps the work in progress and the settings', async ({ page }) => {
  await openApp(page);
  await waitForMonaco(page);
  await page.locator('[data-testid="editor"] .view-lines').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\n/* typed by hand */');
  await page.getByTestId('policy').selectOption('random'); /* the seed is off under the default (timed) */
  await page.getByTestId('seed').fill('1234');
  await page.reload({ waitUntil: 'domcontentloaded' });
  await page.waitForFunction(() => window.__wdkmTest !== undefined);
  expect(await getSource(page)).toContain('/* typed by hand */');
  await expect(page.getByTestId('seed')).toHaveValue('1234');
});

test('work set through the test hook survives a reload too', async ({ page }) => {
  await openApp(page);
  await setSource(page, 'int Kept;\n');
  await page.reload({ waitUntil: 'domcontentloaded' });
  await page.waitForFunction(() => window.__wdkmTest !== undefined);
  expect(await getSource(page)).toBe('int Kept;\n');
});
