import { describe, expect, it } from 'vitest';
import { buildCatalogue, GROUP_PATH, parseExample, searchExamples } from './catalogue';
import { EXAMPLES } from './index';
import { readFileSync } from 'node:fs';
import { compile } from '../scenario/compile';

const A = `/* @title Two threads, one KMutex
 * @group Basics
 * @description Counts to 1000 under a KMutex. */
#include <ntddk.h>
`;
const B = '/* @title Lock order inversion @group Bugs @description Two mutexes taken in opposite orders. */\nint x;';

describe('examples catalogue', () => {
  it('reads title, group and description from the leading comment', () => {
    expect(parseExample('/examples/counter.c', A)).toMatchObject({
      id: 'counter',
      title: 'Two threads, one KMutex',
      group: 'Basics',
      description: 'Counts to 1000 under a KMutex.',
    });
  });

  it('falls back to the file name', () => {
    expect(parseExample('/examples/bare.c', 'int x;')).toMatchObject({ title: 'bare', group: 'Other', description: '' });
  });

  it('groups and searches', () => {
    const all = buildCatalogue({ '/examples/b.c': B, '/examples/a.c': A });
    expect(all.map((e) => e.group)).toEqual(['Basics', 'Bugs']);
    expect(searchExamples(all, '').map((g) => g.group)).toEqual(['Basics', 'Bugs']);
    expect(searchExamples(all, 'opposite ORDER')).toEqual([{ group: 'Bugs', examples: [all[1]] }]);
    expect(searchExamples(all, 'nothing-matches')).toEqual([]);
  });

  it('orders the bundled gallery as a path: the crate first, failures next, beyond the crate last', () => {
    const groups = [...new Set(EXAMPLES.map((e) => e.group))];
    for (const g of groups) expect(GROUP_PATH, `group '${g}' has a place on the path`).toContain(g);
    expect(groups[0]).toBe('wdk-mutex crate');
    expect(groups.at(-1)).toBe('beyond the crate');
    expect(groups.indexOf('deadlocks')).toBeGreaterThan(groups.indexOf('driver lifecycle'));
    expect(groups.indexOf('deadlocks')).toBeLessThan(groups.indexOf('events'));
  });

  it('puts a group missing from the path after the listed ones, before beyond the crate', () => {
    const C = '/* @title C @group beyond the crate */';
    const all = buildCatalogue({ '/examples/c.c': C, '/examples/b.c': B, '/examples/k.c': '/* @title K @group wdk-mutex crate */' });
    expect(all.map((e) => e.group)).toEqual(['wdk-mutex crate', 'Bugs', 'beyond the crate']);
  });

  it('opens each bundled example without its @title, @expect and @explore header lines, the rest untouched', () => {
    for (const ex of EXAMPLES) {
      const file = readFileSync(new URL(`../../../examples/${ex.id}.c`, import.meta.url), 'utf8');
      expect(file, ex.id).toMatch(/@title/);
      expect(ex.source, ex.id).not.toMatch(/@(title|group|description|expect|explore)\b/);
      const headerLines = file.split('\n').filter((l) => /^\/\* @/.test(l)).length;
      expect(ex.source.split('\n').length, ex.id).toBeGreaterThanOrEqual(file.split('\n').length - headerLines - 2);
      expect(ex.source.startsWith('#include') || ex.source.startsWith('/*'), ex.id).toBe(true);
      expect(compile(ex.source, `${ex.id}.c`).diagnostics.map((d) => d.message), ex.id).toEqual([]);
    }
  });

  it('strips several header comments, a multi-line one included, and keeps the first ordinary comment', () => {
    const file = '/* @title T\n * @group G */\n/* @expect outcome=completed */\n\n/* why this driver */\n#include <ntddk.h>\nint x;\n/* @explore verdict=clean */\n';
    expect(parseExample('/examples/t.c', file)).toMatchObject({ title: 'T', group: 'G', source: '/* why this driver */\n#include <ntddk.h>\nint x;\n' });
  });
});
