/* The timeline's view of a trace: one lane per thread (and per CPU), each with
   its state spans, its lock holds stacked by level, its IRQL band and its
   markers; wake arrows between lanes. Derived once per trace in one pass. */
import { makeNamer, type Namer } from './names';
import { MarkerBuilder, SpanBuilder, type MarkerList, type SpanList } from './spans';
import type { TraceEvent } from './decode';
import { asList, type Events } from './events';

export const STATE = { READY: 1, RUNNING: 2, WAITING: 3, SPINNING: 4, DPC: 5 } as const;
export const STATE_NAMES: Record<number, string> = { 1: 'ready', 2: 'running', 3: 'waiting', 4: 'spinning', 5: 'DPC' };

export const MARK = { PRINT: 1, WDKM_ERROR: 2, BUGCHECK: 3, LEAK: 4, FINDING: 5, DEADLOCK: 6, ASSERT: 7, TRY_FAIL: 8, RUN_END: 9 } as const;
export const MARK_NAMES: Record<number, string> = {
  1: 'DbgPrint', 2: 'wdkm error', 3: 'bug check', 4: 'leak', 5: 'finding', 6: 'deadlock', 7: 'assertion', 8: 'try failed', 9: 'run end',
};
const MARK_OF: Partial<Record<TraceEvent['kind'], number>> = {
  PRINT: MARK.PRINT, WDKM_ERROR: MARK.WDKM_ERROR, BUGCHECK: MARK.BUGCHECK, LEAK: MARK.LEAK, FINDING: MARK.FINDING,
  DEADLOCK: MARK.DEADLOCK, ASSERT: MARK.ASSERT, TRY_FAIL: MARK.TRY_FAIL, RUN_END: MARK.RUN_END,
};

/* A hold's span value packs its recursion depth and whether it is shared (an
   ERESOURCE taken by a reader): the timeline draws the two differently. */
export const HOLD_SHARED = 1 << 20;
export const holdDepth = (value: number): number => value & (HOLD_SHARED - 1);
export const isSharedHold = (value: number): boolean => (value & HOLD_SHARED) !== 0;

export interface Lane {
  label: string;
  thread: number; /* 0 for the run lane and CPU lanes */
  cpu: number | null;
  states: SpanList;
  holds: SpanList[]; /* one list per stacking level; value = recursion depth, | HOLD_SHARED when shared */
  irql: SpanList;
  markers: MarkerList;
}

export interface ArrowList {
  length: number;
  time: Float64Array;
  from: Int32Array; /* waker thread */
  to: Int32Array; /* woken thread */
  event: Int32Array;
}

export interface TimelineModel {
  eventCount: number;
  start: number;
  end: number;
  threadLanes: Lane[]; /* the run lane (thread 0) first, then threads by id */
  cpuLanes: Lane[];
  arrows: ArrowList;
  eventTime: Float64Array; /* each event's time, for the playhead */
  eventThread: Int32Array; /* each event's thread (0: none) */
  objectType: Map<number, number>; /* OBJECT's type by object id */
  names: Namer; /* what lanes, labels and tooltips call threads and objects */
}

class LaneBuilder {
  states = new SpanBuilder();
  irql = new SpanBuilder();
  levels: SpanBuilder[] = [];
  held = new Map<number, number>(); /* object -> level */
  markers = new MarkerBuilder();

  acquire(time: number, object: number, depth: number, shared: boolean, event: number): void {
    let level = this.held.get(object);
    if (level === undefined) {
      const used = new Set(this.held.values());
      level = 0;
      while (used.has(level)) level++;
      this.held.set(object, level);
      this.levels[level] ??= new SpanBuilder();
    }
    this.levels[level]!.begin(time, depth | (shared ? HOLD_SHARED : 0), object, event);
  }

  release(time: number, object: number, depth: number, shared: boolean, event: number): void {
    const level = this.held.get(object);
    if (level === undefined) return;
    if (depth > 0) this.levels[level]!.begin(time, depth | (shared ? HOLD_SHARED : 0), object, event);
    else {
      this.levels[level]!.close(time);
      this.held.delete(object);
    }
  }

  finish(label: string, thread: number, cpu: number | null): Lane {
    return {
      label, thread, cpu,
      states: this.states.finish(),
      holds: this.levels.map((l) => l.finish()),
      irql: this.irql.finish(),
      markers: this.markers.finish(),
    };
  }
}

function laneOf(map: Map<number, LaneBuilder>, key: number): LaneBuilder {
  let lane = map.get(key);
  if (!lane) map.set(key, (lane = new LaneBuilder()));
  return lane;
}

/** The model without its Namer: typed arrays and plain data, which the worker
    hands to the UI thread by transfer (./prepared.ts). */
export type TimelineData = Omit<TimelineModel, 'names'>;

export function deriveTimeline(trace: Events, names: Namer = makeNamer(trace)): TimelineModel {
  const events = asList(trace);
  const threads = new Map<number, LaneBuilder>([[0, new LaneBuilder()]]);
  const cpus = new Map<number, LaneBuilder>();
  const cpuThread = new Map<number, number>();
  const waitObject = new Map<number, number>();
  const arrows = { time: [] as number[], from: [] as number[], to: [] as number[], event: [] as number[] };
  const eventTime = new Float64Array(events.length);
  const eventThread = new Int32Array(events.length);
  const objectType = new Map<number, number>();
  let start = Infinity;
  let end = 0;

  for (let i = 0; i < events.length; i++) {
    const e = events.peek(i);
    const t = e.timeNs;
    eventTime[i] = t;
    eventThread[i] = e.thread;
    start = Math.min(start, t);
    end = Math.max(end, t);
    const lane = laneOf(threads, e.thread);
    const cpu = e.cpu === null ? null : laneOf(cpus, e.cpu);
    const mark = MARK_OF[e.kind];
    if (mark) lane.markers.add(t, mark, i);
    switch (e.kind) {
      case 'OBJECT':
        objectType.set(e.object, e.a);
        break;
      case 'THREAD_CREATE':
        lane.states.begin(t, STATE.READY, 0, i);
        break;
      case 'DISPATCH_ON':
        lane.states.begin(t, STATE.RUNNING, 0, i);
        cpu?.states.begin(t, STATE.RUNNING, e.thread, i);
        if (e.cpu !== null) cpuThread.set(e.cpu, e.thread);
        break;
      case 'DISPATCH_OFF':
        if (e.a === 2) lane.states.close(t);
        else if (e.a === 0) lane.states.begin(t, STATE.WAITING, waitObject.get(e.thread) ?? 0, i);
        else if (e.a === 1) lane.states.begin(t, STATE.READY, 0, i);
        if (e.a !== 3) {
          cpu?.states.close(t);
          if (e.cpu !== null) cpuThread.delete(e.cpu);
        }
        break;
      case 'THREAD_EXIT':
        lane.states.close(t);
        break;
      case 'WAIT_BEGIN':
        waitObject.set(e.thread, e.object);
        break;
      case 'WAIT_END':
        waitObject.delete(e.thread);
        break;
      case 'WAKE': {
        const woken = laneOf(threads, e.a);
        if (woken.states.openValue === STATE.WAITING) woken.states.begin(t, STATE.READY, 0, i);
        arrows.time.push(t), arrows.from.push(e.thread), arrows.to.push(e.a), arrows.event.push(i);
        break;
      }
      case 'SPIN_BEGIN':
        lane.states.begin(t, STATE.SPINNING, e.object, i);
        cpu?.states.begin(t, STATE.SPINNING, e.object, i);
        break;
      case 'SPIN_END':
      case 'DPC_END':
        if (e.kind === 'SPIN_END' && lane.states.openValue === STATE.SPINNING) lane.states.begin(t, STATE.RUNNING, 0, i);
        if (e.cpu !== null && cpuThread.has(e.cpu)) cpu?.states.begin(t, STATE.RUNNING, cpuThread.get(e.cpu)!, i);
        else cpu?.states.close(t);
        break;
      case 'DPC_BEGIN':
        cpu?.states.begin(t, STATE.DPC, e.object, i);
        break;
      case 'IRQL':
        for (const l of [lane, cpu]) {
          if (!l) continue;
          if (e.b > 0) l.irql.begin(t, e.b, 0, i);
          else l.irql.close(t);
        }
        break;
      case 'ACQUIRE':
        lane.acquire(t, e.object, e.a, e.b === 1, i);
        break;
      case 'RELEASE':
        lane.release(t, e.object, e.a, e.b === 1, i);
        break;
      case 'DEADLOCK':
        for (const d of e.deadlock ?? []) laneOf(threads, d.thread).markers.add(t, MARK.DEADLOCK, i);
        break;
    }
  }

  if (!Number.isFinite(start)) start = 0;
  const threadLanes = [...threads.keys()]
    .sort((x, y) => x - y)
    .map((id) => threads.get(id)!.finish(id === 0 ? 'Run' : names.thread(id), id, null));
  const cpuLanes = [...cpus.keys()].sort((x, y) => x - y).map((id) => cpus.get(id)!.finish(`CPU ${id}`, 0, id));
  /* by time, for culling: wakes come from several CPUs' clocks */
  const order = arrows.time.map((_, k) => k).sort((x, y) => arrows.time[x]! - arrows.time[y]! || x - y);
  const arrowList: ArrowList = {
    length: order.length,
    time: Float64Array.from(order, (k) => arrows.time[k]!),
    from: Int32Array.from(order, (k) => arrows.from[k]!),
    to: Int32Array.from(order, (k) => arrows.to[k]!),
    event: Int32Array.from(order, (k) => arrows.event[k]!),
  };
  return { eventCount: events.length, start, end, threadLanes, cpuLanes, arrows: arrowList, eventTime, eventThread, objectType, names };
}
