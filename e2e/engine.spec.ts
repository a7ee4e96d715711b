import { expect, getSource, openApp, setSource, shot, test, waitForMonaco } from './fixtures';

const BROKEN_WORKERS: [string, string, string][] = [
  ['invalid-message', 'sends a message that fails validation', "self.onmessage = (e) => self.postMessage({ type: 'result', id: e.data.id, result: { outcome: 'exploded' } });"],
  ['onerror', 'throws (onerror)', "self.onmessage = () => { setTimeout(() => { throw new Error('engine worker fault for the test'); }); };"],
];

for (const [key, name, script] of BROKEN_WORKERS) {
  test(`a worker that ${name} is reported and replaced; the page stays`, async ({ page }) => {
    let served = 0;
    await page.route('**/assets/worker-*.js', async (route) => {
      served++;
      /* The first worker is the checker (started at load); the second is the run
         lane, which the app starts once the first check is answered (warmUp). */
      if (served === 2) await route.fulfill({ contentType: 'text/javascript', body: script });
      else await route.continue();
    });
    await openApp(page);
    await waitForMonaco(page);
    await expect.poll(() => served).toBe(2);
    await setSource(page, 'int KeptThroughTheCrash;\n');
    await page.getByTestId('run').click();
    await expect(page.getByTestId('notice')).toContainText('The run engine stopped unexpectedly');
    await expect(page.getByTestId('notice')).toContainText('It has been restarted');
    await expect(page.getByTestId('outcome')).toContainText('The engine crashed and was restarted');
    expect(await getSource(page)).toBe('int KeptThroughTheCrash;\n');
    await shot(page, `worker-crash-${key}`);

    await page.getByTestId('run').click();
    await expect.poll(() => served).toBe(3);
    await expect(page.getByTestId('outcome')).not.toContainText('Running');
    await expect(page.getByTestId('outcome')).not.toContainText('stopped unexpectedly');
  });
}

const HELLO = `#include <ntddk.h>
#include <wdkm.h>

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    DbgPrint("hello %d\\n", 42);
    return STATUS_SUCCESS;
}
`;

const RUNAWAY = `#include <ntddk.h>

static volatile LONG Spin;

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    for (;;)
        Spin++;
    return STATUS_SUCCESS;
}
`;

test('@needs-core run a scenario and see the outcome and its output', async ({ page }) => {
  await openApp(page);
  await waitForMonaco(page);
  await setSource(page, HELLO);
  await page.getByTestId('run').click();
  await expect(page.getByTestId('outcome')).toHaveAttribute('data-outcome', 'completed');
  await expect(page.getByTestId('outcome')).toContainText('0x00000000 STATUS_SUCCESS');
  await expect(page.getByTestId('console')).toContainText('hello 42');
  await shot(page, 'run-completed');
});

test('@needs-core Ctrl+Enter in the editor runs the default scenario', async ({ page }) => {
  await openApp(page);
  await waitForMonaco(page);
  await page.locator('[data-testid="editor"] .view-lines').click();
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('outcome')).toHaveAttribute('data-outcome', 'completed');
  await expect(page.getByTestId('console')).toContainText('total = 20');
});

test('@needs-core a runaway run is stopped at once by Stop, and ends at its budget', async ({ page }) => {
  await openApp(page);
  await setSource(page, RUNAWAY);
  await page.getByTestId('budget').fill('1000000000');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('stop')).toBeEnabled();
  await page.getByTestId('stop').click();
  await expect(page.getByTestId('outcome')).toContainText('Stopped');
  await expect(page.getByTestId('stop')).toBeDisabled();

  await page.getByTestId('budget').fill('20000');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('outcome')).toHaveAttribute('data-outcome', 'budget');
  await expect(page.getByTestId('outcome')).toContainText('Out of budget');
  await shot(page, 'run-budget');
});
