/** `wdkm run`: flags, exit codes, the JSON contract and the readable summary, in-process on the WebAssembly core. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { driverEntry } from '../web/src/trace/runs.test-data';
import { runCli } from './memory-io';
import { resultJson } from './commands/run';
import { lazyLoaders } from '../web/src/engine/pipeline';
import { compile } from '../web/src/scenario';
import { DEFAULT_SETTINGS } from '../web/src/settings';

const readDisk = (p: string) => { try { return readFileSync(p, 'utf8'); } catch { return undefined; } };
const run = (args: string[], files: Record<string, string> = {}) => runCli(['run', ...args], files, readDisk);

const HELLO = driverEntry('    DbgPrint("hello %d\\n", 42);\n    DbgPrint("bye\\n");\n    return STATUS_SUCCESS;');
const KEYS = ['outcome', 'status', 'prints', 'bugcheck', 'deadlock', 'assertion', 'leaks', 'findings', 'steps', 'timeNs', 'replay', 'truncated', 'names'];

describe('wdkm run --json', () => {
  it('prints exactly one JSON object with the contract keys, in order', async () => {
    const r = await run(['a.c', '--json'], { 'a.c': HELLO });
    expect(r.code).toBe(0);
    expect(r.out.split('\n')).toHaveLength(1);
    const json = JSON.parse(r.out);
    expect(Object.keys(json)).toEqual(KEYS);
    expect(json).toMatchObject({ outcome: 'completed', status: '0x00000000', prints: ['hello 42', 'bye'], bugcheck: null, leaks: [],
      replay: null, truncated: false });
  });
  it('says when a replayed schedule stopped fitting, and from which choice the run went on freely', async () => {
    // Thread 7 never exists: the first choice cannot follow the schedule.
    const r = await run(['examples/lock-order-deadlock.c', '--json', '--schedule', '7.7.7']);
    const json = JSON.parse(r.out);
    expect(json.replay).toEqual({ divergedAt: 0 });
    expect(json.truncated).toBe(false);
    const text = await run(['examples/lock-order-deadlock.c', '--schedule', '7.7.7']);
    expect(text.out).toContain('The recorded schedule no longer fits this code; it ran freely from choice 1.');
  });
  it('says when the trace was cut at its size limit', async () => {
    const core = await lazyLoaders.loadCore();
    const compiled = compile(HELLO, 'a.c');
    const whole = core.run(compiled.module!, DEFAULT_SETTINGS);
    expect(resultJson(whole).truncated).toBe(false);
    expect(resultJson({ ...whole, truncated: true }).truncated).toBe(true);
  });
  it('names threads by start routine and objects by variable, keeping the existing keys\' values', async () => {
    const json = JSON.parse((await run(['examples/lock-order-deadlock.c', '--json'])).out);
    expect(json.deadlock.threads[0]).toEqual({
      thread: 'thread 2', waitingOn: 'KMUTEX #3', ownedBy: 'thread 3', line: 15, inCycle: true,
      name: { thread: 'Thread 2 · ThreadA', waitingOn: 'KMUTEX #3 · Second', ownedBy: 'Thread 3 · ThreadB' },
    });
    expect(json.names.threads.map((t: { name: string }) => t.name)).toEqual(['Thread 1 · DriverEntry', 'Thread 2 · ThreadA', 'Thread 3 · ThreadB']);
    expect(json.names.objects).toEqual([
      { id: 2, type: 'KMUTEX', name: 'KMUTEX #2 · First', variable: 'First' },
      { id: 3, type: 'KMUTEX', name: 'KMUTEX #3 · Second', variable: 'Second' },
    ]);
  });
  it('exits 1 for a failing NTSTATUS, a leak, an assertion, and a run out of budget', async () => {
    const failing = await run(['f.c', '--json'], { 'f.c': driverEntry('    return STATUS_INSUFFICIENT_RESOURCES;') });
    expect([failing.code, JSON.parse(failing.out).status]).toEqual([1, '0xC000009A']);
    const leak = await run(['examples/pool-leak.c', '--json']);
    expect(leak.code).toBe(1);
    const assertion = await run(['as.c', '--json'], { 'as.c': driverEntry('    ULONG n = 1;\n    ASSERT(n == 2);\n    return STATUS_SUCCESS;') });
    expect([assertion.code, JSON.parse(assertion.out).assertion]).toEqual([1, { line: 9, expression: 'n == 2' }]);
    const budget = await run(['examples/runaway-loop.c', '--json', '--budget', '20000']);
    const json = JSON.parse(budget.out);
    expect([budget.code, json.outcome, json.status]).toEqual([1, 'budget', null]);
    expect(json.steps).toBeGreaterThanOrEqual(20000);
    expect(json.steps).toBeLessThan(21000);
  });
  it('passes --cpus, --policy and --seed to the machine (as --flag=value too)', async () => {
    const timed = JSON.parse((await run(['examples/lock-order-deadlock.c', '--json'])).out);
    /* On 2 CPUs or more the threads overlap in time and always deadlock (as on
       Windows); on one CPU this PCT schedule runs them one after the other. */
    const pct = await run(['examples/lock-order-deadlock.c', '--json', '--policy=pct', '--seed', '2', '--cpus', '1']);
    expect(timed.outcome).toBe('deadlock');
    // this schedule gets through and the unload frees both mutexes, but Verifier saw the inversion: a warning, exit 1
    expect(JSON.parse(pct.out)).toMatchObject({ outcome: 'completed', leaks: [], findings: [{ name: 'LOCK_HIERARCHY_VIOLATION' }] });
    expect(pct.code).toBe(1);
    const one = JSON.parse((await run(['examples/kmutex-counter.c', '--json', '--cpus', '1'])).out);
    expect(one.prints).toEqual(['counter = 1500']);
    expect(one.timeNs).not.toBe(JSON.parse((await run(['examples/kmutex-counter.c', '--json'])).out).timeNs);
  });
});

describe('wdkm run, readable', () => {
  it('prints the DbgPrint output, then the outcome, status, steps and virtual time', async () => {
    const r = await run(['a.c'], { 'a.c': HELLO });
    expect(r.out).toMatch(/^hello 42\nbye\n\noutcome: {2}completed\nstatus: {3}0x00000000 STATUS_SUCCESS\nsteps: {4}\d+\ntime: {5}[\d.]+ µs \(virtual\)$/);
  });
  it('shows a bug check as the blue screen does, with its line', async () => {
    const r = await run(['examples/bugcheck.c']);
    expect(r.out).toContain('*** STOP: 0xDEAD0001 (0xFFFFF80120000000,0x000000000000002A,0x0000000000000000,0x0000000000000000)\nUNKNOWN_BUGCHECK (unknown bug check 0xDEAD0001)\n');
    // The sentence comes before the hex.
    expect(r.out.indexOf('which is not one Windows defines')).toBeLessThan(r.out.indexOf('*** STOP'));
    expect(r.out).toContain('with bug check code 0xDEAD0001, which is not one Windows defines');
    expect(r.out).toContain('at examples/bugcheck.c:12\n  12 | KeBugCheckEx(');
  });
  it('explains a known bug check in a sentence, names its parameters and links its reference page', async () => {
    const r = await run(['k.c'], { 'k.c': driverEntry('    KIRQL old;\n    KeRaiseIrql(DISPATCH_LEVEL, &old);\n    PVOID p = ExAllocatePool2(POOL_FLAG_PAGED, 64, \'Page\');\n    KeLowerIrql(old);\n    if (p) ExFreePoolWithTag(p, \'Page\');\n    return STATUS_SUCCESS;') });
    expect(r.code).toBe(1);
    expect(r.out).toContain('Paged pool was allocated at DISPATCH_LEVEL (IRQL 2); paged memory needs IRQL ≤ APC_LEVEL.');
    expect(r.out).toMatch(/parameter 2 +0x0+2 +Current IRQL/);
    expect(r.out).toContain('reference: https://learn.microsoft.com/windows-hardware/drivers/debugger/bug-check-0xc4--driver-verifier-detected-violation');
  });
  it('tables a deadlock and lists findings, leaks and a failed assertion with FILE:LINE', async () => {
    const dead = (await run(['examples/lock-order-deadlock.c'])).out;
    expect(dead).toMatch(/Thread 2 · ThreadA +KMUTEX #3 · Second +Thread 3 · ThreadB +15 +on the wait-for cycle/);
    expect(dead).toContain('lock order inversion: KMUTEX #2 · First is acquired while holding KMUTEX #3 · Second');
    expect(dead).toContain('0x1001 LOCK_HIERARCHY_VIOLATION (examples/lock-order-deadlock.c:15)');
    expect((await run(['examples/pool-leak.c'])).out).toMatch(/32 +'WBuf' +examples\/pool-leak\.c:17/);
    const assertion = await run(['as.c'], { 'as.c': driverEntry('    ULONG n = 1;\n    ASSERT(n == 2);\n    return STATUS_SUCCESS;') });
    expect(assertion.out).toContain('assertion failed at as.c:9: n == 2\n  9 | ASSERT(n == 2);');
  });
});

describe('wdkm run errors (exit 2)', () => {
  it('prints the diagnostics of a scenario that does not compile, gcc style, to stderr', async () => {
    const r = await run(['bad.c'], { 'bad.c': driverEntry('    return y;') });
    expect(r).toMatchObject({ code: 2, out: '', err: "bad.c:8:12: error: 'y' undeclared" });
  });
  it.each([
    [['missing.c'], "cannot read 'missing.c': no such file"],
    [[], 'expected one FILE'],
    [['a.c', 'b.c'], 'expected one FILE'],
    [['a.c', '--cpus', '0'], "bad value '0' for --cpus: expected a number of CPUs from 1 to 8"],
    [['a.c', '--cpus', '9'], "bad value '9' for --cpus"],
    [['a.c', '--cpus', 'two'], "bad value 'two' for --cpus"],
    [['a.c', '--policy', 'fifo'], "bad value 'fifo' for --policy: expected one of timed, rr, random, pct"],
    [['a.c', '--seed', '-1'], "bad value '-1' for --seed: expected a non-negative integer"],
    [['a.c', '--seed=-1'], "bad value '-1' for --seed"],
    [['a.c', '-x'], "unknown option '-x'"],
    [['a.c', '--seed', '1.5'], "bad value '1.5' for --seed"],
    [['a.c', '--budget', '0'], "bad value '0' for --budget: expected a positive number of steps"],
    [['a.c', '--budget', '1e6'], "bad value '1e6' for --budget"],
    [['a.c', '--seed'], "option '--seed' needs a value"],
    [['a.c', '--json=yes'], "option '--json' takes no value"],
    [['a.c', '--frob'], "unknown option '--frob'"],
    [['a.c', '--cpus', '2', '--cpus', '3'], "option '--cpus' is given twice"],
  ])('%j', async (args, message) => {
    const r = await run(args, { 'a.c': HELLO, 'b.c': HELLO });
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain(message);
  });
});
