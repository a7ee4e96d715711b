/* Builds Chrome Trace Event JSON (what Perfetto and chrome://tracing open)
   with the guarantees the viewers need and the trace itself does not give:

   - Time is per CPU in the binary trace, so one track's events can go
     backwards when its thread moves CPU. Each track's time is clamped to be
     non-decreasing, so viewers never see an end before its begin.
   - Slices are B/E pairs kept on a stack per track. A lock released out of
     order (A, B taken; A released first) would cross slices, which viewers
     reject; instead the slices above are ended and begun again at that time.
   - B/E rather than X: Perfetto converts µs to ns by truncating ts × 1000,
     which can move one timestamp a nanosecond but never reorders two, while
     ts + dur can misnest a child by that nanosecond.
   - Flow events bind to the slice open on their track, so each flow end point
     gets a zero-length slice of its own. */

export interface ChromeEvent {
  name: string;
  ph: 'B' | 'E' | 'i' | 'C' | 's' | 'f' | 'M';
  ts: number;
  pid: number;
  tid: number;
  cat?: string;
  id?: number;
  s?: 't' | 'p';
  bp?: 'e';
  args?: Record<string, unknown>;
}

export interface ChromeTrace {
  traceEvents: ChromeEvent[];
  displayTimeUnit: 'ns';
}

export const PID = 1;

interface Open {
  key: string;
  begin: ChromeEvent;
}

export class ChromeWriter {
  private readonly out: { ev: ChromeEvent; ns: number; seq: number }[] = [];
  private readonly meta: ChromeEvent[] = [];
  private readonly last = new Map<string, number>();
  private readonly stacks = new Map<number, Open[]>();
  private latest = 0;

  /** The latest (clamped) time written on any track, in ns. */
  get endNs(): number {
    return this.latest;
  }

  nameTrack(tid: number, name: string, sortIndex: number): void {
    this.meta.push({ name: 'thread_name', ph: 'M', ts: 0, pid: PID, tid, args: { name } });
    this.meta.push({ name: 'thread_sort_index', ph: 'M', ts: 0, pid: PID, tid, args: { sort_index: sortIndex } });
  }

  nameProcess(name: string): void {
    this.meta.push({ name: 'process_name', ph: 'M', ts: 0, pid: PID, tid: 0, args: { name } });
  }

  begin(tid: number, ns: number, key: string, name: string, cat: string, args?: Record<string, unknown>): ChromeEvent {
    const t = this.clamp(`t${tid}`, ns);
    const ev: ChromeEvent = { name, ph: 'B', ts: t / 1000, pid: PID, tid, cat, ...(args ? { args } : {}) };
    this.push(ev, t);
    this.stack(tid).push({ key, begin: ev });
    return ev;
  }

  /* Ends the innermost open slice with this key; false when none is open. */
  end(tid: number, ns: number, key: string, args?: Record<string, unknown>): boolean {
    const stack = this.stack(tid);
    let at = stack.length - 1;
    while (at >= 0 && stack[at]!.key !== key) at--;
    if (at < 0) return false;
    const t = this.clamp(`t${tid}`, ns);
    const above = stack.splice(at + 1);
    for (const o of [...above].reverse()) this.endOne(tid, t, o);
    this.endOne(tid, t, stack.pop()!, args);
    for (const o of above) this.begin(tid, t, o.key, o.begin.name, o.begin.cat ?? '', o.begin.args);
    return true;
  }

  /** The innermost open slice when it has this key, to rename it while it lasts. */
  top(tid: number, key: string): ChromeEvent | undefined {
    const open = this.stack(tid).at(-1);
    return open?.key === key ? open.begin : undefined;
  }

  /** A thread-scoped instant; tid null makes it process-scoped. */
  instant(tid: number | null, ns: number, name: string, cat: string, args?: Record<string, unknown>): void {
    const t = this.clamp(tid === null ? 'p' : `t${tid}`, ns);
    this.push({ name, ph: 'i', ts: t / 1000, pid: PID, tid: tid ?? 0, s: tid === null ? 'p' : 't', cat, ...(args ? { args } : {}) }, t);
  }

  counter(name: string, series: string, ns: number, value: number): void {
    const t = this.clamp(`c${name}\u0000${series}`, ns);
    this.push({ name, ph: 'C', ts: t / 1000, pid: PID, tid: 0, args: { [series]: value } }, t);
  }

  /** One end of a flow arrow, on a zero-length slice named `label`. */
  flow(tid: number, ns: number, ph: 's' | 'f', id: number, label: string): void {
    const t = this.clamp(`t${tid}`, ns);
    this.begin(tid, t, '\u0000flow', label, 'wake');
    this.push({ name: 'wake', ph, ts: t / 1000, pid: PID, tid, cat: 'wake', id, ...(ph === 'f' ? { bp: 'e' as const } : {}) }, t);
    this.end(tid, t, '\u0000flow');
  }

  /* Ends every open slice, innermost first, at the end of the run. */
  closeAll(ns: number): void {
    for (const [tid, stack] of this.stacks) {
      while (stack.length) this.endOne(tid, this.clamp(`t${tid}`, ns), stack.pop()!);
    }
  }

  /* Sorted by time; equal times keep the order written, which keeps every
     track's own order (its times never decrease) and so its nesting. */
  trace(): ChromeTrace {
    const sorted = [...this.out].sort((x, y) => x.ns - y.ns || x.seq - y.seq);
    return { traceEvents: [...this.meta, ...sorted.map((e) => e.ev)], displayTimeUnit: 'ns' };
  }

  private endOne(tid: number, t: number, o: Open, args?: Record<string, unknown>): void {
    const ev: ChromeEvent = { name: o.begin.name, ph: 'E', ts: t / 1000, pid: PID, tid, cat: o.begin.cat, ...(args ? { args } : {}) };
    this.push(ev, t);
  }

  private stack(tid: number): Open[] {
    let s = this.stacks.get(tid);
    if (!s) this.stacks.set(tid, (s = []));
    return s;
  }

  private clamp(track: string, ns: number): number {
    const t = Math.max(ns, this.last.get(track) ?? 0);
    this.last.set(track, t);
    this.latest = Math.max(this.latest, t);
    return t;
  }

  private push(ev: ChromeEvent, ns: number): void {
    this.out.push({ ev, ns, seq: this.out.length });
  }
}

/* The file as lines, one event per line (valid JSON once joined with
   newlines), made one at a time. */
export function* chromeTraceLines(trace: ChromeTrace): Generator<string> {
  yield '{"displayTimeUnit":"ns","traceEvents":[';
  const n = trace.traceEvents.length;
  for (let i = 0; i < n; i++) yield JSON.stringify(trace.traceEvents[i]) + (i + 1 < n ? ',' : '');
  yield ']}';
}
