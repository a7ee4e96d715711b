import { describe, expect, it } from 'vitest';
import { contendedMutex, ev, lockOrderDeadlock } from './testing';
import { deriveTimeline, holdDepth, isSharedHold, MARK, STATE, type Lane } from './timeline-model';
import type { SpanList } from './spans';

const spans = (l: SpanList) =>
  Array.from({ length: l.length }, (_, i) => [l.start[i], l.end[i], l.value[i], l.object[i]]);
const lane = (lanes: Lane[], thread: number) => lanes.find((l) => l.thread === thread)!;

describe('deriveTimeline', () => {
  it('gives a lane per thread after the run lane, in id order', () => {
    const m = deriveTimeline(contendedMutex());
    expect(m.threadLanes.map((l) => l.label)).toEqual(['Run', 'Thread 1 · DriverEntry', 'Thread 2', 'Thread 3']);
    expect(m.cpuLanes.map((l) => l.label)).toEqual(['CPU 0', 'CPU 1']);
    expect([m.start, m.end, m.eventCount]).toEqual([0, 150, 24]);
  });

  it('follows a waiter from ready to running to waiting (on what) and back', () => {
    const m = deriveTimeline(contendedMutex());
    expect(spans(lane(m.threadLanes, 3).states)).toEqual([
      [40, 75, STATE.READY, 0],
      [75, 85, STATE.RUNNING, 0],
      [85, 110, STATE.WAITING, 5],
      [110, 120, STATE.READY, 0],
      [120, Infinity, STATE.RUNNING, 0],
    ]);
    expect(spans(lane(m.threadLanes, 2).states).at(-1)).toEqual([60, 140, STATE.RUNNING, 0]);
  });

  it('splits a hold at each change of recursion depth and ends it at the last release', () => {
    const m = deriveTimeline(contendedMutex());
    const holds = lane(m.threadLanes, 2).holds;
    expect(holds).toHaveLength(1);
    expect(spans(holds[0]!)).toEqual([
      [70, 90, 1, 5],
      [90, 100, 2, 5],
      [100, 110, 1, 5],
    ]);
  });

  it('stacks locks held together on separate levels', () => {
    const m = deriveTimeline([
      ev('ACQUIRE', 0, { thread: 1, object: 1, a: 1 }),
      ev('ACQUIRE', 5, { thread: 1, object: 2, a: 1 }),
      ev('RELEASE', 7, { thread: 1, object: 1, a: 0 }),
      ev('ACQUIRE', 8, { thread: 1, object: 3, a: 1 }),
      ev('RELEASE', 9, { thread: 1, object: 3, a: 0 }),
    ]);
    const holds = lane(m.threadLanes, 1).holds.map(spans);
    expect(holds).toEqual([
      [[0, 7, 1, 1], [8, 9, 1, 3]],
      [[5, Infinity, 1, 2]], /* never released */
    ]);
  });

  it('marks a shared hold (an ERESOURCE reader) apart from an exclusive one, through recursion and release', () => {
    const m = deriveTimeline([
      ev('ACQUIRE', 0, { thread: 1, object: 4, a: 1, b: 1 }),
      ev('ACQUIRE', 5, { thread: 1, object: 4, a: 2, b: 1 }),
      ev('RELEASE', 7, { thread: 1, object: 4, a: 1, b: 1 }),
      ev('RELEASE', 8, { thread: 1, object: 4, a: 0, b: 1 }),
      ev('ACQUIRE', 9, { thread: 1, object: 4, a: 1, b: 0 }),
      ev('RELEASE', 12, { thread: 1, object: 4, a: 0, b: 0 }),
    ]);
    const level = lane(m.threadLanes, 1).holds[0]!;
    expect(Array.from(level.value, (v) => [holdDepth(v), isSharedHold(v)])).toEqual([[1, true], [2, true], [1, true], [1, false]]);
    expect([level.start[3], level.end[3]]).toEqual([9, 12]);
  });

  it('draws an arrow from each waker to the thread it wakes', () => {
    const m = deriveTimeline(contendedMutex());
    expect([m.arrows.length, m.arrows.time[0], m.arrows.from[0], m.arrows.to[0], m.arrows.event[0]]).toEqual([1, 110, 2, 3, 16]);
  });

  it('puts markers on the lane of their thread, and the deadlock on every thread in it', () => {
    const m = deriveTimeline(contendedMutex());
    expect(Array.from(lane(m.threadLanes, 3).markers.kind)).toEqual([MARK.PRINT]);
    expect(Array.from(lane(m.threadLanes, 0).markers.kind)).toEqual([MARK.RUN_END]);
    const d = deriveTimeline(lockOrderDeadlock());
    for (const t of [2, 3]) expect(Array.from(lane(d.threadLanes, t).markers.kind)).toEqual([MARK.DEADLOCK]);
    /* a deadlocked wait and the locks held in it never end */
    expect(spans(lane(d.threadLanes, 2).states).at(-1)).toEqual([30, Infinity, STATE.WAITING, 2]);
    expect(spans(lane(d.threadLanes, 2).holds[0]!)).toEqual([[20, Infinity, 1, 1]]);
  });

  it('keeps CPU lanes of who runs, DPCs and spinning, and IRQL bands', () => {
    const m = deriveTimeline([
      ev('DISPATCH_ON', 0, { thread: 1 }),
      ev('IRQL', 10, { thread: 1, a: 0, b: 2 }),
      ev('DPC_BEGIN', 20, { thread: 1, object: 9 }),
      ev('DPC_END', 30, { thread: 1, object: 9 }),
      ev('SPIN_BEGIN', 40, { thread: 1, object: 4 }),
      ev('SPIN_END', 50, { thread: 1, object: 4 }),
      ev('IRQL', 60, { thread: 1, a: 2, b: 0 }),
      ev('DISPATCH_OFF', 70, { thread: 1, a: 2 }),
    ]);
    expect(spans(m.cpuLanes[0]!.states)).toEqual([
      [0, 20, STATE.RUNNING, 1],
      [20, 30, STATE.DPC, 9],
      [30, 40, STATE.RUNNING, 1],
      [40, 50, STATE.SPINNING, 4],
      [50, 70, STATE.RUNNING, 1],
    ]);
    expect(spans(lane(m.threadLanes, 1).irql)).toEqual([[10, 60, 2, 0]]);
    expect(spans(m.cpuLanes[0]!.irql)).toEqual([[10, 60, 2, 0]]);
  });

  it('never lets a lane step back in time when clocks of two CPUs disagree', () => {
    const m = deriveTimeline([
      ev('DISPATCH_ON', 100, { thread: 1 }),
      ev('DISPATCH_OFF', 120, { thread: 1, a: 1 }),
      ev('DISPATCH_ON', 90, { cpu: 1, thread: 1 }),
      ev('THREAD_EXIT', 130, { cpu: 1, thread: 1 }),
    ]);
    expect(spans(lane(m.threadLanes, 1).states)).toEqual([
      [100, 120, STATE.RUNNING, 0],
      [120, 120, STATE.READY, 0],
      [120, 130, STATE.RUNNING, 0],
    ]);
  });
});
