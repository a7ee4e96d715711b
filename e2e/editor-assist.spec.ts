/* The editor's assists in Monaco: parameter hints for a catalogued routine,
   the "did you mean" quick fix, and a completion that does not double the
   parentheses of an existing call. */
import { expect, getSource, openApp, setSource, shot, test, waitForMonaco } from './fixtures';

const editor = '[data-testid="editor"]';
const HEAD = '#include <ntddk.h>\n#include <wdkm.h>\n';
const ENTRY = 'NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)\n{\n    UNREFERENCED_PARAMETER(DriverObject);\n    UNREFERENCED_PARAMETER(RegistryPath);\n    F();\n    return STATUS_SUCCESS;\n}\n';

async function cursorAt(page: import('@playwright/test').Page, line: number, column: number): Promise<void> {
  await page.locator(`${editor} .view-lines`).click();
  await page.keyboard.press('Control+Home');
  for (let i = 1; i < line; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Home'); // the first non-blank character
  for (let i = 1; i < column; i++) await page.keyboard.press('ArrowRight');
}

test('editor: parameter hints follow the argument being typed', async ({ page }) => {
  await openApp(page);
  await waitForMonaco(page);
  await setSource(page, 'static WDKM_KMUTEX *M;\nVOID F(VOID)\n{\n    x;\n}\n');
  await cursorAt(page, 4, 1);
  await page.keyboard.press('Delete');
  await page.keyboard.type('WdkmKMutexLock(');
  const hints = page.locator('.parameter-hints-widget');
  await expect(hints).toBeVisible();
  await expect(hints).toContainText('WDKM_STATUS WdkmKMutexLock(WDKM_KMUTEX *Mutex, PVOID *Data)');
  await expect(hints.locator('.parameter.active')).toHaveText('WDKM_KMUTEX *Mutex');
  await page.keyboard.type('M, ');
  await expect(hints.locator('.parameter.active')).toHaveText('PVOID *Data');
  await shot(page, 'parameter-hints');
});

test('editor: "did you mean" offers a quick fix that replaces the name', async ({ page }) => {
  await openApp(page);
  await waitForMonaco(page);
  await setSource(page, `${HEAD}static WDKM_KMUTEX *M;\nVOID F(VOID)\n{\n    WdkmKMutexLok(M, NULL);\n}\n${ENTRY}`);
  await expect(page.getByTestId('problem').filter({ hasText: "did you mean 'WdkmKMutexLock'?" })).toHaveCount(1);
  await cursorAt(page, 6, 3);
  await page.keyboard.press('Control+.');
  const fix = page.locator('.action-widget').getByText("Change to 'WdkmKMutexLock'");
  await expect(fix).toBeVisible();
  await shot(page, 'quick-fix');
  await fix.click();
  await expect.poll(() => getSource(page)).toContain('    WdkmKMutexLock(M, NULL);');
});

test('editor: accepting a completion inside an existing call keeps one pair of parentheses', async ({ page }) => {
  await openApp(page);
  await waitForMonaco(page);
  await setSource(page, 'static WDKM_KMUTEX *M;\nVOID F(VOID)\n{\n    WdkmKMutexTr(M, NULL);\n}\n');
  await cursorAt(page, 4, 13); // just after "WdkmKMutexTr"
  await page.keyboard.press('Control+Space');
  await expect(page.locator('.suggest-widget')).toContainText('WdkmKMutexTryLock');
  await page.keyboard.press('Enter');
  await expect.poll(() => getSource(page)).toContain('    WdkmKMutexTryLock(M, NULL);');
  expect(await getSource(page)).not.toContain('TryLock()');
});
