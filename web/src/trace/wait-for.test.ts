import { describe, expect, it } from 'vitest';
import { momentAt } from './moment';
import { choiceEvent, ERROR_KINDS, findEvent, lineOf, nextLineOf, ofKinds, statementAt, waitOn } from './navigate';
import { contendedMutex, ev, lockOrderDeadlock } from './testing';
import { blockedReason, waitForGraph } from './wait-for';

describe('waitForGraph', () => {
  it('marks the lock-order cycle: each thread waits on what the other owns', () => {
    const g = waitForGraph(momentAt(lockOrderDeadlock(), 13));
    expect(g.hasCycle).toBe(true);
    expect(g.nodes.map((n) => [n.label, n.onCycle])).toEqual([
      ['Thread 2', true],
      ['Thread 3', true],
      ['KMUTEX #1', true],
      ['KMUTEX #2', true],
    ]);
    expect(g.edges.every((e) => e.onCycle)).toBe(true);
    expect(g.edges.filter((e) => e.kind === 'waits').map((e) => `${e.from}->${e.to}`)).toEqual(['t2->o2', 't3->o1']);
  });

  it('has no cycle when one thread merely waits for another', () => {
    const g = waitForGraph(momentAt(contendedMutex(), 13));
    expect(g.hasCycle).toBe(false);
    expect(g.edges.map((e) => `${e.from}->${e.to}:${e.kind}`)).toEqual(['t3->o5:waits', 'o5->t2:owns']);
  });
});

describe('blockedReason', () => {
  it('names the object waited on and its owner, or why else a thread cannot move', () => {
    const s = momentAt(lockOrderDeadlock(), 13);
    expect(blockedReason(s, 2)).toBe('waiting on KMUTEX #2 owned by Thread 3');
    expect(blockedReason(s, 9)).toBe('not created yet');
    expect(blockedReason(momentAt(contendedMutex(), 8), 2)).toBeNull();
    expect(blockedReason(momentAt(contendedMutex(), 23), 2)).toBe('exited');
  });
});

describe('navigation', () => {
  const events = contendedMutex();
  it('finds the next and previous event of some kinds', () => {
    expect(findEvent(events, -1, 1, ofKinds(['ACQUIRE']))).toBe(8);
    expect(findEvent(events, 8, 1, ofKinds(['ACQUIRE']))).toBe(13);
    expect(findEvent(events, 13, -1, ofKinds(['ACQUIRE']))).toBe(8);
    expect(findEvent(events, 8, -1, ofKinds(['ACQUIRE']))).toBeNull();
    expect(findEvent(lockOrderDeadlock(), 0, 1, ofKinds(ERROR_KINDS))).toBe(12);
  });

  it('finds waits on one object, choice points and source lines', () => {
    expect(findEvent(events, 0, 1, waitOn(5))).toBe(11);
    expect(findEvent(events, 11, 1, waitOn(5))).toBeNull();
    expect(choiceEvent(events, 0)).toBe(10);
    expect(choiceEvent(events, 1)).toBeNull();
    expect(lineOf(events, 14)).toBe(12);
    expect(lineOf(events, 16)).toBe(13); /* the WAKE has no line: its thread's last one */
  });
});

describe('nextLineOf', () => {
  it('finds a thread’s next statement past the choice, not its creator’s line', () => {
    const events = [
      ev('THREAD_CREATE', 0, { thread: 2, line: 43 }),
      ev('DISPATCH_ON', 0, { cpu: 1, thread: 2, line: 43 }),
      ev('CHOICE', 1, { thread: 1, line: 44, candidates: [1, 2] }),
      ev('CHOICE', 2, { cpu: 1, thread: 2, line: 43, candidates: [1, 2] }),
      ev('THREAD_START', 2, { cpu: 1, thread: 2, line: 43 }),
      ev('CHOICE', 3, { cpu: 1, thread: 2, line: 28, candidates: [1, 2] }),
    ];
    expect([nextLineOf(events, 2, 1), nextLineOf(events, 2, 2), nextLineOf(events, 2, 3)]).toEqual([44, 28, 0]);
    expect(statementAt('a();\n  b(x);\n', 2)).toBe('b(x);');
  });
});
