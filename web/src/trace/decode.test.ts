import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../engine/core-types';
import { decodeTrace, TraceFormatError, type TraceEvent } from './decode';
import { findingName, kindCode, OUTCOMES, WDKM_STATUS_NAMES, type TraceKind } from './kinds';
import { driverEntry, runExample, runSource } from './runs.test-data';

/* A tiny writer of the format, to reach the corners real runs rarely do. */
function leb(v: bigint): number[] {
  const out: number[] = [];
  do {
    const byte = Number(v & 0x7fn);
    v >>= 7n;
    out.push(v ? byte | 0x80 : byte);
  } while (v);
  return out;
}
const zigzag = (d: bigint) => (d < 0n ? -2n * d - 1n : 2n * d);
function trace(...records: number[][]): Uint8Array {
  return new Uint8Array([0x57, 0x44, 0x4b, 0x54, 2, 0, 0, 0, ...records.flat()]);
}
function rec(kind: TraceKind, dt: bigint, f: { cpu?: number; thread?: number; object?: number; a?: bigint; b?: bigint; loc?: number; payload?: number[] } = {}): number[] {
  return [kindCode(kind), ...leb(zigzag(dt)), f.cpu ?? 0, ...leb(BigInt(f.thread ?? 0)), ...leb(BigInt(f.object ?? 0)),
    ...leb(f.a ?? 0n), ...leb(f.b ?? 0n), ...leb(BigInt(f.loc ?? 0)), ...(f.payload ? [...leb(BigInt(f.payload.length)), ...f.payload] : [])];
}

describe('decodeTrace on hand-made traces', () => {
  it('accumulates signed time deltas, splits loc, and maps cpu 0xFF to null', () => {
    const evs = decodeTrace(trace(
      rec('IRQL', 1000n, { cpu: 1, thread: 2, a: 0n, b: 2n, loc: (12 << 10) | 5 }),
      rec('IRQL', -300n, { cpu: 0, thread: 3, a: 2n, b: 0n }),
      rec('UNLOAD', 5n, { cpu: 0xff }),
    ));
    expect(evs.map((e) => [e.kind, e.timeNs, e.cpu, e.thread, e.line, e.col])).toEqual([
      ['IRQL', 1000, 1, 2, 12, 5], ['IRQL', 700, 0, 3, 0, 0], ['UNLOAD', 705, null, 0, 0, 0],
    ]);
  });
  it('keeps 64-bit values exact where they can exceed 2^53', () => {
    const [bug, finding] = decodeTrace(trace(
      rec('BUGCHECK', 0n, { a: 0xdead0001n, payload: [...leb(0xfffff80120000000n), ...leb(42n), ...leb(0n), ...leb(0xffffffffffffffffn), ...Buffer.from('X')] }),
      rec('FINDING', 0n, { a: 0x1001n, b: 0xffffa88000000040n, loc: 7 << 10, payload: [...leb(9n << 10n), ...Buffer.from('order')] }),
    ));
    expect(bug!.params).toEqual(['0xFFFFF80120000000', '0x000000000000002A', '0x0000000000000000', '0xFFFFFFFFFFFFFFFF']);
    expect(bug!.name).toBe('X');
    expect(finding).toMatchObject({ a: 0x1001, message: 'order', otherLine: 9, address: '0xFFFFA88000000040' });
  });
  it('reads text payloads byte for byte as Latin-1, and pool tags in memory order', () => {
    const [p, alloc] = decodeTrace(trace(
      rec('PRINT', 0n, { payload: [0x68, 0xe9, 0x0a] }),
      rec('POOL_ALLOC', 0n, { object: 1, a: 64n, b: BigInt(0x66754254) }),
    ));
    expect(p!.text).toBe('h\u00e9\n');
    expect(alloc!.tag).toBe('TBuf');
  });
  it('refuses what is not a version 2 trace, an unknown kind, and a cut record', () => {
    expect(() => decodeTrace(new Uint8Array([1, 2, 3]))).toThrow(TraceFormatError);
    expect(() => decodeTrace(new Uint8Array([0x57, 0x44, 0x4b, 0x54, 1, 0, 0, 0]))).toThrow(/version 1/);
    expect(() => decodeTrace(trace([99, 0, 0, 0, 0, 0, 0, 0]))).toThrow(/unknown event kind 99/);
    const whole = rec('PRINT', 0n, { payload: [0x41, 0x42] });
    expect(() => decodeTrace(trace(whole.slice(0, -1)))).toThrow(/past the end/);
    expect(() => decodeTrace(trace(whole.slice(0, 3)))).toThrow(/inside a record/);
    expect(decodeTrace(trace())).toEqual([]);
  });
});

describe('decodeTrace on real runs agrees with the run result', () => {
  let counter: RunResult, counterEvents: TraceEvent[];
  beforeAll(async () => {
    counter = await runExample('kmutex-counter');
    counterEvents = decodeTrace(counter.trace);
  });

  it('ends with RUN_END carrying the outcome and the DriverEntry status', () => {
    const end = counterEvents.at(-1)!;
    expect(end.kind).toBe('RUN_END');
    expect(OUTCOMES[end.a]).toBe(counter.outcome);
    expect(end.b).toBe(parseInt(counter.status!, 16));
    expect(end.timeNs).toBe(counter.timeNs);
  });
  it('has one CHOICE per recorded choice, in order, each among its candidates', () => {
    const choices = counterEvents.filter((e) => e.kind === 'CHOICE');
    expect(choices.length).toBe(counter.choices.length);
    expect(choices.length).toBeGreaterThan(100);
    choices.forEach((c, i) => {
      expect(c.a).toBe(i);
      expect(c.b).toBe(counter.choices[i]);
      expect(c.candidates).toContain(c.b);
    });
  });
  it('balances every ACQUIRE with a RELEASE, and names each object once', () => {
    const depth = new Map<number, number>();
    for (const e of counterEvents) {
      if (e.kind === 'ACQUIRE') depth.set(e.object, (depth.get(e.object) ?? 0) + 1);
      if (e.kind === 'RELEASE') depth.set(e.object, depth.get(e.object)! - 1);
    }
    expect([...depth.values()].every((d) => d === 0)).toBe(true);
    expect(counterEvents.filter((e) => e.kind === 'ACQUIRE').length).toBe(1500); // IntoOwned takes the data without a lock
    const created = counterEvents.filter((e) => e.kind === 'OBJECT').map((e) => e.object);
    expect(new Set(created).size).toBe(created.length);
  });
  it('carries the prints, a bug check, a deadlock, a finding, a leak and an assertion as the result does', async () => {
    const bug = await runExample('bugcheck');
    const bugEvents = decodeTrace(bug.trace);
    expect(bugEvents.filter((e) => e.kind === 'PRINT').map((e) => e.text)).toEqual(bug.prints.map((p) => p + '\n'));
    const stop = bugEvents.find((e) => e.kind === 'BUGCHECK')!;
    expect([stop.a, stop.params, stop.line]).toEqual([parseInt(bug.bugcheck!.code, 16), bug.bugcheck!.params, bug.bugcheck!.line]);

    const dead = await runExample('lock-order-deadlock');
    const table = decodeTrace(dead.trace).find((e) => e.kind === 'DEADLOCK')!.deadlock!;
    expect(table.map((d) => [`thread ${d.thread}`, `thread ${d.owner}`, d.line]))
      .toEqual(dead.deadlock!.threads.map((t) => [t.thread, t.ownedBy, t.line]));
    const finding = decodeTrace(dead.trace).find((e) => e.kind === 'FINDING')!;
    expect([findingName(finding.a), finding.message]).toEqual([dead.findings[0]!.name, dead.findings[0]!.message]);

    const leak = await runExample('pool-leak');
    expect(decodeTrace(leak.trace).filter((e) => e.kind === 'LEAK').map((e) => ({ tag: e.tag, bytes: e.a, line: e.line })))
      .toEqual(leak.leaks);

    const failed = await runSource(driverEntry('    ULONG two = 2;\n    ASSERT(two + two == 5);\n    return STATUS_SUCCESS;'));
    const assertion = decodeTrace(failed.trace).find((e) => e.kind === 'ASSERT')!;
    expect({ line: assertion.line, expression: assertion.expression }).toEqual(failed.assertion);
  });
  it('names WDKM_ERROR statuses as core-c/include/wdkm.h orders them', async () => {
    const header = readFileSync(new URL('../../../core-c/include/wdkm.h', import.meta.url), 'utf8');
    const body = /typedef enum _WDKM_STATUS \{([\s\S]*?)\}/.exec(header)![1]!;
    expect([...body.matchAll(/^\s*(WDKM_\w+)/gm)].map((m) => m[1])).toEqual(WDKM_STATUS_NAMES);
    const r = await runSource(driverEntry('    KIRQL old;\n    WDKM_KMUTEX *m;\n    PVOID d;\n    WdkmKMutexNew(0, NULL, &m);\n'
      + '    KeRaiseIrql(DISPATCH_LEVEL, &old);\n    WdkmKMutexLock(m, &d);\n    KeLowerIrql(old);\n    WdkmKMutexFree(m);\n    return STATUS_SUCCESS;'));
    const err = decodeTrace(r.trace).find((e) => e.kind === 'WDKM_ERROR')!;
    expect([WDKM_STATUS_NAMES[err.a], err.line]).toEqual(['WDKM_IRQL_TOO_HIGH', 13]);
  });
});
