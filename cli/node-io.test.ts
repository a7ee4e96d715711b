import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeIO } from './node-io';

const dir = mkdtempSync(join(tmpdir(), 'wdkm-io-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('nodeIO', () => {
  it('writes lines in chunks, every line whole and in order', () => {
    function* lines() {
      for (let i = 0; i < 200_000; i++) yield `line ${i}`;
    }
    const path = join(dir, 'lines.txt');
    nodeIO().writeLines(path, lines());
    const text = readFileSync(path, 'utf8');
    expect(text.length).toBeGreaterThan(1 << 21); // more than one chunk
    expect(text.split('\n')).toEqual([...lines(), '']);
  });
  it('reports a file it cannot write, and reads a missing one as undefined', () => {
    const io = nodeIO();
    expect(() => io.writeLines(join(dir, 'no/such/dir.txt'), ['x'])).toThrow(/cannot write '.*dir\.txt': ENOENT/);
    expect(() => io.writeFile(join(dir, 'no/such/file.bin'), new Uint8Array(1))).toThrow(/ENOENT/);
    expect(io.readFile(join(dir, 'missing.c'))).toBeUndefined();
  });
});

describe('wdkm in a pipe', () => {
  it('stops quietly when the reader closes the pipe early', async () => {
    const { spawnSync } = await import('node:child_process');
    const { writeFileSync } = await import('node:fs');
    // More output than a pipe holds, so wdkm is still writing when `head` has gone.
    const scenario = join(dir, 'loud.c'), errors = join(dir, 'loud.err');
    writeFileSync(scenario, '#include <ntddk.h>\nNTSTATUS DriverEntry(PDRIVER_OBJECT D, PUNICODE_STRING R) {\n'
      + '    for (int i = 0; i < 20000; i++) DbgPrint("line %d of a long report\\n", i);\n    return STATUS_SUCCESS;\n}\n');
    const r = spawnSync('bash', ['-c', `npx tsx cli/wdkm.ts run ${scenario} 2>${errors} | head -c 10; echo " status=\${PIPESTATUS[0]}"`], { encoding: 'utf8' });
    expect(r.stdout).toBe('line 0 of  status=0\n');
    expect(readFileSync(errors, 'utf8')).toBe('');
  }, 60_000);
});
