/* The state of the emulated machine at one moment of a trace (after a given
   event): every thread, every object, the pool by tag. Derived by replaying
   the events' effects, never by re-simulating. */
import { objectTypeName, tagName } from './names';
import type { DeadlockEntry, TraceEvent } from './decode';
import { asList, type EventList, type Events } from './events';

export type ThreadState = 'ready' | 'running' | 'waiting' | 'spinning' | 'exited';

export interface ThreadView {
  id: number;
  state: ThreadState;
  cpu: number | null;
  irql: number;
  holds: { object: number; depth: number; shared: boolean }[]; /* in order of acquisition */
  waitingOn: number[]; /* objects, in the wait's order */
  spinningOn: number;
  line: number; /* the last source line it was seen at */
}

export interface ObjectView {
  id: number;
  type: string;
  /** The guest address, exact as "0x%016X" (kernel-side addresses pass 2^53); "" before its OBJECT record. */
  address: string;
  owner: number; /* 0: none */
  recursion: number;
  sharedOwners: number[];
  waiters: number[]; /* in the order they began to wait */
  signal: number | null; /* events and semaphores, once set */
}

export interface PoolTagView {
  tag: string;
  blocks: number;
  bytes: number;
}

export interface MomentState {
  index: number; /* the last event applied; -1 before any */
  threads: ThreadView[];
  objects: ObjectView[];
  pool: PoolTagView[];
  deadlock: DeadlockEntry[] | null;
}

function thread(threads: Map<number, ThreadView>, id: number): ThreadView {
  let t = threads.get(id);
  if (!t) {
    t = { id, state: 'ready', cpu: null, irql: 0, holds: [], waitingOn: [], spinningOn: 0, line: 0 };
    threads.set(id, t);
  }
  return t;
}

function object(objects: Map<number, ObjectView>, id: number): ObjectView {
  let o = objects.get(id);
  if (!o) {
    o = { id, type: 'object', address: '', owner: 0, recursion: 0, sharedOwners: [], waiters: [], signal: null };
    objects.set(id, o);
  }
  return o;
}

const CHECKPOINT_EVERY = 4096;

export interface Saved {
  index: number;
  threads: Map<number, ThreadView>;
  objects: Map<number, ObjectView>;
  blocks: Map<number, { bytes: number; tag: number }>;
  deadlock: DeadlockEntry[] | null;
}

const copyThread = (t: ThreadView): ThreadView => ({ ...t, holds: t.holds.map((h) => ({ ...h })), waitingOn: [...t.waitingOn] });
const copyObject = (o: ObjectView): ObjectView => ({ ...o, sharedOwners: [...o.sharedOwners], waiters: [...o.waiters] });

function cloneState(s: Saved): Saved {
  return {
    index: s.index,
    threads: new Map([...s.threads].map(([k, t]) => [k, copyThread(t)])),
    objects: new Map([...s.objects].map(([k, o]) => [k, copyObject(o)])),
    blocks: new Map(s.blocks),
    deadlock: s.deadlock,
  };
}

/* Applies events one by one; resumable, so stepping forward costs one event. */
/** The machine's state every CHECKPOINT_EVERY events, by index: plain data,
    so the worker can make them and hand them to the UI thread with the trace. */
export type MomentCheckpoints = Map<number, Saved>;

export class MomentMachine {
  index = -1;
  readonly events: EventList;
  private threads = new Map<number, ThreadView>();
  private objects = new Map<number, ObjectView>();
  private blocks = new Map<number, { bytes: number; tag: number }>();
  private deadlock: DeadlockEntry[] | null = null;

  constructor(events: Events, checkpoints?: MomentCheckpoints) {
    this.events = asList(events);
    if (checkpoints) this.checkpoints = new Map(checkpoints);
  }

  private endWait(t: ThreadView): void {
    for (const id of t.waitingOn) {
      const o = this.objects.get(id);
      if (o) o.waiters = o.waiters.filter((w) => w !== t.id);
    }
    t.waitingOn = [];
  }

  private apply(e: TraceEvent): void {
    const t = e.thread > 0 ? thread(this.threads, e.thread) : null;
    if (t && e.line > 0) t.line = e.line;
    switch (e.kind) {
      case 'OBJECT': {
        const o = object(this.objects, e.object);
        o.type = objectTypeName(e.a);
        o.address = e.address ?? '';
        break;
      }
      case 'DISPATCH_ON':
        if (t) Object.assign(t, { state: 'running', cpu: e.cpu });
        break;
      case 'DISPATCH_OFF':
        if (t) Object.assign(t, { state: (['waiting', 'ready', 'exited', 'spinning'] as const)[e.a] ?? 'ready', cpu: e.a === 3 ? e.cpu : null });
        break;
      case 'THREAD_EXIT':
        if (t) t.state = 'exited';
        break;
      case 'IRQL':
        if (t) t.irql = e.b;
        break;
      case 'WAIT_BEGIN':
        if (t && e.object > 0) {
          t.waitingOn.push(e.object);
          object(this.objects, e.object).waiters.push(t.id);
        }
        break;
      case 'WAIT_END':
        if (t) this.endWait(t);
        break;
      case 'WAKE': {
        const woken = thread(this.threads, e.a);
        this.endWait(woken);
        if (woken.state === 'waiting') woken.state = 'ready';
        break;
      }
      case 'SPIN_BEGIN':
        if (t) Object.assign(t, { state: 'spinning', spinningOn: e.object });
        break;
      case 'SPIN_END':
        if (t) Object.assign(t, { state: 'running', spinningOn: 0 });
        break;
      case 'ACQUIRE': {
        if (!t) break;
        const o = object(this.objects, e.object);
        const shared = e.b === 1;
        if (shared) o.sharedOwners = [...o.sharedOwners.filter((x) => x !== t.id), t.id];
        else Object.assign(o, { owner: t.id, recursion: e.a });
        const held = t.holds.find((h) => h.object === e.object);
        if (held) held.depth = e.a;
        else t.holds.push({ object: e.object, depth: e.a, shared });
        /* A lock handed over on release is recorded (ACQUIRE for the waiter)
           before the WAKE: from here the waiter owns it and no longer waits on
           it, or the graph would show a false cycle through it. */
        if (t.waitingOn.includes(e.object)) {
          t.waitingOn = t.waitingOn.filter((x) => x !== e.object);
          o.waiters = o.waiters.filter((w) => w !== t.id);
        }
        break;
      }
      case 'RELEASE': {
        if (!t) break;
        const o = object(this.objects, e.object);
        const held = t.holds.find((h) => h.object === e.object);
        if (e.a > 0) {
          if (held) held.depth = e.a;
          if (o.owner === t.id) o.recursion = e.a;
          break;
        }
        t.holds = t.holds.filter((h) => h.object !== e.object);
        if (o.owner === t.id) Object.assign(o, { owner: 0, recursion: 0 });
        o.sharedOwners = o.sharedOwners.filter((x) => x !== t.id);
        break;
      }
      case 'SIGNAL':
        object(this.objects, e.object).signal = e.a;
        break;
      case 'POOL_ALLOC':
        this.blocks.set(e.object, { bytes: e.a, tag: e.b });
        break;
      case 'POOL_FREE':
        this.blocks.delete(e.object);
        break;
      case 'DEADLOCK':
        this.deadlock = e.deadlock ?? [];
        break;
    }
  }

  /* Moves to just after event `index`. Going back restarts from the nearest
     checkpoint (one every CHECKPOINT_EVERY events, kept as it is passed), so a
     step back in a million events replays a few thousand, not all of them. */
  seek(index: number): this {
    const last = Math.min(index, this.events.length - 1);
    if (last < this.index || this.nearest(last) > this.index) this.restore(last);
    while (this.index < last) {
      this.apply(this.events.peek(++this.index));
      if ((this.index + 1) % CHECKPOINT_EVERY === 0 && !this.checkpoints.has(this.index)) this.checkpoints.set(this.index, this.save());
    }
    return this;
  }

  private checkpoints: MomentCheckpoints = new Map();

  /** The checkpoints passed so far (all of them after a seek to the end). */
  get saved(): MomentCheckpoints {
    return this.checkpoints;
  }

  /* The index of the last checkpoint at or before `target` (-1: none). */
  private nearest(target: number): number {
    let best = -1;
    for (const at of this.checkpoints.keys()) if (at <= target && at > best) best = at;
    return best;
  }

  private save(): Saved {
    const { index, threads, objects, blocks, deadlock } = this;
    return cloneState({ index, threads, objects, blocks, deadlock });
  }

  private restore(target: number): void {
    let best: Saved | null = null;
    for (const [at, saved] of this.checkpoints) if (at <= target && (!best || at > best.index)) best = saved;
    /* a copy, so that replaying from a checkpoint never changes it */
    Object.assign(this, best ? cloneState(best) : { index: -1, threads: new Map(), objects: new Map(), blocks: new Map(), deadlock: null });
  }

  snapshot(): MomentState {
    const byTag = new Map<number, PoolTagView>();
    for (const b of this.blocks.values()) {
      const v = byTag.get(b.tag) ?? { tag: tagName(b.tag), blocks: 0, bytes: 0 };
      v.blocks++;
      v.bytes += b.bytes;
      byTag.set(b.tag, v);
    }
    return {
      index: this.index,
      threads: [...this.threads.values()].sort((x, y) => x.id - y.id).map(copyThread),
      objects: [...this.objects.values()].sort((x, y) => x.id - y.id).map(copyObject),
      pool: [...byTag.values()].sort((x, y) => x.tag.localeCompare(y.tag)),
      deadlock: this.deadlock,
    };
  }
}

/* The state after event `index`; one machine per trace is kept so that
   stepping forward replays only the new events. Checkpoints made ahead (by
   the worker, ./prepared.ts) spare the UI thread a replay of the whole trace. */
let cached: MomentMachine | null = null;
export function momentAt(events: Events, index: number, checkpoints?: MomentCheckpoints): MomentState {
  const list = asList(events);
  if (!cached || cached.events !== list) cached = new MomentMachine(list, checkpoints);
  return cached.seek(index).snapshot();
}
