// The self-test's expectations, checked before anyone runs the driver: its
// cases run against the real wdkm core on the host kernel (POSIX threads,
// driver/selftest/host/), with AddressSanitizer and UBSan. A second build
// whose KeRaiseIrql does not raise shows the self-test catches a kernel that
// breaks the IRQL rules.

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../node/core-files';

const run = promisify(execFile);
const out = mkdtempSync(join(tmpdir(), 'wdkm-host-'));
const CORE = ['wdkm_common', 'kmutex', 'fast_mutex', 'spin_lock', 'grt'].map((f) => join(REPO_ROOT, 'core-c', 'src', `${f}.c`));
const SELFTEST = join(REPO_ROOT, 'driver', 'selftest');

async function build(name: string, defines: string[]): Promise<string> {
  const exe = join(out, name);
  await run('gcc', [
    '-std=c11', '-Wall', '-Wextra', '-Werror', '-Wno-multichar', '-O1', '-g', '-pthread',
    '-fsanitize=address,undefined', '-fno-sanitize-recover=undefined', ...defines,
    '-I', join(REPO_ROOT, 'core-c', 'include'), '-I', join(REPO_ROOT, 'core-c', 'emu', 'include'),
    '-I', join(REPO_ROOT, 'core-c', 'src'),
    join(SELFTEST, 'host', 'host_main.c'), join(SELFTEST, 'host', 'host_kernel.c'), join(SELFTEST, 'selftest_tests.c'),
    ...CORE, '-o', exe,
  ]);
  return exe;
}

let good = '';
let broken = '';
beforeAll(async () => {
  [good, broken] = await Promise.all([build('selftest', []), build('selftest-broken', ['-DHOST_IGNORE_IRQL'])]);
}, 60_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the kernel self-test on the host kernel', () => {
  it('passes every check against the wdkm core and leaks no pool', async () => {
    const { stdout } = await run(good, [], { env: { ...process.env, ASAN_OPTIONS: 'detect_leaks=1' } });
    for (const name of ['grt errors', 'kmutex counter', 'fast mutex counter', 'mutex guarding pool', 'into owned',
      'grt nested fast mutexes', 'irql too high']) {
      expect(stdout).toContain(`wdkm selftest: ok   ${name}\n`);
    }
    expect(stdout).not.toContain('FAIL');
    expect(stdout).toMatch(/^host selftest: 55 passed, 0 failed, 0 pool blocks leaked$/m);
  });

  it('passes again and again (the counters contend on real threads)', async () => {
    const runs = await Promise.all(Array.from({ length: 5 }, () => run(good)));
    for (const r of runs) expect(r.stdout).toContain('55 passed, 0 failed');
  });

  it('fails, naming the checks, on a kernel that does not raise the IRQL', async () => {
    const result = await run(broken).then(
      () => ({ code: 0, stdout: '' }),
      (e: { code: number; stdout: string }) => e,
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('wdkm selftest: FAIL irql too high\n');
    expect(result.stdout).toMatch(/WdkmKMutexLock\(kmutex, &data\) gave WDKM_OK, expected WDKM_IRQL_TOO_HIGH/);
    expect(result.stdout).toContain('wdkm selftest: ok   kmutex counter\n');
  });
});
