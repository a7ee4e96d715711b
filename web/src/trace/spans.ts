/* Compact, typed-array storage for what the timeline draws: spans (a state,
   a hold, an IRQL level over an interval) and point markers. Built once per
   trace; each list is sorted by start with non-overlapping members, so the
   painter finds the visible range by binary search. */

export interface SpanList {
  length: number;
  start: Float64Array;
  end: Float64Array;
  value: Int32Array; /* a state code, a recursion depth or an IRQL */
  object: Int32Array; /* the object involved (0: none) */
  event: Int32Array; /* the event that began the span */
}

export interface MarkerList {
  length: number;
  time: Float64Array;
  kind: Uint8Array;
  event: Int32Array;
}

/* Grows like an array, closes the open span on the next transition, and
   never lets a span start before the previous one ended: per-CPU clocks can
   step back when a thread moves between CPUs. */
export class SpanBuilder {
  private start: number[] = [];
  private end: number[] = [];
  private value: number[] = [];
  private object: number[] = [];
  private event: number[] = [];
  private open = false;
  private lastEnd = -Infinity;

  get isOpen(): boolean {
    return this.open;
  }

  get openValue(): number {
    return this.open ? this.value[this.value.length - 1]! : 0;
  }

  get openObject(): number {
    return this.open ? this.object[this.object.length - 1]! : 0;
  }

  begin(time: number, value: number, object: number, event: number): void {
    this.close(time);
    this.start.push(Math.max(time, this.lastEnd));
    this.end.push(Infinity);
    this.value.push(value);
    this.object.push(object);
    this.event.push(event);
    this.open = true;
  }

  close(time: number): void {
    if (!this.open) return;
    const i = this.end.length - 1;
    const end = Math.max(time, this.start[i]!);
    this.end[i] = end;
    this.lastEnd = end;
    this.open = false;
  }

  /* A span still open at the end of the trace never ended (a deadlocked
     wait, a lock held forever): it stays open, its end Infinity. */
  finish(): SpanList {
    return {
      length: this.start.length,
      start: Float64Array.from(this.start),
      end: Float64Array.from(this.end),
      value: Int32Array.from(this.value),
      object: Int32Array.from(this.object),
      event: Int32Array.from(this.event),
    };
  }
}

export class MarkerBuilder {
  private time: number[] = [];
  private kind: number[] = [];
  private event: number[] = [];

  add(time: number, kind: number, event: number): void {
    this.time.push(time);
    this.kind.push(kind);
    this.event.push(event);
  }

  /* Sorted by time (stable), since a lane's markers may come from several CPUs' clocks. */
  finish(): MarkerList {
    const t = this.time;
    const order = t.map((_, i) => i);
    if (!t.every((v, i) => i === 0 || t[i - 1]! <= v)) order.sort((x, y) => t[x]! - t[y]! || x - y);
    return {
      length: order.length,
      time: Float64Array.from(order, (i) => this.time[i]!),
      kind: Uint8Array.from(order, (i) => this.kind[i]!),
      event: Int32Array.from(order, (i) => this.event[i]!),
    };
  }
}

/* The first index whose value in the sorted array is >= x (length if none). */
export function lowerBound(sorted: Float64Array, x: number, from = 0, to = sorted.length): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
