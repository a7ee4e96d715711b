import { describe, expect, it } from 'vitest';
import { buildCatalogue, parseExample, searchExamples } from './catalogue';

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
});
