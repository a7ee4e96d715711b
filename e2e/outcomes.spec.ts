/* Issue 14, point 2: a bug check explained (a sentence, the four parameters
   named, the reference page), an unknown one naming its code, and the
   banner's colour by severity, as the CLI's exit code has it. */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, openApp, setSource, shot, test, waitForMonaco } from './fixtures';

test.use({ viewport: { width: 1440, height: 900 } });

const example = (name: string) => readFileSync(`examples/${name}.c`, 'utf8');
const entry = (body: string) =>
  `#include <ntddk.h>\n#include <wdkm.h>\nNTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)\n{\n    UNREFERENCED_PARAMETER(DriverObject);\n    UNREFERENCED_PARAMETER(RegistryPath);\n${body}\n}\n`;

async function run(page: Page, source: string): Promise<void> {
  await setSource(page, source);
  await page.getByTestId('run').click();
  await expect(page.getByTestId('outcome')).not.toContainText('Running');
}

test('a bug check says what happened, names its parameters and links its reference page @needs-core @needs-frontend', async ({ page }) => {
  await openApp(page);
  await waitForMonaco(page);
  await run(page, entry("    KIRQL old;\n    KeRaiseIrql(DISPATCH_LEVEL, &old);\n    PVOID p = ExAllocatePool2(POOL_FLAG_PAGED, 64, 'Page');\n    KeLowerIrql(old);\n    if (p) ExFreePoolWithTag(p, 'Page');\n    return STATUS_SUCCESS;"));
  const banner = page.getByTestId('outcome');
  await expect(banner).toHaveAttribute('data-tone', 'bad');
  await expect(banner).toContainText('Paged pool was allocated at DISPATCH_LEVEL (IRQL 2); paged memory needs IRQL ≤ APC_LEVEL.');
  const screen = page.getByTestId('bugcheck');
  await expect(page.getByTestId('bugcheck-sentence')).toHaveText('Paged pool was allocated at DISPATCH_LEVEL (IRQL 2); paged memory needs IRQL ≤ APC_LEVEL.');
  await expect(page.getByTestId('bugcheck-params').locator('dt')).toHaveText([
    'Parameter 1: Type of violation', 'Parameter 2: Current IRQL', 'Parameter 3: Pool type', 'Parameter 4: Size of the request',
  ]);
  await expect(page.getByTestId('bugcheck-reference')).toHaveAttribute('href', 'https://learn.microsoft.com/windows-hardware/drivers/debugger/bug-check-0xc4--driver-verifier-detected-violation');
  await expect(screen).toContainText('DRIVER_VERIFIER_DETECTED_VIOLATION');
  await shot(page, 'outcome-bugcheck-explained');

  await run(page, example('bugcheck'));
  await expect(banner).toContainText('Bug check 0xDEAD0001 (unknown bug check)');
  await expect(page.getByTestId('bugcheck-sentence')).toContainText('bug check code 0xDEAD0001');
  await expect(page.getByTestId('bugcheck-reference')).toHaveCount(0);
  await shot(page, 'outcome-bugcheck-unknown');
});

test('the banner is green for a clean run, amber for a leak or a failing status, red for a deadlock @needs-core @needs-frontend', async ({ page }) => {
  await openApp(page);
  await waitForMonaco(page);
  const banner = page.getByTestId('outcome');
  await run(page, example('kmutex-counter'));
  await expect(banner).toHaveAttribute('data-tone', 'ok');
  await run(page, example('pool-leak'));
  await expect(banner).toHaveAttribute('data-tone', 'warn');
  await expect(banner).toContainText('1 leak');
  await shot(page, 'outcome-amber-leak');
  await run(page, entry('    return STATUS_INSUFFICIENT_RESOURCES;'));
  await expect(banner).toHaveAttribute('data-tone', 'warn');
  await expect(banner).toContainText('a failing NTSTATUS');
  await run(page, example('lock-order-deadlock'));
  await expect(banner).toHaveAttribute('data-tone', 'bad');
  await expect(banner).toContainText('2 threads wait forever');
  await run(page, example('fast-mutex-self-deadlock'));
  await expect(banner).toContainText('1 thread waits forever');
});
