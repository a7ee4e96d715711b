import { expect, openApp, shot, test, waitForMonaco } from './fixtures';

test('the page loads with the editor, the controls and the outcome', async ({ page }) => {
  await openApp(page);
  await waitForMonaco(page);
  for (const id of ['editor', 'run', 'stop', 'outcome', 'console', 'share', 'examples']) {
    await expect(page.getByTestId(id)).toBeVisible();
  }
  await expect(page.getByTestId('outcome')).toContainText('Not run yet');
  await shot(page, 'smoke-light');
  await page.getByTestId('theme').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await shot(page, 'smoke-dark');
});
