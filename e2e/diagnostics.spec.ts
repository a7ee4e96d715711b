import { expect, openApp, setSource, shot, test, waitForMonaco } from './fixtures';

test('@needs-frontend writing a scenario shows live diagnostics in the editor and the problems list', async ({ page }) => {
  await openApp(page);
  await waitForMonaco(page);
  await setSource(
    page,
    '#include <ntddk.h>\n\nNTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)\n{\n    ULONG x = UndeclaredThing;\n    return STATUS_SUCCESS;\n}\n',
  );
  const problem = page.getByTestId('problem').first();
  await expect(problem).toContainText('error');
  await expect(problem).toContainText('line 5');
  await expect(page.locator('[data-testid="editor"] .squiggly-error').first()).toBeVisible();
  await shot(page, 'diagnostics');
  await setSource(page, '#include <ntddk.h>\n\nNTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)\n{\n    UNREFERENCED_PARAMETER(DriverObject);\n    UNREFERENCED_PARAMETER(RegistryPath);\n    return STATUS_SUCCESS;\n}\n');
  await expect(page.getByTestId('problem')).toHaveCount(0);
});

test('editor: completion and hover describe the kernel API', async ({ page }) => {
  await openApp(page);
  await waitForMonaco(page);
  await setSource(page, 'VOID F(VOID)\n{\n    KeAcquireSpinLock\n}\n');
  const token = page.locator('[data-testid="editor"] .view-line span', { hasText: 'KeAcquireSpinLock' }).first();
  await token.hover();
  const hover = page.locator('.monaco-hover').filter({ hasText: 'IRQL' });
  await expect(hover).toBeVisible();
  await expect(hover).toContainText('<= DISPATCH_LEVEL');
  await expect(hover).toContainText('VOID KeAcquireSpinLock(PKSPIN_LOCK SpinLock, PKIRQL OldIrql)');
  await shot(page, 'hover');
  await page.locator('[data-testid="editor"] .view-lines').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\nWdkmKMutexTry');
  await page.keyboard.press('Control+Space');
  await expect(page.locator('.suggest-widget')).toContainText('WdkmKMutexTryLock');
  await shot(page, 'completion');
});

test('editor: go to definition finds the user\'s own declaration', async ({ page }) => {
  await openApp(page);
  await waitForMonaco(page);
  await setSource(page, 'static ULONG Counter;\n\nstatic VOID Bump(VOID)\n{\n    Counter++;\n}\n');
  await page.locator('[data-testid="editor"] .view-line span', { hasText: /^\s*Counter\+\+;$|^Counter$/ }).last().click();
  await expect(page.locator('[data-testid="editor"] .active-line-number')).toHaveText('5');
  await page.keyboard.press('F12');
  await expect(page.locator('[data-testid="editor"] .active-line-number')).toHaveText('1');
});
