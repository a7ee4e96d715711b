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
