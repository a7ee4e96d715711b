import { expect, getSource, openApp, setSource, shot, test } from './fixtures';

test('open an example from the gallery, keeping the draft', async ({ page }) => {
  await openApp(page);
  await setSource(page, '/* my own unsaved work */\nint Mine;\n');
  await page.getByTestId('examples').click();
  const dialog = page.getByTestId('examples-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('region', { name: 'wdk-mutex crate' })).toBeVisible();
  await expect(dialog.getByTestId('example-kmutex-counter')).toContainText('Three threads add 1 to a KMutex<ULONG>');
  await shot(page, 'examples-gallery');
  await page.getByTestId('examples-search').fill('leak UNLOAD');
  await expect(page.getByTestId('example-kmutex-counter')).toHaveCount(0);
  await expect(page.getByTestId('example-pool-leak')).toContainText('reported as leaked with its tag and line');
  await shot(page, 'examples-search');
  await page.getByTestId('example-pool-leak').click();
  await expect(dialog).toBeHidden();
  expect(await getSource(page)).toContain('ExAllocatePool2');
  await expect(page.getByTestId('notice')).toContainText('Your previous work is kept as a draft');
  await page.getByTestId('examples').click();
  await page.getByTestId('example-kmutex-counter').click();
  expect(await getSource(page)).toContain('WdkmKMutexLock');
  await page.getByTestId('restore-draft').first().click();
  expect(await getSource(page)).toBe('/* my own unsaved work */\nint Mine;\n');
});

test('the gallery works from the keyboard', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('examples').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('examples-search')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('examples-dialog')).toBeHidden();
});

test('the gallery reads as a path, an example opens without its header lines, and exports under its name onto its README', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('examples').click();
  const dialog = page.getByTestId('examples-dialog');
  const groups = await dialog.getByRole('region').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  expect(groups[0]).toBe('wdk-mutex crate');
  expect(groups.at(-1)).toBe('beyond the crate');
  expect(groups.indexOf('deadlocks')).toBeGreaterThan(groups.indexOf('wdk-mutex crate'));
  await page.getByTestId('example-lock-order-deadlock').click();
  await expect(dialog).toBeHidden();
  const source = await getSource(page);
  expect(source).toContain('DriverEntry');
  expect(source).not.toMatch(/@(title|group|description|expect|explore)\b/);
  await page.getByTestId('export').click();
  await expect(page.getByTestId('export-name')).toHaveValue('lock-order-deadlock');
  await expect(page.getByTestId('export-preview')).toHaveAttribute('aria-label', 'Contents of README.md');
  await expect(page.getByTestId('export-preview')).toContainText('lock');
  await shot(page, 'export-example-readme');
  await page.getByRole('button', { name: /^src\/[^/]+\.c$/ }).click();
  expect(await page.getByTestId('export-preview').textContent()).not.toMatch(/@(title|expect|explore)\b/);
});
