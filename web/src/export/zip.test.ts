import { describe, expect, it } from 'vitest';
import { crc32, readZip, zipFiles } from './zip';

describe('zip', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('round-trips a project with UTF-8 names under a root folder', () => {
    const files = new Map([['src/a.c', 'int x;\n'], ['README.md', '# été\n'], ['empty.txt', '']]);
    const back = readZip(zipFiles(files, 'proj'));
    expect([...back.keys()].sort()).toEqual(['proj/README.md', 'proj/empty.txt', 'proj/src/a.c']);
    expect(back.get('proj/README.md')).toBe('# été\n');
  });

  it('gives the same bytes for the same files, whatever their order', () => {
    const a = zipFiles(new Map([['x', '1'], ['y', '2']]));
    const b = zipFiles(new Map([['y', '2'], ['x', '1']]));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('rejects a corrupted archive', () => {
    const z = zipFiles(new Map([['a.txt', 'hello']]));
    z[30 + 5] ^= 0xff;
    expect(() => readZip(z)).toThrow(/CRC/);
  });
});
