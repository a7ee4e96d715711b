/** `wdkm explore`: the JSON contract, exit codes, what it finds on the documented
    small scenarios (bench/explore/), and that every witness replays through
    `wdkm run --schedule`. In-process on the WebAssembly core. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ExploreResult } from '../web/src/engine/core-types';
import { formatSchedule, mergeResults, outcomeKey, parseSchedule } from '../web/src/explore';
import { runCli } from './memory-io';

const readDisk = (p: string) => { try { return readFileSync(p, 'utf8'); } catch { return undefined; } };
const cli = (args: string[], files: Record<string, string> = {}) => runCli(args, files, readDisk);
const explore = async (file: string, ...flags: string[]) => {
  const r = await cli(['explore', `bench/explore/${file}`, '--json', ...flags]);
  expect(r.err).toBe('');
  return { code: r.code, json: JSON.parse(r.out) as ExploreResult };
};
const KEYS = ['complete', 'schedules', 'pruned', 'outcomes', 'races', 'findings'];
const OUTCOME_KEYS = ['outcome', 'status', 'prints', 'bugcheck', 'deadlock', 'assertion', 'leaks', 'count', 'schedule'];

/* Each witness, replayed by `wdkm run --schedule`, gives exactly its outcome. */
async function expectWitnessesReplay(file: string, r: ExploreResult) {
  for (const o of r.outcomes) {
    const run = await cli(['run', `bench/explore/${file}`, '--schedule', o.schedule, '--json']);
    const got = JSON.parse(run.out);
    // the deadlock rows' names too: the explorer describes each witness's replay as run --json does
    const { count: _c, schedule: _s, ...want } = o;
    expect(Object.fromEntries(Object.keys(want).map((k) => [k, got[k]]))).toEqual(want);
  }
}

describe('wdkm explore: lost update', () => {
  it('finds every final count, the race on the plain counter and none on the interlocked one', async () => {
    const { code, json } = await explore('lost-update-2.c');
    expect(Object.keys(json).slice(0, KEYS.length)).toEqual(KEYS);
    expect(Object.keys(json.outcomes[0]!)).toEqual(OUTCOME_KEYS);
    expect(json.complete).toBe(true);
    expect(json.outcomes.map((o) => o.prints[0]).sort()).toEqual(['counter = 1, safe = 2', 'counter = 2, safe = 2']);
    expect(json.outcomes.reduce((n, o) => n + o.count, 0)).toBe(json.schedules);
    // Lines 22 (read) and 23 (write) of Worker race; line 24, InterlockedIncrement, never does.
    const lines = json.races.flatMap((r) => r.lines);
    expect(new Set(lines)).toEqual(new Set([22, 23]));
    expect(json.races.some((r) => r.kinds.includes('read') && r.kinds.includes('write'))).toBe(true);
    expect(code).toBe(1);                       // a race is a failure
    await expectWitnessesReplay('lost-update-2.c', json);
  });
});

describe('wdkm explore: lock order', () => {
  it('finds the deadlock and the lock-order finding, and its witness replays', async () => {
    const { code, json } = await explore('lock-order-2.c');
    expect(json.complete).toBe(true);
    expect(json.outcomes.map((o) => o.outcome).sort()).toEqual(['completed', 'deadlock']);
    expect(json.findings.map((f) => f.name)).toEqual(['LOCK_HIERARCHY_VIOLATION']);
    // the mutexes DriverEntry makes before its threads start have the same ids in every schedule: named
    expect(json.findings[0]!.message).toMatch(/^lock order inversion: KMUTEX #2 is acquired while holding KMUTEX #3/);
    expect(json.findings[0]!.named).toMatch(/^lock order inversion: KMUTEX #2 · First is acquired while holding KMUTEX #3 · Second/);
    expect((await cli(['explore', 'bench/explore/lock-order-2.c'])).out).toContain('KMUTEX #2 · First is acquired while holding KMUTEX #3 · Second');
    expect(code).toBe(1);
    await expectWitnessesReplay('lock-order-2.c', json);
  });
  it('proves the fixed order deadlock-free: complete, only completed outcomes, exit 0', async () => {
    const { code, json } = await explore('lock-order-fixed.c');
    expect([json.complete, code]).toEqual([true, 0]);
    expect(json.outcomes.map((o) => o.outcome)).toEqual(['completed']);
    expect([json.races, json.findings]).toEqual([[], []]);
  });
  it('a fix by delay fails: delays fire whenever the explorer chooses', async () => {
    const timed = JSON.parse((await cli(['run', 'bench/explore/delay-fix.c', '--json'])).out);
    expect(timed.outcome).toBe('completed');    // the timed policy never shows it
    const { code, json } = await explore('delay-fix.c');
    expect(json.outcomes.map((o) => o.outcome).sort()).toEqual(['completed', 'deadlock']);
    expect(code).toBe(1);
    await expectWitnessesReplay('delay-fix.c', json);
  });
  it('finds the deadlock of the gallery example within a bound, and says it is incomplete', async () => {
    const r = await cli(['explore', 'examples/lock-order-deadlock.c', '--json', '--max-schedules', '400']);
    const json = JSON.parse(r.out) as ExploreResult;
    expect(json.complete).toBe(false);
    expect(json.schedules).toBeGreaterThanOrEqual(400);
    expect(json.outcomes.map((o) => o.outcome)).toContain('deadlock');
    expect(r.code).toBe(1);
  });
});

describe('reduction', () => {
  it('finds the same outcomes and races as every schedule, with fewer schedules', async () => {
    const dpor = (await explore('two-writes.c')).json, naive = (await explore('two-writes.c', '--no-reduction')).json;
    expect(naive.complete && dpor.complete).toBe(true);
    expect(dpor.outcomes.map(outcomeKey).sort()).toEqual(naive.outcomes.map(outcomeKey).sort());
    expect(dpor.races.map((r) => r.lines)).toEqual(naive.races.map((r) => r.lines));
    expect(dpor.schedules * 10).toBeLessThan(naive.schedules);
    expect(naive.pruned).toBe(0);
  });
  it('a preemption bound of 0 runs only schedules without preemption', async () => {
    const b0 = (await explore('lost-update-2.c', '--preemption-bound', '0')).json;
    expect(b0.complete).toBe(true);
    expect(b0.outcomes.map((o) => o.prints[0])).toEqual(['counter = 2, safe = 2']);
    const b1 = (await explore('lost-update-2.c', '--preemption-bound', '1')).json;
    expect(b1.outcomes.map((o) => o.prints[0]).sort()).toEqual(['counter = 1, safe = 2', 'counter = 2, safe = 2']);
  });
});

describe('shards and merge', () => {
  it('shards together find what one exploration finds, and --merge joins them', async () => {
    const whole = (await explore('lock-order-2.c')).json;
    const parts = await Promise.all([0, 1, 2].map(async (i) => (await explore('lock-order-2.c', '--shard', `${i}/3`)).json));
    const merged = mergeResults(parts);
    expect(merged.complete).toBe(true);
    expect(merged.outcomes.map(outcomeKey).sort()).toEqual(whole.outcomes.map(outcomeKey).sort());
    const files = Object.fromEntries(parts.map((p, i) => [`p${i}.json`, JSON.stringify(p)]));
    const r = await cli(['explore', '--merge', 'p0.json', 'p1.json', 'p2.json', '--json'], files);
    expect(JSON.parse(r.out)).toEqual(merged);
    expect(r.code).toBe(1);
  });
});

describe('command line', () => {
  it('exits 3 when a bound stops it before a failure is found', async () => {
    const r = await explore('lock-order-fixed.c', '--max-schedules', '1');
    expect([r.json.complete, r.code]).toEqual([false, 3]);
  });
  it('refuses bad flags with exit 2', async () => {
    for (const args of [['--cpus', '9'], ['--shard', '3/3'], ['--max-seconds', '0'], ['--bogus']]) {
      const r = await cli(['explore', 'bench/explore/two-writes.c', ...args]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/wdkm explore: /);
    }
    expect((await cli(['run', 'bench/explore/two-writes.c', '--schedule', 'x2:1.a'])).code).toBe(2);
    expect((await cli(['run', 'bench/explore/two-writes.c', '--schedule', 'x2:1', '--cpus', '4'])).code).toBe(2);
  });
  it('prints the outcomes, the replay command and the races without --json', async () => {
    const r = await cli(['explore', 'bench/explore/lost-update-2.c']);
    expect(r.out).toMatch(/^complete: \d+ schedules/);
    expect(r.out).toContain('--schedule x2:');
    expect(r.out).toMatch(/data races:\n {2}bench\/explore\/lost-update-2\.c:2[23] and/);
  });
});

describe('schedule text', () => {
  it('round-trips and compresses runs', () => {
    expect(formatSchedule(2, [1, 1, 1, 2, 3, 3])).toBe('x2:1*3.2.3*2');
    expect(parseSchedule('x2:1*3.2.3*2')).toEqual({ ok: true, value: { explore: { cpus: 2 }, choices: [1, 1, 1, 2, 3, 3] } });
    expect(parseSchedule('1.2')).toEqual({ ok: true, value: { explore: null, choices: [1, 2] } });
    expect(parseSchedule('x2:0').ok).toBe(false);
  });
});

/* Two threads run WORKER's body on shared memory set up by SETUP; the race's
   memory is named as the code spells it. */
const racing = (decls: string, setup: string, body: string) => `#include <ntddk.h>
${decls}
static VOID Join(HANDLE Thread)
{
    PVOID object;
    if (NT_SUCCESS(ObReferenceObjectByHandle(Thread, SYNCHRONIZE, *PsThreadType, KernelMode, &object, NULL))) {
        KeWaitForSingleObject(object, Executive, KernelMode, FALSE, NULL);
        ObDereferenceObject(object);
    }
    ZwClose(Thread);
}
static VOID Worker(PVOID Context)
{
    UNREFERENCED_PARAMETER(Context);
${body}
}
NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    HANDLE a, b;
${setup}
    PsCreateSystemThread(&a, THREAD_ALL_ACCESS, NULL, NULL, NULL, Worker, NULL);
    PsCreateSystemThread(&b, THREAD_ALL_ACCESS, NULL, NULL, NULL, Worker, NULL);
    Join(a);
    Join(b);
    return STATUS_SUCCESS;
}
`;
async function raceOf(source: string) {
  const text = await cli(['explore', 'race.c'], { 'race.c': source });
  const json = await cli(['explore', 'race.c', '--json'], { 'race.c': source });
  expect(json.err).toBe('');
  return { text: text.out, races: (JSON.parse(json.out) as ExploreResult).races };
}

describe('wdkm explore: a race names its memory', () => {
  it('a global: the write to Counter and the read of Counter, the hex after the words', async () => {
    const r = await cli(['explore', 'bench/explore/lost-update-2.c']);
    expect(r.out).toMatch(/lost-update-2\.c:2[23] and bench\/explore\/lost-update-2\.c:2[23]: data race: the (write to|read of) Counter at line 2[23] and the (write to|read of) Counter at line 2[23] touch the same 4 bytes \(0x[0-9A-F]{16}\) from different threads/);
    const { json } = await explore('lost-update-2.c');
    expect(json.races.map((x) => x.variable)).toEqual(json.races.map(() => 'Counter'));
    // the core's own keys keep their values
    expect(json.races[0]!.message).toMatch(/^data race: the (write|read) at line 2[23] and the (write|read) at line 2[23] touch the same 4 bytes \(0x/);
  });
  it('a struct field and an array element', async () => {
    const field = await raceOf(racing('typedef struct _STATS { LONG Hits; LONG Value; } STATS;\nstatic STATS Counter;', '',
      '    LONG v = Counter.Value;\n    Counter.Value = v + 1;'));
    expect(field.races.length).toBeGreaterThan(0);
    expect(field.races.every((x) => x.variable === 'Counter.Value')).toBe(true);
    expect(field.text).toMatch(/the (write to|read of) Counter\.Value at line \d+ and the (write to|read of) Counter\.Value at line/);
    const element = await raceOf(racing('static LONG Buf[8];', '', '    Buf[3] = Buf[3] + 1;'));
    expect(element.races.map((x) => x.variable)).toContain('Buf[3]');
  });
  it('a pool block: the line that allocated it', async () => {
    const source = racing('static PLONG Shared;',
      "    Shared = (PLONG)ExAllocatePool2(POOL_FLAG_NON_PAGED, 16, 'tseT');\n    if (Shared == NULL) return STATUS_INSUFFICIENT_RESOURCES;",
      '    LONG v = Shared[1];\n    Shared[1] = v + 1;');
    const line = source.split('\n').findIndex((l) => l.includes('ExAllocatePool2')) + 1;
    const pool = await raceOf(source);
    expect(pool.races.length).toBeGreaterThan(0);
    expect(pool.races[0]!.pool).toEqual({ line, offset: 4 });
    expect(pool.races[0]!.variable).toBe(`pool allocated at line ${line}, offset 4`);
    expect(pool.text).toContain(`touch the same 4 bytes of pool allocated at line ${line}, offset 4 (0x`);
  });
});
