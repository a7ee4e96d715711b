/** Entry points from the checked program (issue 15, defect 5): the same as the
    text scan on every example, but blind to code under #if 0, and linear. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findEntryPoints } from '../export/tour';
import { entryPoints } from './entry-points';
import { analyze } from './frontend';

const program = (source: string) => {
  const a = analyze(source, 's.c');
  expect(a.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return a.program!;
};

describe('entry points from the checked program', () => {
  it.each(readdirSync('examples').filter((f) => f.endsWith('.c')))('%s: the same as the text scan', (f) => {
    const source = readFileSync(`examples/${f}`, 'utf8');
    expect(entryPoints(program(source))).toEqual(findEntryPoints(source));
  });
  it('does not read code under #if 0 (the text scan does)', () => {
    const source = readFileSync('examples/dpc-spin-lock.c', 'utf8').replace(
      'NTSTATUS DriverEntry', '#if 0\nVOID Ghost(PVOID c) { PsCreateSystemThread(NULL, 0, NULL, NULL, NULL, Ghost, c); }\n#endif\nNTSTATUS DriverEntry');
    expect(findEntryPoints(source).map((e) => e.name)).toContain('Ghost');
    expect(entryPoints(program(source)).map((e) => e.name)).not.toContain('Ghost');
  });
  it('a large scenario with thousands of unclosed calls under #if 0 exports at once (was quadratic)', () => {
    const junk = Array.from({ length: 6000 }, (_, i) => `PsCreateSystemThread(a${i}, KeInitializeDpc(`).join('\n');
    const source = readFileSync('examples/kmutex-counter.c', 'utf8') + `\n#if 0\n${junk}\n#endif\n`;
    expect(source.length).toBeGreaterThan(180_000);
    // The text scan used to read to the end of the source for each of these 12,000 unclosed calls (about a minute).
    expect(findEntryPoints(source).map((e) => e.name)).toEqual(['DriverEntry', 'Worker']);
    expect(entryPoints(program(source)).map((e) => e.name)).toEqual(['DriverEntry', 'Worker']);
  });
});
