// The kernel self-test (driver/selftest/) as an exportProject input: the
// same generator and templates as a user's scenario, with the test file as
// an extra source.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExportInput } from '../../web/src/export';
import { REPO_ROOT } from './core-files';

export const SELFTEST_DIR = join(REPO_ROOT, 'driver', 'selftest');

export function selftestInput(coreFiles: Record<string, string>): ExportInput {
  const read = (f: string) => readFileSync(join(SELFTEST_DIR, f), 'utf8');
  return {
    name: 'wdkm_selftest',
    label: 'wdkm kernel self-test',
    source: read('selftest.c'),
    coreFiles,
    extraSources: { 'selftest_tests.c': read('selftest_tests.c'), 'selftest_tests.h': read('selftest_tests.h') },
    // Declared, not checked: the self-test includes its own header, which the
    // playground's front end does not resolve. Its threads' start routines are
    // passed in as parameters (selftest_tests.c), so none is an entry point here.
    entryPoints: [{ name: 'DriverEntry', role: 'DriverEntry' }, { name: 'SelftestUnload', role: 'DriverUnload' }],
  };
}
