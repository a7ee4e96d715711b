import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { blankHeaders } from '../web/src/examples/headers';
import { readZip } from '../web/src/export/zip';
import { expect, openApp, setSource, shot, test } from './fixtures';

const SOURCE = readFileSync('examples/kmutex-counter.c', 'utf8');

test('export previews the driver project and downloads a zip with the same files as the CLI', async ({ page }) => {
  await openApp(page);
  await setSource(page, SOURCE);
  await page.getByTestId('export').click();
  await page.getByTestId('export-name').fill('counter demo');
  await expect(page.getByTestId('export-preview')).toContainText('WdkmKMutexNew');
  // The file's @title and @expect header comments are blanked, as `wdkm export` does; the lines keep their numbers.
  expect(await page.getByTestId('export-preview').textContent()).toBe(blankHeaders(SOURCE));
  await shot(page, 'export-dialog');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
  expect(download.suggestedFilename()).toBe('counter_demo.zip');
  const zipped = readZip(new Uint8Array(readFileSync((await download.path())!)));
  const cli = cliExport('counter demo');
  expect([...zipped.keys()].sort()).toEqual([...cli.keys()].map((p) => `counter_demo/${p}`).sort());
  for (const [path, text] of cli) expect(zipped.get(`counter_demo/${path}`)).toBe(text);
});

/** What `wdkm export` writes for the same scenario and name. */
function cliExport(name: string): Map<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'wdkm-export-'));
  try {
    execFileSync('npx', ['tsx', 'cli/wdkm.ts', 'export', 'examples/kmutex-counter.c', '--out', dir, '--name', name]);
    const files = new Map<string, string>();
    const walk = (d: string) => {
      for (const e of readdirSync(d)) {
        const p = join(d, e);
        if (statSync(p).isDirectory()) walk(p);
        else files.set(relative(dir, p), readFileSync(p, 'utf8'));
      }
    };
    walk(dir);
    return files;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('an unusable driver name is explained and nothing downloads', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('export').click();
  await page.getByTestId('export-name').fill('CON');
  await expect(page.getByTestId('export-error')).toContainText('Windows reserves');
  await expect(page.getByTestId('export-download')).toBeDisabled();
});

test('a scenario that does not compile is not exported (as the CLI refuses it)', async ({ page }) => {
  await openApp(page);
  await setSource(page, SOURCE.replace('return STATUS_SUCCESS;', 'return STATUS_SUCCESS + nope;'));
  await page.getByTestId('export').click();
  await expect(page.getByTestId('export-error')).toContainText("does not compile, so it is not exported (line ");
  await expect(page.getByTestId('export-error')).toContainText("'nope' undeclared");
  await expect(page.getByTestId('export-download')).toBeDisabled();
});

test('the Code Tour names what was checked: a start routine under #if 0 is not in it', async ({ page }) => {
  await openApp(page);
  await setSource(page, SOURCE.replace('NTSTATUS DriverEntry',
    '#if 0\nVOID Ghost(PVOID Context) { HANDLE h; PsCreateSystemThread(&h, THREAD_ALL_ACCESS, NULL, NULL, NULL, Ghost, Context); }\n#endif\n' +
    'NTSTATUS DriverEntry'));
  await page.getByTestId('export').click();
  await page.getByRole('button', { name: 'README.md' }).click();
  const preview = page.getByTestId('export-preview');
  await expect(preview).toContainText('## Code Tour');
  await expect(preview).toContainText('Worker');
  await expect(preview).not.toContainText('Ghost');
});
