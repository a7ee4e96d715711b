import { describe, expect, it } from 'vitest';
import { decodeColumns, decodeTrace, eventsOf } from './decode';
import { encodeTrace } from './encode';
import { ColumnEvents, indicesOf } from './events';
import { MomentMachine } from './moment';
import { makeNamer } from './names';
import { findKind, lineOf } from './navigate';
import { loadPrepared, preparedProblem, prepareTrace, transferablesOf, type PreparedTrace } from './prepared';
import { summariseTrace } from './result';
import { syntheticTrace } from './synthetic';
import { contendedMutex, ev, lockOrderDeadlock } from './testing';
import { deriveTimeline } from './timeline-model';

const code = { calls: [{ line: 3, col: 5, object: 'Lock' }] };

/* As postMessage does it: typed arrays moved, the rest copied. */
function crossThreads(p: PreparedTrace): PreparedTrace {
  return structuredClone(p, { transfer: transferablesOf(p) });
}

function prepared(bytes: Uint8Array): PreparedTrace {
  const d = prepareTrace(bytes, code);
  if ('error' in d) throw new Error(d.error);
  return d;
}

describe('a trace prepared in the worker', () => {
  const events = [...lockOrderDeadlock(), ev('PRINT', 900, { text: 'bye\n' }), ev('RUN_END', 1000, { cpu: null, a: 3, steps: 9 })];
  const bytes = encodeTrace(events);

  it('gives the UI thread the same events, names, timeline and summary as decoding there would', () => {
    const p = crossThreads(prepared(bytes));
    expect(preparedProblem(p)).toBeNull();
    const loaded = loadPrepared(p);
    const decoded = decodeTrace(bytes);
    expect(Array.from({ length: loaded.events.length }, (_, i) => loaded.events.get(i))).toEqual(decoded);
    const names = makeNamer(decoded, code);
    for (const id of [1, 2, 3, 5, 6]) expect([loaded.namer.thread(id), loaded.namer.object(id)]).toEqual([names.thread(id), names.object(id)]);
    const { names: _n, ...timeline } = deriveTimeline(decoded, names);
    const { names: _m, ...moved } = loaded.timeline;
    expect(moved).toEqual(timeline);
    expect(summariseTrace(loaded.events, false)).toEqual(summariseTrace(decoded, false));
  });

  it('moves its typed arrays instead of copying them, each buffer once', () => {
    const p = prepared(bytes);
    const buffers = transferablesOf(p);
    expect(new Set(buffers).size).toBe(buffers.length);
    crossThreads(p);
    expect(p.columns.time.length).toBe(0); /* detached: it was moved */
  });

  it('lets the UI thread seek any moment from the checkpoints without replaying the trace', () => {
    const big = encodeTrace(syntheticTrace(13_000));
    const p = crossThreads(prepared(big));
    expect(p.checkpoints.size).toBe(3);
    const list = new ColumnEvents(p.columns);
    const fresh = new MomentMachine(decodeTrace(big));
    for (const at of [12_999, 9_000, 0, 4_100]) {
      expect(new MomentMachine(list, p.checkpoints).seek(at).snapshot()).toEqual(fresh.seek(at).snapshot());
    }
  });

  it('says why a trace cannot be read, and why a prepared trace is malformed', () => {
    expect(prepareTrace(new Uint8Array([1, 2, 3]))).toEqual({ error: expect.stringMatching(/WDKT/) });
    const p = prepared(bytes);
    expect(preparedProblem({ ...p, columns: { ...p.columns, time: new Float64Array(1) } })).toMatch(/column time/);
    expect(preparedProblem({ ...p, columns: { ...p.columns, text: '' } })).toMatch(/text/);
    expect(preparedProblem({ ...p, checkpoints: [] })).toMatch(/checkpoints/);
    expect(preparedProblem(null)).toMatch(/not an object/);
  });
});

describe('events read from the columns', () => {
  const bytes = encodeTrace([...contendedMutex(), ev('PRINT', 800, { text: 'x\n' }), ev('POOL_ALLOC', 810, { object: 9, a: 16, b: 0x66754254 })]);
  const decoded = decodeTrace(bytes);
  const list = new ColumnEvents(decodeColumns(bytes));

  it('peek and get give the same event; a peek leaves nothing of an earlier one behind', () => {
    for (let i = 0; i < list.length; i++) expect({ ...list.peek(i) }).toEqual({ ...Object.fromEntries(Object.keys(list.peek(i)).map((k) => [k, undefined])), ...decoded[i] });
    const print = indicesOf(list, 'PRINT').at(-1)!;
    expect(list.peek(print).text).toBe('x\n');
    expect(list.peek(0).text).toBeUndefined();
    expect(list.get(print)).toBe(list.get(print)); /* made once, kept */
  });

  it('a cut keeps the first events, and searches read the same as on the array', () => {
    const cut = list.limit(10);
    expect(cut.length).toBe(10);
    expect(cut.get(10)).toBeUndefined();
    expect(cut.get(9)).toEqual(decoded[9]);
    expect(findKind(list, -1, 1, ['WAKE'])).toBe(findKind(decoded, -1, 1, ['WAKE']));
    expect(lineOf(list, 12)).toBe(lineOf(decoded, 12));
    expect(eventsOf(list.columns)).toEqual(decoded);
  });
});
