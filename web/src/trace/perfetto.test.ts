import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Policy } from '../engine/core-types';
import { checkChromeTrace } from './check-chrome';
import { decodeTrace, type TraceEvent } from './decode';
import type { TraceKind } from './kinds';
import { toPerfetto, type ChromeEvent } from './perfetto';
import { exampleSource, runExample } from './runs.test-data';
import { compile } from '../scenario/index';
import { makeNamer } from './names';

const EXAMPLES = readdirSync(new URL('../../../examples/', import.meta.url)).filter((f) => f.endsWith('.c')).map((f) => f.slice(0, -2)).sort();

async function perfetto(name: string, settings: { cpus?: number; policy?: Policy; seed?: number } = {}) {
  const r = await runExample(name, settings);
  const events = decodeTrace(r.trace);
  const names = makeNamer(events, compile(exampleSource(name), `${name}.c`).names);
  return { events, trace: toPerfetto(events, names).traceEvents };
}

function ev(kind: TraceKind, timeNs: number, f: Partial<TraceEvent> = {}): TraceEvent {
  return { kind, timeNs, cpu: 0, thread: 1, object: 0, a: 0, b: 0, line: 0, col: 0, ...f };
}

const named = (trace: ChromeEvent[], ph: string, name: string) => trace.filter((e) => e.ph === ph && e.name === name);

describe('toPerfetto gives a file Perfetto reads whole', () => {
  it.each(EXAMPLES)('%s under the defaults', async (name) => {
    const { trace } = await perfetto(name);
    expect(checkChromeTrace(JSON.stringify({ traceEvents: trace }))).toEqual([]);
  });
  it.each([
    ['kmutex-counter', 'rr', 3], ['fast-mutex-counter', 'random', 4], ['dpc-spin-lock', 'pct', 2],
    ['resource-readers', 'random', 3], ['semaphore', 'rr', 1], ['lock-order-deadlock', 'pct', 8],
  ] as const)('%s under %s on %i CPUs', async (name, policy, cpus) => {
    const { trace } = await perfetto(name, { policy, cpus, seed: 7 });
    expect(checkChromeTrace(JSON.stringify({ traceEvents: trace }))).toEqual([]);
  });
});

describe('what the timeline shows', () => {
  it('names the threads (by start routine) and CPUs, holds locks (by variable) as slices and leaves deadlocked waits open to the end', async () => {
    const { trace } = await perfetto('lock-order-deadlock');
    const names = trace.filter((e) => e.name === 'thread_name').map((e) => e.args!.name);
    expect(names).toEqual(['Thread 1 · DriverEntry', 'Thread 2 · ThreadA', 'Thread 3 · ThreadB', 'CPU 0', 'CPU 1']);
    expect(named(trace, 'B', 'KMUTEX #2 · First').map((e) => e.tid)).toContain(2);
    expect(named(trace, 'B', 'KMUTEX #3 · Second').map((e) => e.tid)).toContain(3);
    const end = Math.max(...trace.map((e) => e.ts));
    const waits = named(trace, 'E', 'wait KMUTEX #3 · Second').filter((e) => e.tid === 2);
    expect(waits.at(-1)!.ts).toBe(end);
    const [dead] = named(trace, 'i', 'deadlock');
    expect(dead!.args!.threads).toEqual([
      { thread: 'Thread 2 · ThreadA', waitingOn: 'KMUTEX #3 · Second', ownedBy: 'Thread 3 · ThreadB', line: 15 },
      { thread: 'Thread 3 · ThreadB', waitingOn: 'KMUTEX #2 · First', ownedBy: 'Thread 2 · ThreadA', line: 15 },
    ]);
  });
  it('draws one arrow per wake-up, from the waker to the woken thread', async () => {
    const { events, trace } = await perfetto('event-handshake');
    const wakes = events.filter((e) => e.kind === 'WAKE');
    const starts = trace.filter((e) => e.ph === 's'), ends = trace.filter((e) => e.ph === 'f');
    expect(wakes.length).toBe(9); // each of the 10 sets but the first finds its waiter asleep
    expect(starts.map((s) => s.tid)).toEqual(wakes.map((w) => w.thread));
    const woken = new Map(wakes.map((w, i) => [i + 1, w.a]));
    expect(ends.map((f) => f.tid).sort()).toEqual(ends.map((f) => woken.get(f.id!)).sort());
  });
  it('counts IRQL per CPU, shows the DPC, and puts DbgPrint at its time in µs', async () => {
    const { events, trace } = await perfetto('dpc-spin-lock');
    const irql = trace.filter((e) => e.ph === 'C' && e.name === 'IRQL').map((e) => e.args!['CPU 0']);
    expect(irql).toEqual([2, 0, 2, 0]);
    expect(named(trace, 'B', 'DPC DpcRoutine')).toHaveLength(1);
    const [print] = trace.filter((e) => e.name === 'DbgPrint: shared = 11');
    expect(print!.ts).toBe(events.find((e) => e.kind === 'PRINT')!.timeNs / 1000);
  });
  it('shows a bug check, a leak and a finding as instants', async () => {
    expect(named((await perfetto('bugcheck')).trace, 'i', 'BUGCHECK 0xDEAD0001')[0]!.args!.params).toHaveLength(4);
    expect(named((await perfetto('pool-leak')).trace, 'i', "leak: 32 bytes 'WBuf'")[0]!.s).toBe('p');
    expect(named((await perfetto('fast-mutex-self-deadlock')).trace, 'i', 'finding: SELF_DEADLOCK')).toHaveLength(1);
  });
});

describe('toPerfetto on hand-made traces', () => {
  it('ends and begins again the slices a lock released out of order would cross', () => {
    const trace = toPerfetto([
      ev('OBJECT', 0, { object: 1, a: 1 }), ev('OBJECT', 0, { object: 2, a: 5 }),
      ev('ACQUIRE', 100, { object: 1, a: 1 }), ev('ACQUIRE', 200, { object: 2, a: 1 }),
      ev('RELEASE', 300, { object: 1 }), ev('RELEASE', 400, { object: 2 }),
    ]).traceEvents.filter((e) => e.ph === 'B' || e.ph === 'E');
    expect(trace.map((e) => `${e.ph} ${e.name} ${e.ts}`)).toEqual([
      'B KMUTEX #1 0.1', 'B FAST_MUTEX #2 0.2', 'E FAST_MUTEX #2 0.3', 'E KMUTEX #1 0.3', 'B FAST_MUTEX #2 0.3', 'E FAST_MUTEX #2 0.4',
    ]);
  });
  it('never lets a thread\'s time go back when it moves to a CPU whose clock is behind', () => {
    const trace = toPerfetto([
      ev('ACQUIRE', 5000, { object: 1, cpu: 0 }), ev('RELEASE', 4000, { object: 1, cpu: 1 }), ev('PRINT', 4500, { cpu: 1, text: 'x\n' }),
    ]);
    expect(checkChromeTrace(JSON.stringify(trace))).toEqual([]);
    expect(trace.traceEvents.filter((e) => e.tid === 1).map((e) => e.ts)).toEqual([0, 0, 5, 5, 5]);
  });
  it('ends a lock held by one thread and released by another on the holder\'s track', () => {
    const trace = toPerfetto([ev('ACQUIRE', 10, { object: 1, thread: 1 }), ev('RELEASE', 20, { object: 1, thread: 2 })]);
    expect(trace.traceEvents.filter((e) => e.ph === 'E').map((e) => [e.tid, e.ts])).toEqual([[1, 0.02]]);
  });
  it('names a wait on several objects after all of them', () => {
    const trace = toPerfetto([
      ev('OBJECT', 0, { object: 1, a: 2 }), ev('OBJECT', 0, { object: 2, a: 3 }),
      ev('WAIT_BEGIN', 10, { object: 1, b: 0 }), ev('WAIT_BEGIN', 10, { object: 2, b: 1 }), ev('WAIT_END', 50, { object: 2 }),
    ]);
    expect(trace.traceEvents.filter((e) => e.ph === 'B').map((e) => e.name)).toEqual(['wait KEVENT #1, KSEMAPHORE #2']);
    expect(checkChromeTrace(JSON.stringify(trace))).toEqual([]);
  });
});

describe('checkChromeTrace finds what viewers would drop', () => {
  const base = { pid: 1, tid: 1 };
  const check = (traceEvents: object[]) => checkChromeTrace(JSON.stringify({ traceEvents }));
  it('reports bad JSON, an unended or crossed slice, time going back, and unpaired or unbound flows', () => {
    expect(checkChromeTrace('{')[0]).toMatch(/not JSON/);
    expect(check([{ ...base, name: 'a', ph: 'B', ts: 1 }])).toEqual(['1/1: 1 slice(s) never ended: a']);
    expect(check([{ ...base, name: 'a', ph: 'B', ts: 1 }, { ...base, name: 'b', ph: 'E', ts: 2 }])[0]).toMatch(/ends 'a'/);
    expect(check([{ ...base, name: 'x', ph: 'i', ts: 2 }, { ...base, name: 'y', ph: 'i', ts: 1 }])[0]).toMatch(/goes back/);
    expect(check([{ ...base, name: 'a', ph: 'B', ts: 1 }, { ...base, name: 'w', ph: 's', id: 1, ts: 1 }, { ...base, name: 'a', ph: 'E', ts: 1 }]))
      .toEqual(['flow 1: 1 start(s), 0 end(s)']);
    expect(check([{ ...base, name: 'w', ph: 'f', id: 1, ts: 1 }])[0]).toMatch(/outside any slice/);
  });
});
