/* The events of a trace as every derivation reads them: from an array (the
   CLI, tests) or straight from the decoded columns (the app, which gets the
   columns from the worker and never makes a million objects on its UI
   thread). A derivation that passes over every event peeks (no object kept,
   none allocated); one that keeps an event gets it. */
import { eventAt, hasExtras, type TraceColumns, type TraceEvent } from './decode';
import { KINDS, kindCode, type TraceKind } from './kinds';

export interface EventList {
  readonly length: number;
  /** Event i to keep; undefined out of range. */
  get(i: number): TraceEvent | undefined;
  /** Event i to look at only: the object may be reused by the next peek. */
  peek(i: number): TraceEvent;
  kindAt(i: number): TraceKind;
  /** The first `n` events (a manual cut), sharing what is already made. */
  limit(n: number): EventList;
}

/** Either form a caller may have. */
export type Events = readonly TraceEvent[] | EventList;

class ArrayEvents implements EventList {
  constructor(private readonly events: readonly TraceEvent[]) {}
  get length(): number {
    return this.events.length;
  }
  get(i: number): TraceEvent | undefined {
    return i >= 0 ? this.events[i] : undefined;
  }
  peek(i: number): TraceEvent {
    return this.events[i]!;
  }
  kindAt(i: number): TraceKind {
    return this.events[i]!.kind;
  }
  limit(n: number): EventList {
    return n >= this.events.length ? this : new ArrayEvents(this.events.slice(0, n));
  }
}

const wrapped = new WeakMap<readonly TraceEvent[], EventList>();

/** The list for an array (the same list for the same array) or the list itself. */
export function asList(events: Events): EventList {
  if (!Array.isArray(events)) return events as EventList;
  const array = events as readonly TraceEvent[];
  let list = wrapped.get(array);
  if (!list) wrapped.set(array, (list = new ArrayEvents(array)));
  return list;
}

const OPTIONAL = ['text', 'params', 'name', 'deadlock', 'candidates', 'message', 'otherLine', 'steps', 'returned', 'expression', 'address', 'tag'] as const;

/* The one object peek fills: every field present, so its shape never changes. */
function blank(): TraceEvent {
  const e = { kind: 'RUN_END', timeNs: 0, cpu: null, thread: 0, object: 0, a: 0, b: 0, line: 0, col: 0 } as TraceEvent;
  for (const k of OPTIONAL) (e as unknown as Record<string, undefined>)[k] = undefined;
  return e;
}

/** Events read from decoded columns; each event is made once, when first kept. */
export class ColumnEvents implements EventList {
  private readonly made: (TraceEvent | undefined)[];
  private readonly scratch = blank();
  private dirty = false; /* the scratch holds optional fields */

  constructor(
    readonly columns: TraceColumns,
    readonly length = columns.length,
    made?: (TraceEvent | undefined)[],
  ) {
    this.made = made ?? [];
  }

  get(i: number): TraceEvent | undefined {
    if (i < 0 || i >= this.length) return undefined;
    return (this.made[i] ??= eventAt(this.columns, i));
  }

  peek(i: number): TraceEvent {
    const kept = this.made[i];
    if (kept) return kept;
    const s = this.scratch;
    if (this.dirty) for (const k of OPTIONAL) (s as unknown as Record<string, undefined>)[k] = undefined;
    this.dirty = hasExtras(this.columns, i);
    return eventAt(this.columns, i, s);
  }

  kindAt(i: number): TraceKind {
    return KINDS[this.columns.kind[i]! - 1]!;
  }

  limit(n: number): EventList {
    return n >= this.length ? this : new ColumnEvents(this.columns, Math.max(0, n), this.made);
  }

  /** The indices of the events of one kind (a pass over one byte column). */
  indicesOf(kind: TraceKind): number[] {
    const code = kindCode(kind);
    const out: number[] = [];
    const kinds = this.columns.kind;
    for (let i = 0; i < this.length; i++) if (kinds[i] === code) out.push(i);
    return out;
  }
}

/** The indices of the events of one kind, in order. */
export function indicesOf(events: Events, kind: TraceKind): number[] {
  const list = asList(events);
  if (list instanceof ColumnEvents) return list.indicesOf(kind);
  const out: number[] = [];
  for (let i = 0; i < list.length; i++) if (list.kindAt(i) === kind) out.push(i);
  return out;
}

/** Every event, kept (an export of the whole trace). */
export function toArray(events: Events): TraceEvent[] {
  if (Array.isArray(events)) return [...(events as readonly TraceEvent[])];
  const list = events as EventList;
  return Array.from({ length: list.length }, (_, i) => list.get(i)!);
}
