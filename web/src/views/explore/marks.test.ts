import { describe, expect, it } from 'vitest';
import type { ExploreOutcome, ExploreResult } from '../../engine/core-types';
import { exploreMarks } from './marks';

const SRC = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join('\n');

const completed: ExploreOutcome = {
  outcome: 'completed', status: '0x00000000', prints: [], bugcheck: null, deadlock: null, assertion: null, leaks: [], count: 8, schedule: 'x2:1*4.2*8',
};
const deadlocked: ExploreOutcome = {
  ...completed, outcome: 'deadlock', count: 1, schedule: 'x2:1*4.2*4.3*5',
  deadlock: { threads: [
    { thread: 'thread 2', waitingOn: 'KMUTEX #3', ownedBy: 'thread 3', line: 13, inCycle: true,
      name: { thread: 'thread 2', waitingOn: 'KMUTEX #3', ownedBy: 'thread 3' } },
    { thread: 'thread 3', waitingOn: 'KMUTEX #2', ownedBy: 'thread 2', line: 14, inCycle: true,
      name: { thread: 'thread 3', waitingOn: 'KMUTEX #2', ownedBy: 'thread 2' } },
  ] },
};
function result(patch: Partial<ExploreResult>): ExploreResult {
  return { complete: true, schedules: 9, pruned: 0, outcomes: [completed], races: [], findings: [], runs: 9, events: 0, maxDepth: 0, cut: false, error: null, ...patch };
}

describe('an exploration’s marks in the editor', () => {
  it('marks both lines of a race, each saying what the other line does', () => {
    const marks = exploreMarks(result({ races: [{ lines: [23, 22], address: '0x1', bytes: 4, kinds: ['write', 'read'], message: '' }] }), SRC, SRC);
    expect(marks.map((m) => [m.line, m.kind])).toEqual([[23, 'race'], [22, 'race']]);
    expect(marks[0]!.label).toMatch(/^Data race: this write and the read at line 22 touch the same 4 bytes from different threads; nothing orders them/);
    expect(marks[1]!.label).toMatch(/^Data race: this read and the write at line 23/);
  });

  it('names the memory in the hover: the variable, or the pool block with its allocation line', () => {
    const named = exploreMarks(result({ races: [{ lines: [23, 22], address: '0x1', bytes: 4, kinds: ['write', 'read'], message: '', variable: 'Counter' }] }), SRC, SRC);
    expect(named[0]!.label).toMatch(/^Data race: this write and the read at line 22 touch the same 4 bytes \(of Counter\) from different threads/);
    const pool = exploreMarks(result({ races: [{ lines: [23, 23], address: '0x1', bytes: 4, kinds: ['write', 'write'], message: '',
      pool: { line: 12, offset: 0 }, variable: 'pool allocated at line 12' }] }), SRC, SRC);
    expect(pool[0]!.label).toMatch(/^Data race: two threads can write these 4 bytes of pool allocated at line 12 here at the same time/);
  });
  it('marks a race of one line with itself once, and joins two races on one line', () => {
    const marks = exploreMarks(result({ races: [
      { lines: [23, 23], address: '0x1', bytes: 4, kinds: ['write', 'write'], message: '' },
      { lines: [23, 22], address: '0x1', bytes: 4, kinds: ['write', 'read'], message: '' },
    ] }), SRC, SRC);
    expect(marks.map((m) => m.line)).toEqual([23, 22]);
    expect(marks[0]!.label.split('\n\n')).toEqual([
      expect.stringMatching(/^Data race: two threads can write these 4 bytes here at the same time/),
      expect.stringMatching(/^Data race: this write and the read at line 22/),
    ]);
  });

  it('marks the lines where a deadlock’s threads wait, with who holds what they wait for', () => {
    const marks = exploreMarks(result({ outcomes: [completed, deadlocked] }), SRC, SRC);
    expect(marks.map((m) => [m.line, m.kind])).toEqual([[13, 'explored-deadlock'], [14, 'explored-deadlock']]);
    expect(marks[0]!.label).toBe('Deadlock (1 of 9 schedules explored; Show in the Exploration panel replays one): thread 2 waits here for KMUTEX #3, held by thread 3.');
  });

  it('says the code’s names of a deadlock’s threads and objects when the explorer gave them', () => {
    const named = { ...deadlocked, deadlock: { threads: deadlocked.deadlock!.threads.map((t, i) => ({ ...t,
      name: { thread: `Thread ${i + 2} · Thread${'AB'[i]}`, waitingOn: `${t.waitingOn} · ${['Second', 'First'][i]}`, ownedBy: `Thread ${3 - i} · Thread${'BA'[i]}` } })) } };
    const marks = exploreMarks(result({ outcomes: [named] }), SRC, SRC);
    expect(marks[0]!.label).toMatch(/: Thread 2 · ThreadA waits here for KMUTEX #3 · Second, held by Thread 3 · ThreadB\.$/);
  });

  it('has no marks when nothing raced or deadlocked', () => {
    expect(exploreMarks(result({}), SRC, SRC)).toEqual([]);
  });

  it('follows edits: lines move, a changed line loses its mark, and the rest say they are from before the edit', () => {
    const r = result({ races: [{ lines: [3, 2], address: '0x1', bytes: 4, kinds: ['write', 'read'], message: '' }] });
    const before = 'a\nb\nc\nd';
    const moved = exploreMarks(r, before, 'new\na\nb\nc\nd');
    expect(moved.map((m) => m.line)).toEqual([4, 3]);
    expect(moved[0]!.label).toMatch(/^Data race: this write and the read at line 3 touch/);
    expect(moved[0]!.label).toMatch(/Found before your last edit/);
    const changed = exploreMarks(r, before, 'a\nB\nc\nd');
    expect(changed.map((m) => m.line)).toEqual([3]);
    expect(changed[0]!.label).toMatch(/^Data race: this write and the read at a line changed since touch/);
    expect(exploreMarks(r, before, before)[0]!.label).not.toMatch(/before your last edit/);
  });
});
