import { expect, getSource, openApp, setSource, shot, test, openInFreshContext } from './fixtures';

const SOURCE = '#include <ntddk.h>\n/* shared <b>not html</b> */\nNTSTATUS DriverEntry(PDRIVER_OBJECT d, PUNICODE_STRING r) { return STATUS_SUCCESS; }\n';

test('a share link reproduces source and settings in a fresh browser context', async ({ page, browser }) => {
  await openApp(page);
  await setSource(page, SOURCE);
  await page.getByTestId('cpus').fill('4');
  await page.getByTestId('policy').selectOption('pct');
  await page.getByTestId('seed').fill('99');
  await page.getByTestId('budget').fill('5000');
  await page.getByTestId('share').click();
  const url = await page.getByTestId('share-url').inputValue();
  expect(url).toMatch(/#v3\.[A-Za-z0-9_-]+$/);
  await shot(page, 'share-panel');

  const { context: fresh, page: other, errors } = await openInFreshContext(browser, url);
  await expect(other.getByTestId('notice')).toContainText('Opened a shared scenario');
  expect(await getSource(other)).toBe(SOURCE);
  await expect(other.getByTestId('cpus')).toHaveValue('4');
  await expect(other.getByTestId('policy')).toHaveValue('pct');
  await expect(other.getByTestId('seed')).toHaveValue('99');
  await expect(other.getByTestId('budget')).toHaveValue('5000');
  expect(new URL(other.url()).hash).toBe('');
  await expect(other.locator('b')).toHaveCount(0);
  await other.screenshot({ path: 'test-results/screens/share-opened.png' });
  expect(errors).toEqual([]);
  await fresh.close();
});
