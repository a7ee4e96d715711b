import { describe, expect, it } from 'vitest';
import { describeEvent } from './describe';
import { ev } from './testing';

describe('describeEvent', () => {
  const acquire = ev('ACQUIRE', 10, { thread: 2, object: 3, a: 1, line: 15 });

  it('says the line of the run', () => {
    expect(describeEvent(acquire)).toBe('Thread 2: acquires object #3 (depth 1) (line 15)');
  });

  it('says where that line is now after an edit, or that it changed, as line links do', () => {
    expect(describeEvent(acquire, undefined, { lineNow: (l) => l + 2 })).toMatch(/\(line 17\)$/);
    expect(describeEvent(acquire, undefined, { lineNow: () => null })).toMatch(/\(line 15, changed since\)$/);
  });

  it('leaves the line out for a caller that shows it as a link', () => {
    expect(describeEvent(acquire, undefined, { withoutLine: true })).toBe('Thread 2: acquires object #3 (depth 1)');
  });
});
