/** Every example with an `@explore` line through `wdkm explore --json` (bounded
    as the line says), against the outcome kinds, completeness and races it promises. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exploredAs, parseExploreExpect } from './expect';
import { runCli } from './memory-io';

const readDisk = (p: string) => readFileSync(p, 'utf8');
const files = readdirSync('examples').filter((f) => f.endsWith('.c')).sort();

describe('@explore', () => {
  it('reads the outcome kinds, completeness, races and bound', () => {
    expect(parseExploreExpect('/* @explore outcomes=deadlock,completed complete=false races=2 max-schedules=30 */'))
      .toEqual({ outcomes: ['completed', 'deadlock'], complete: false, races: 2, maxSchedules: 30 });
    expect(parseExploreExpect('/* @explore outcomes=none complete=false */')?.outcomes).toEqual([]);
    expect(parseExploreExpect('int x;')).toBeNull();
    expect(() => parseExploreExpect('/* @explore complete=true */')).toThrow(/outcomes/);
    expect(() => parseExploreExpect('/* @explore outcomes=completed complete=true depth=3 */')).toThrow(/depth/);
  });
  it('is on every example', () => {
    expect(files.filter((f) => parseExploreExpect(readDisk(`examples/${f}`)) === null)).toEqual([]);
  });
});

describe('examples explore as their @explore says', () => {
  it.each(files)('%s', async (file) => {
    const path = `examples/${file}`;
    const want = parseExploreExpect(readDisk(path))!;
    const r = await runCli(['explore', path, '--json', ...(want.maxSchedules ? ['--max-schedules', String(want.maxSchedules)] : [])], {}, readDisk);
    expect(r.err).toBe('');
    expect(exploredAs(JSON.parse(r.out), want)).toEqual(want);
  });
});
