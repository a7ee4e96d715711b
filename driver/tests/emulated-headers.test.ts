// The fixtures are playground scenarios, and the self-test's test file is
// meant to run on the emulated kernel too: both must compile against the
// emulator's ntddk.h as well as the DDK's, with the same warnings as errors.

import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../node/core-files';

const run = promisify(execFile);
const fixtures = join(REPO_ROOT, 'driver', 'tests', 'fixtures');
const sources = [
  ...readdirSync(fixtures).filter((f) => f.endsWith('.c')).map((f) => join(fixtures, f)),
  join(REPO_ROOT, 'driver', 'selftest', 'selftest_tests.c'),
  join(REPO_ROOT, 'driver', 'selftest', 'selftest.c'),
];

function compileForEmulator(file: string) {
  return run('gcc', [
    '-std=c11', '-Wall', '-Wextra', '-Werror', '-Wno-multichar', '-fsyntax-only',
    '-I', join(REPO_ROOT, 'core-c', 'include'), '-I', join(REPO_ROOT, 'core-c', 'emu', 'include'), file,
  ]);
}

describe('against the emulated kernel headers', () => {
  it.each(sources.map((s) => [s.slice(REPO_ROOT.length + 1), s]))('%s compiles', async (_name, file) => {
    await expect(compileForEmulator(file)).resolves.toBeDefined();
  });

  it('a call the emulator does not provide is an error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wdkm-emu-'));
    try {
      const bad = join(dir, 'bad.c');
      writeFileSync(bad, '#include <ntddk.h>\nvoid f(void) { IoCreateDevice(0, 0, 0, 0, 0, 0, 0); }\n');
      await expect(compileForEmulator(bad)).rejects.toMatchObject({ stderr: expect.stringMatching(/IoCreateDevice/) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
