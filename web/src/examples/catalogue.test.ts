import { describe, expect, it } from 'vitest';
import { buildCatalogue, GROUP_PATH, parseExample, searchExamples } from './catalogue';
import { EXAMPLES } from './index';

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
});
