/* Builders for traces in tests and benchmarks: an event with defaults, and a
   small script language for the common lock dance. */
import type { TraceEvent } from './decode';
import type { TraceKind } from './kinds';

export function ev(kind: TraceKind, time: number, fields: Partial<TraceEvent> = {}): TraceEvent {
  return { kind, timeNs: time, cpu: 0, thread: 0, object: 0, a: 0, b: 0, line: 0, col: 0, ...fields };
}

/* Two threads and one KMUTEX: T2 holds it, T3 waits, T2 releases and wakes T3. */
export function contendedMutex(): TraceEvent[] {
  return [
    ev('OBJECT', 0, { cpu: null, object: 1, a: 4 }),
    ev('THREAD_CREATE', 0, { cpu: null, thread: 1, object: 1, b: 8 }),
    ev('DISPATCH_ON', 10, { thread: 1 }),
    ev('OBJECT', 20, { thread: 1, object: 5, a: 1, line: 3 }),
    ev('THREAD_CREATE', 30, { thread: 2, object: 6, a: 1 }),
    ev('THREAD_CREATE', 40, { thread: 3, object: 7, a: 1 }),
    ev('DISPATCH_OFF', 50, { thread: 1, a: 0 }),
    ev('DISPATCH_ON', 60, { thread: 2 }),
    ev('ACQUIRE', 70, { thread: 2, object: 5, a: 1, line: 10 }),
    ev('DISPATCH_ON', 75, { cpu: 1, thread: 3 }),
    ev('CHOICE', 78, { cpu: 1, thread: 3, a: 0, b: 3, candidates: [2, 3] }),
    ev('WAIT_BEGIN', 80, { cpu: 1, thread: 3, object: 5, line: 10 }),
    ev('DISPATCH_OFF', 85, { cpu: 1, thread: 3, a: 0 }),
    ev('ACQUIRE', 90, { thread: 2, object: 5, a: 2, line: 11 }),
    ev('RELEASE', 100, { thread: 2, object: 5, a: 1, line: 12 }),
    ev('RELEASE', 110, { thread: 2, object: 5, a: 0, line: 13 }),
    ev('WAKE', 110, { thread: 2, object: 5, a: 3 }),
    ev('DISPATCH_ON', 120, { cpu: 1, thread: 3 }),
    ev('ACQUIRE', 125, { cpu: 1, thread: 3, object: 5, a: 1, line: 10 }),
    ev('WAIT_END', 125, { cpu: 1, thread: 3, object: 5 }),
    ev('PRINT', 130, { cpu: 1, thread: 3, text: 'hello', line: 14 }),
    ev('THREAD_EXIT', 140, { thread: 2 }),
    ev('DISPATCH_OFF', 140, { thread: 2, a: 2 }),
    ev('RUN_END', 150, { cpu: null, a: 1 }),
  ];
}

/* Thread 2 holds A and waits for B; thread 3 holds B and waits for A. */
export function lockOrderDeadlock(): TraceEvent[] {
  return [
    ev('OBJECT', 0, { object: 1, a: 1 }),
    ev('OBJECT', 0, { object: 2, a: 1 }),
    ev('THREAD_CREATE', 0, { thread: 2 }),
    ev('THREAD_CREATE', 0, { thread: 3 }),
    ev('DISPATCH_ON', 10, { thread: 2 }),
    ev('DISPATCH_ON', 10, { cpu: 1, thread: 3 }),
    ev('ACQUIRE', 20, { thread: 2, object: 1, a: 1, line: 12 }),
    ev('ACQUIRE', 20, { cpu: 1, thread: 3, object: 2, a: 1, line: 12 }),
    ev('WAIT_BEGIN', 30, { thread: 2, object: 2, line: 13 }),
    ev('DISPATCH_OFF', 30, { thread: 2, a: 0 }),
    ev('WAIT_BEGIN', 30, { cpu: 1, thread: 3, object: 1, line: 13 }),
    ev('DISPATCH_OFF', 30, { cpu: 1, thread: 3, a: 0 }),
    ev('DEADLOCK', 40, {
      cpu: null,
      deadlock: [
        { thread: 2, object: 2, type: 1, owner: 3, line: 13, col: 1, inCycle: true },
        { thread: 3, object: 1, type: 1, owner: 2, line: 13, col: 1, inCycle: true },
      ],
    }),
    ev('RUN_END', 40, { cpu: null, a: 3 }),
  ];
}
