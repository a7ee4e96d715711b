/** Every example in examples/ through `wdkm run --json`, against the outcome and output its `@expect` lines promise. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { observed, parseExpect } from './expect';
import { runCli } from './memory-io';

const files = readdirSync('examples').filter((f) => f.endsWith('.c')).sort();
const readDisk = (p: string) => readFileSync(p, 'utf8');

describe('@expect', () => {
  it('reads every key, repeated ones in order, across comment lines', () => {
    const src = '/* @title t @group g @description d */\n/* @expect outcome=deadlock exit=1 print="a = 1" deadlock=2 */\n'
      + '/* @expect print="b" leak=WBuf:32:17 finding=SELF_DEADLOCK bugcheck=0x0000000A */\nint x;\n';
    expect(parseExpect(src)).toEqual({
      outcome: 'deadlock', exit: 1, prints: ['a = 1', 'b'], leaks: ['WBuf:32:17'], findings: ['SELF_DEADLOCK'],
      bugcheck: '0x0000000A', deadlock: 2,
    });
  });
  it('matches a schedule-dependent print whole against its regular expression', () => {
    const want = parseExpect('/* @expect outcome=completed exit=0 print~="n = (?!15)\\d+" print="end" */');
    const json = { outcome: 'completed', leaks: [], findings: [], bugcheck: null, deadlock: null };
    expect(observed({ ...json, prints: ['n = 12', 'end'] }, 0, want)).toEqual(want);
    expect(observed({ ...json, prints: ['n = 15', 'end'] }, 0, want)).not.toEqual(want);
    expect(observed({ ...json, prints: ['n = 12!', 'end'] }, 0, want)).not.toEqual(want);
  });
  it('refuses a missing outcome or an unknown key', () => {
    expect(() => parseExpect('/* @expect exit=0 */')).toThrow(/outcome/);
    expect(() => parseExpect('/* @expect outcome=completed exit=0 colour=blue */')).toThrow(/colour/);
  });
});

describe('examples run as their @expect says', () => {
  it('covers every outcome but assertion (see run.test.ts)', () => {
    const outcomes = new Set(files.map((f) => parseExpect(readDisk(`examples/${f}`)).outcome));
    expect([...outcomes].sort()).toEqual(['budget', 'bugcheck', 'completed', 'deadlock']);
  });
  it.each(files)('%s', async (file) => {
    const path = `examples/${file}`;
    const want = parseExpect(readDisk(path));
    const r = await runCli(['run', path, '--json'], {}, readDisk);
    expect(r.err).toBe('');
    expect(observed(JSON.parse(r.out), r.code, want)).toEqual(want);
  });
});
