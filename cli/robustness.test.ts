/** Regression tests for what the fuzzers found (docs/robustness.md), as
    scenarios run through the CLI in WebAssembly and natively. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lazyLoaders } from '../web/src/engine/pipeline';
import { driverEntry } from '../web/src/trace/runs.test-data';
import { runCli } from './memory-io';
import { runNative } from './native-vm';

const dir = mkdtempSync(join(tmpdir(), 'wdkm-robust-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const readDisk = (p: string) => readFileSync(p, 'utf8');

async function both(source: string) {
  const moduleFile = join(dir, 'm.wdkb');
  const compiled = await runCli(['compile', 's.c', '--out', moduleFile], { 's.c': source }, readDisk);
  expect(compiled.code).toBe(0);
  const module = compiled.written.get(moduleFile) as Uint8Array;
  writeFileSync(moduleFile, module);
  const native = runNative(moduleFile);
  const { trace, columns: _columns, ...wasm } = (await lazyLoaders.loadCore()).run(module, { cpus: 2, policy: 'timed', seed: 1, budget: 5_000_000 });
  expect(Buffer.compare(native.trace, trace)).toBe(0);
  expect(native.result).toEqual(wasm);
  return wasm;
}

describe('fuzzer reproducers', () => {
  // fuzz_module, core-c/fuzz/regressions/module/misaligned-kernel-object: a kernel
  // object at an odd address made the emulator read a misaligned ULONG (UBSan).
  it('a kernel object at a misaligned address is bug check 0x7E STATUS_DATATYPE_MISALIGNMENT on its line', async () => {
    const r = await both(driverEntry('    KeInitializeMutex((PKMUTEX)(Buffer + 1), 0);\n    return STATUS_SUCCESS;', 'static UCHAR Buffer[64];'));
    expect(r.outcome).toBe('bugcheck');
    expect(r.bugcheck).toMatchObject({ code: '0x0000007E', line: 8 });
    expect(r.bugcheck!.params[0]).toBe('0x0000000080000002');
  });
  it('an aligned object in the same buffer still works', async () => {
    const r = await both(driverEntry('    KeInitializeMutex((PKMUTEX)(Buffer + 1), 0);\n    return STATUS_SUCCESS;', 'static ULONG64 Buffer[16];'));
    expect(r.outcome).toBe('completed');
  });
});

describe('more fuzzer reproducers', () => {
  // fuzz_module and fuzz_interp, regressions/*/interlocked-null: InterlockedIncrement(NULL)
  // crashed the native build and read address 0 of the WebAssembly memory silently.
  it.each(['InterlockedIncrement((LONG *)0)', 'InterlockedCompareExchange((LONG *)0, 1, 0)', 'KeQuerySystemTime((PLARGE_INTEGER)0)'])(
    '%s is an access violation: bug check 0x7E on its line, in both builds', async (call) => {
      const r = await both(driverEntry(`    ${call};\n    return STATUS_SUCCESS;`));
      expect(r.outcome).toBe('bugcheck');
      expect(r.bugcheck).toMatchObject({ code: '0x0000007E', line: 8 });
      expect(r.bugcheck!.params[0]).toBe('0xFFFFFFFFC0000005');
    });
});

describe('the emulator\'s invariants hold against what a driver may write', () => {
  // The queued lock handle is the driver's memory; an IRQL above DISPATCH_LEVEL
  // written into it made the release raise the IRQL (an emulator invariant,
  // EMUP_ASSERT in EmupLowerIrql). It is Verifier's 0xC4/0x31 at the release.
  it('a queued spin lock handle holding a higher IRQL is bug check 0xC4 0x31 at the release, in both builds', async () => {
    const r = await both(driverEntry([
      '    KeInitializeSpinLock(&Lock);',
      '    KeAcquireInStackQueuedSpinLock(&Lock, &Handle);',
      '    ((ULONG64 *)&Handle)[1] = HIGH_LEVEL;',
      '    KeReleaseInStackQueuedSpinLock(&Handle);',
      '    return STATUS_SUCCESS;',
    ].join('\n'), 'static KSPIN_LOCK Lock;\nstatic KLOCK_QUEUE_HANDLE Handle;'));
    expect(r.outcome).toBe('bugcheck');
    expect(r.bugcheck).toMatchObject({ code: '0x000000C4', line: 12 });
    expect(r.bugcheck!.params.slice(0, 3)).toEqual(['0x0000000000000031', '0x0000000000000002', '0x000000000000000F']);
  });
});

describe('lesser defects (issue 15, 7)', () => {
  it('the CLI holds the app\'s source-size limit, for check, run and export', async () => {
    const big = driverEntry(`    return STATUS_SUCCESS;\n/*${'x'.repeat(200_000)}*/`);
    for (const cmd of [['check', 'b.c'], ['run', 'b.c'], ['export', 'b.c', '--out', join(dir, 'never')]]) {
      const r = await runCli(cmd, { 'b.c': big }, readDisk);
      expect(r.code, cmd[0]).toBe(2);
      expect(r.err, cmd[0]).toMatch(/'b\.c' is 200,\d{3} characters; a scenario may have at most 200,000/);
    }
  });
  it('a 150,000-character string literal checks and runs (was "needs a DriverEntry", "nested too deeply")', async () => {
    const r = await runCli(['run', 'l.c', '--json'], { 'l.c': driverEntry(`    DbgPrint("%.5s\\n", "${'a'.repeat(150_000)}");\n    return STATUS_SUCCESS;`) }, readDisk);
    expect(r.err).toBe('');
    expect(JSON.parse(r.out)).toMatchObject({ outcome: 'completed', prints: ['aaaaa'] });
  });
  it('a constant expression that overflows int is a warning, as gcc gives (the export builds with -Werror)', async () => {
    const r = await runCli(['check', 'o.c'], { 'o.c': driverEntry('    int x = (-2147483647-1)/-1;\n    int y = -2147483647-1;\n    return x + y;') }, readDisk);
    expect(r.out).toBe("o.c:8:13: warning: integer overflow in expression of type 'int' results in '-2147483648'");
  });
});

describe('runs that must end (issue 15: a hang the module fuzzer found)', () => {
  // fuzz_module and fuzz_interp, regressions/*/periodic-timer-dpc-spinning: a
  // thread of timer-dpc.c ended holding the lock; the periodic timer's DPC, run
  // while every thread waited, spun on it, and the timer kept expiring with no
  // step charged, so the budget never ended the run.
  const timerDpc = (dpcBody: string, holder: string) => [
    '#include <ntddk.h>',
    'static KTIMER Timer;',
    'static KDPC TickDpc;',
    'static KEVENT Never;',
    'static KSPIN_LOCK Lock;',
    'static VOID OnTick(PKDPC Dpc, PVOID Context, PVOID Arg1, PVOID Arg2)',
    '{',
    '    UNREFERENCED_PARAMETER(Dpc); UNREFERENCED_PARAMETER(Context);',
    '    UNREFERENCED_PARAMETER(Arg1); UNREFERENCED_PARAMETER(Arg2);',
    dpcBody,
    '}',
    'static VOID Holder(PVOID Context)',
    '{',
    '    KIRQL old;',
    '    UNREFERENCED_PARAMETER(Context);',
    holder,
    '}',
    'NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)',
    '{',
    '    HANDLE handle;',
    '    PVOID thread;',
    '    LARGE_INTEGER due;',
    '    UNREFERENCED_PARAMETER(DriverObject);',
    '    UNREFERENCED_PARAMETER(RegistryPath);',
    '    KeInitializeSpinLock(&Lock);',
    '    KeInitializeEvent(&Never, NotificationEvent, FALSE);',
    '    KeInitializeDpc(&TickDpc, OnTick, NULL);',
    '    KeInitializeTimer(&Timer);',
    '    if (!NT_SUCCESS(PsCreateSystemThread(&handle, THREAD_ALL_ACCESS, NULL, NULL, NULL, Holder, NULL)))',
    '        return STATUS_UNSUCCESSFUL;',
    '    ObReferenceObjectByHandle(handle, SYNCHRONIZE, NULL, KernelMode, &thread, NULL);',
    '    ZwClose(handle);',
    '    KeWaitForSingleObject(thread, Executive, KernelMode, FALSE, NULL);',
    '    ObDereferenceObject(thread);',
    '    due.QuadPart = -10000;',
    '    KeSetTimerEx(&Timer, due, 1, &TickDpc);',
    '    KeWaitForSingleObject(&Never, Executive, KernelMode, FALSE, NULL);',
    '    KeCancelTimer(&Timer);',
    '    return STATUS_SUCCESS;',
    '}',
  ].join('\n');

  it('a periodic timer\'s DPC spinning on a lock whose owner ended, while every thread waits, is a deadlock, in both builds', async () => {
    const r = await both(timerDpc('    KeAcquireSpinLockAtDpcLevel(&Lock);\n    KeReleaseSpinLockFromDpcLevel(&Lock);',
      '    KeAcquireSpinLock(&Lock, &old);'));
    expect(r.outcome).toBe('deadlock');
    // The DPC runs on the stack of the thread that went idle last: that thread is listed, at the DPC's line.
    expect(r.deadlock!.threads).toEqual([{ thread: 'thread 1', waitingOn: 'KSPIN_LOCK #2', ownedBy: 'thread 2', line: 10, inCycle: false }]);
  });

  it('a periodic timer\'s DPC that signals nothing while every thread waits for ever ends at the budget (wdkm run --budget)', async () => {
    const r = await runCli(['run', 't.c', '--budget', '20000', '--json'], { 't.c': timerDpc('', '    UNREFERENCED_PARAMETER(old);') }, readDisk);
    expect(r.err).toBe('');
    const result = JSON.parse(r.out);
    expect(result.outcome).toBe('budget');
    expect(result.steps).toBeGreaterThan(20_000);
  });

  it('a century\'s delay beside a 1 ms periodic timer that nobody waits for ends, in both builds', async () => {
    const r = await both(driverEntry([
      '    LARGE_INTEGER due, century;',
      '    KeInitializeTimer(&Timer);',
      '    due.QuadPart = -10000;',
      '    KeSetTimerEx(&Timer, due, 1, NULL);',
      '    century.QuadPart = -10000000LL * 3600 * 24 * 36525;',
      '    KeDelayExecutionThread(KernelMode, FALSE, &century);',
      '    DbgPrint("state %d\\n", KeReadStateTimer(&Timer));',
      '    KeCancelTimer(&Timer);',
      '    return STATUS_SUCCESS;',
    ].join('\n'), 'static KTIMER Timer;'));
    expect(r).toMatchObject({ outcome: 'completed', prints: ['state 1'] });
    expect(r.timeNs).toBeGreaterThan(36525 * 86400 * 1e9);
  });

  it('the fuzzer\'s module itself ends in a deadlock, the same natively and in WebAssembly', async () => {
    const moduleFile = 'core-c/fuzz/regressions/module/periodic-timer-dpc-spinning';
    // The child's time limit turns a hang into a failure here instead of a stuck suite.
    const native = runNative(moduleFile, ['--budget', '20000'], 60_000);
    expect(native.status).toBe(0);
    const { trace, columns: _columns, ...wasm } = (await lazyLoaders.loadCore()).run(new Uint8Array(readFileSync(moduleFile)),
      { cpus: 2, policy: 'timed', seed: 1, budget: 20_000 });
    expect(Buffer.compare(native.trace, trace)).toBe(0);
    expect(native.result).toEqual(wasm);
    expect(wasm.outcome).toBe('deadlock');
  });
});
