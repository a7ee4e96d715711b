/**
 * Release and IRQL rules (issue 9, sections 2 and 4) as a driver developer
 * meets them: small scenarios through `wdkm run --json`, each with the
 * outcome, bug check, parameters and line Windows (with Driver Verifier's
 * standard checks) gives. The C rule tests of the same ids are in
 * core-c/tests/rules_release.c and crate_grt_concurrency.c.
 */
import { describe, expect, it } from 'vitest';
import { driverEntry } from '../web/src/trace/runs.test-data';
import { runCli } from './memory-io';

interface Json {
  outcome: string;
  bugcheck: { code: string; name: string; params: string[]; line: number } | null;
  findings: { code: string; name: string; lines: number[] }[];
  prints: string[];
}

async function run(source: string, ...flags: string[]): Promise<Json> {
  const r = await runCli(['run', 's.c', '--json', ...flags], { 's.c': source }, () => undefined);
  expect(r.err).toBe('');
  return JSON.parse(r.out) as Json;
}

/** The 1-based line of the first line containing `marker`. */
function lineOf(source: string, marker: string): number {
  const i = source.split('\n').findIndex((l) => l.includes(marker));
  if (i < 0) throw new Error(`no ${marker}`);
  return i + 1;
}

const hex = (n: bigint) => `0x${n.toString(16).toUpperCase().padStart(16, '0')}`;
const MUTANT_NOT_OWNED = hex(0xFFFFFFFFC0000046n);
const RAISE_VA = hex(0xFFFFF80100001000n);

describe('KM-7: a KMUTEX released at another IRQL class than it was acquired', () => {
  it('WdkmKMutexUnlockSafe at DISPATCH_LEVEL (the crate accepts it) stops the machine with 0x7E at that line', async () => {
    const src = driverEntry(`    WDKM_KMUTEX *m;
    PVOID data;
    KIRQL old;
    WdkmKMutexNew(sizeof(ULONG), NULL, &m);
    WdkmKMutexLock(m, &data);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    WdkmKMutexUnlockSafe(m); /* HERE */
    KeLowerIrql(old);
    return STATUS_SUCCESS;`);
    const r = await run(src);
    expect(r.outcome).toBe('bugcheck');
    expect(r.bugcheck).toMatchObject({ code: '0x0000007E', name: 'SYSTEM_THREAD_EXCEPTION_NOT_HANDLED', line: lineOf(src, 'HERE') });
    expect(r.bugcheck!.params.slice(0, 2)).toEqual([MUTANT_NOT_OWNED, RAISE_VA]);
    expect(r.bugcheck!.params[2]).not.toBe(hex(0n));
    expect(r.bugcheck!.params[3]).not.toBe(hex(0n));
  });

  it('KeReleaseMutex at PASSIVE_LEVEL of a mutex polled at DISPATCH_LEVEL raises STATUS_MUTEX_NOT_OWNED', async () => {
    const src = driverEntry(`    static KMUTEX m;
    LARGE_INTEGER zero;
    KIRQL old;
    zero.QuadPart = 0;
    KeInitializeMutex(&m, 0);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    KeWaitForSingleObject(&m, Executive, KernelMode, FALSE, &zero);
    KeLowerIrql(old);
    KeReleaseMutex(&m, FALSE); /* HERE */
    return STATUS_SUCCESS;`);
    const r = await run(src);
    expect(r.bugcheck).toMatchObject({ code: '0x0000007E', line: lineOf(src, 'HERE') });
    expect(r.bugcheck!.params[0]).toBe(MUTANT_NOT_OWNED);
  });
});

describe('RES-2 / BC-14: ExReleaseResourceLite with normal kernel APCs enabled', () => {
  it('is 0xC4/0x38 (IRQL, APC-disable count, resource) at the release', async () => {
    const src = driverEntry(`    static ERESOURCE r;
    ExInitializeResourceLite(&r);
    KeEnterCriticalRegion();
    ExAcquireResourceExclusiveLite(&r, TRUE);
    KeLeaveCriticalRegion();
    ExReleaseResourceLite(&r); /* HERE */
    return STATUS_SUCCESS;`);
    const r = await run(src);
    expect(r.bugcheck).toMatchObject({ code: '0x000000C4', line: lineOf(src, 'HERE') });
    expect(r.bugcheck!.params.slice(0, 3)).toEqual([hex(0x38n), hex(0n), hex(0n)]);
  });
});

describe('IRQL-7 / BC-33 and BC-24: paged pool', () => {
  it('touching paged pool at DISPATCH_LEVEL is 0xD1 (address, IRQL, write) at the access', async () => {
    const src = driverEntry(`    PULONG p = (PULONG)ExAllocatePool2(POOL_FLAG_PAGED, 16, 'gaPT');
    KIRQL old;
    *p = 1;
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    p[1] = 2; /* HERE */
    KeLowerIrql(old);
    ExFreePoolWithTag(p, 'gaPT');
    return STATUS_SUCCESS;`);
    const r = await run(src);
    expect(r.bugcheck).toMatchObject({ code: '0x000000D1', name: 'DRIVER_IRQL_NOT_LESS_OR_EQUAL', line: lineOf(src, 'HERE') });
    expect(r.bugcheck!.params.slice(1, 3)).toEqual([hex(2n), hex(1n)]);
  });

  it('a spin lock in paged pool is 0xC4/0xE1 with the lock address, where it is initialised', async () => {
    const src = driverEntry(`    PKSPIN_LOCK lock = (PKSPIN_LOCK)ExAllocatePool2(POOL_FLAG_PAGED, sizeof(KSPIN_LOCK), 'kcoL');
    KIRQL old;
    KeInitializeSpinLock(lock); /* HERE */
    KeAcquireSpinLock(lock, &old);
    KeReleaseSpinLock(lock, old);
    ExFreePoolWithTag(lock, 'kcoL');
    return STATUS_SUCCESS;`);
    const r = await run(src);
    expect(r.bugcheck).toMatchObject({ code: '0x000000C4', line: lineOf(src, 'HERE') });
    expect(r.bugcheck!.params[0]).toBe(hex(0xE1n));
    expect(r.bugcheck!.params[1]).toMatch(/^0xFFFFA88/);
  });
});

describe('FM-7: a fast mutex acquired Unsafe and released safe, or the reverse', () => {
  it('is Verifier finding 0x1009 at the release, and an Unsafe release leaves IRQL at APC_LEVEL', async () => {
    const src = driverEntry(`    static FAST_MUTEX f;
    ExInitializeFastMutex(&f);
    ExAcquireFastMutex(&f);
    ExReleaseFastMutexUnsafe(&f); /* HERE */
    DbgPrint("IRQL after: %d\\n", KeGetCurrentIrql());
    KeLowerIrql(PASSIVE_LEVEL);
    return STATUS_SUCCESS;`);
    const r = await run(src);
    expect(r.outcome).toBe('completed');
    expect(r.findings).toEqual([expect.objectContaining({ code: '0x1009', name: 'RELEASE_WITH_WRONG_ROUTINE', lines: [lineOf(src, 'HERE')] })]);
    expect(r.prints).toEqual(['IRQL after: 1']);
  });
});

describe('DPC-5: blocking inside a DPC routine', () => {
  for (const [what, call, sub] of [
    ['KeDelayExecutionThread', 'KeDelayExecutionThread(KernelMode, FALSE, &t);', 0x122n],
    ['a wait with a timeout', 'KeWaitForSingleObject(&e, Executive, KernelMode, FALSE, &t);', 0x122n],
    ['a wait without a timeout', 'KeWaitForSingleObject(&e, Executive, KernelMode, FALSE, NULL);', 0x121n],
  ] as const) {
    it(`${what} fails on Verifier's wait check (0xC4/0x${sub.toString(16)}) at its line`, async () => {
      const prelude = `static KEVENT e;
static KDPC dpc;
static VOID Dpc(PKDPC Dpc, PVOID Context, PVOID A1, PVOID A2)
{
    UNREFERENCED_PARAMETER(Dpc); UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(A1); UNREFERENCED_PARAMETER(A2);
    LARGE_INTEGER t;
    t.QuadPart = -1000;
    ${call} /* HERE */
}`;
      const src = driverEntry(`    KeInitializeEvent(&e, NotificationEvent, FALSE);
    KeInitializeDpc(&dpc, Dpc, NULL);
    KeInsertQueueDpc(&dpc, NULL, NULL);
    return STATUS_SUCCESS;`, prelude);
      const r = await run(src);
      expect(r.bugcheck).toMatchObject({ code: '0x000000C4', line: lineOf(src, 'HERE') });
      expect(r.bugcheck!.params[0]).toBe(hex(sub));
    });
  }
});

describe('EV-3 / SEM-4: Wait = TRUE above the allowed IRQL', () => {
  it('KeSetEvent(Wait = TRUE) at DISPATCH_LEVEL: the wait that follows is 0xC4/0x121 (IRQL address, object, 0)', async () => {
    const src = driverEntry(`    static KEVENT a, b;
    KIRQL old;
    KeInitializeEvent(&a, SynchronizationEvent, FALSE);
    KeInitializeEvent(&b, SynchronizationEvent, FALSE);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    KeSetEvent(&a, 0, TRUE);
    KeWaitForSingleObject(&b, Executive, KernelMode, FALSE, NULL); /* HERE */
    KeLowerIrql(old);
    return STATUS_SUCCESS;`);
    const r = await run(src);
    expect(r.bugcheck).toMatchObject({ code: '0x000000C4', line: lineOf(src, 'HERE') });
    expect(r.bugcheck!.params[0]).toBe(hex(0x121n));
    expect(r.bugcheck!.params[1]).not.toBe(hex(2n)); // an address, not the IRQL itself
    expect(r.bugcheck!.params[3]).toBe(hex(0n));
  });

  it('KeReleaseSemaphore(Wait = TRUE) at DISPATCH_LEVEL: the timed wait that follows is 0xC4/0x122', async () => {
    const src = driverEntry(`    static KSEMAPHORE s;
    static KEVENT b;
    LARGE_INTEGER t;
    KIRQL old;
    t.QuadPart = -1000;
    KeInitializeSemaphore(&s, 0, 4);
    KeInitializeEvent(&b, SynchronizationEvent, FALSE);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    KeReleaseSemaphore(&s, 0, 1, TRUE);
    KeWaitForSingleObject(&b, Executive, KernelMode, FALSE, &t); /* HERE */
    KeLowerIrql(old);
    return STATUS_SUCCESS;`);
    const r = await run(src);
    expect(r.bugcheck).toMatchObject({ code: '0x000000C4', line: lineOf(src, 'HERE') });
    expect(r.bugcheck!.params[0]).toBe(hex(0x122n));
  });
});

describe('KM-14 / CR-6: returning to the I/O manager with kernel APCs disabled', () => {
  it('DriverEntry returning while it owns a KMUTEX is 0xC4/0xC5 (routine, count 0xFFFF, 0), shown at the wait that took it', async () => {
    const src = driverEntry(`    static KMUTEX m;
    KeInitializeMutex(&m, 0);
    KeWaitForSingleObject(&m, Executive, KernelMode, FALSE, NULL); /* HERE */
    return STATUS_SUCCESS;`);
    const r = await run(src);
    expect(r.bugcheck).toMatchObject({ code: '0x000000C4' });
    expect(r.bugcheck!.params.slice(2)).toEqual([hex(0xFFFFn), hex(0n)]);
    expect(r.bugcheck!.params[0]).toBe(hex(0xC5n));
    expect(r.bugcheck!.line).toBe(lineOf(src, 'HERE'));
  });

  it('an unload routine that leaves a critical region entered is 0xC4/0xC5 as well', async () => {
    const prelude = `static VOID Unload(PDRIVER_OBJECT Driver)
{
    UNREFERENCED_PARAMETER(Driver);
    KeEnterCriticalRegion();
}`;
    const src = driverEntry('    DriverObject->DriverUnload = Unload;\n    return STATUS_SUCCESS;', prelude);
    const r = await run(src);
    expect(r.bugcheck!.params.slice(0, 1).concat(r.bugcheck!.params.slice(2))).toEqual([hex(0xC5n), hex(0xFFFFn), hex(0n)]);
  });
});

describe('the Grt under concurrency (section 4)', () => {
  it('a re-register frees the mutex a reader got: its next use is 0xD5 at the reader\'s line', async () => {
    const prelude = `static KEVENT got, replaced;
static VOID Reader(PVOID Context)
{
    UNREFERENCED_PARAMETER(Context);
    WDKM_KMUTEX *m;
    PVOID data;
    WdkmGrtGetKMutex("count", WDKM_TYPE(ULONG), &m);
    KeSetEvent(&got, 0, FALSE);
    KeWaitForSingleObject(&replaced, Executive, KernelMode, FALSE, NULL);
    WdkmKMutexLock(m, &data); /* HERE */
    WdkmKMutexUnlock(m);
}`;
    const src = driverEntry(`    ULONG zero = 0;
    HANDLE h;
    LARGE_INTEGER later;
    later.QuadPart = -10000;
    KeInitializeEvent(&got, NotificationEvent, FALSE);
    KeInitializeEvent(&replaced, NotificationEvent, FALSE);
    WdkmGrtInit();
    WdkmGrtRegisterKMutex("count", WDKM_TYPE(ULONG), &zero);
    PsCreateSystemThread(&h, THREAD_ALL_ACCESS, NULL, NULL, NULL, Reader, NULL);
    KeWaitForSingleObject(&got, Executive, KernelMode, FALSE, NULL);
    WdkmGrtRegisterKMutex("count", WDKM_TYPE(ULONG), &zero);
    KeSetEvent(&replaced, 0, FALSE);
    KeDelayExecutionThread(KernelMode, FALSE, &later);
    WdkmGrtDestroy();
    ZwClose(h);
    return STATUS_SUCCESS;`, prelude);
    const r = await run(src);
    expect(r.bugcheck).toMatchObject({ code: '0x000000D5', name: 'DRIVER_PAGE_FAULT_IN_FREED_SPECIAL_POOL', line: lineOf(src, 'HERE') });
  });

  for (const policy of ['timed', 'rr', 'random', 'pct']) {
    it(`WdkmGrtDestroy while other threads get labels completes, each get OK or WDKM_GRT_IS_NULL (${policy})`, async () => {
      const prelude = `static LONG bad;
static VOID Reader(PVOID Context)
{
    UNREFERENCED_PARAMETER(Context);
    for (int i = 0; i < 10; i++) {
        WDKM_KMUTEX *m;
        WDKM_STATUS s = WdkmGrtGetKMutex("count", WDKM_TYPE(ULONG), &m);
        if (s != WDKM_OK && s != WDKM_GRT_IS_NULL)
            InterlockedIncrement(&bad);
    }
}`;
      const src = driverEntry(`    ULONG zero = 0;
    HANDLE h[3];
    WdkmGrtInit();
    WdkmGrtRegisterKMutex("count", WDKM_TYPE(ULONG), &zero);
    for (int i = 0; i < 3; i++)
        PsCreateSystemThread(&h[i], THREAD_ALL_ACCESS, NULL, NULL, NULL, Reader, NULL);
    WdkmGrtDestroy();
    for (int i = 0; i < 3; i++) {
        PVOID t;
        ObReferenceObjectByHandle(h[i], SYNCHRONIZE, *PsThreadType, KernelMode, &t, NULL);
        KeWaitForSingleObject(t, Executive, KernelMode, FALSE, NULL);
        ObDereferenceObject(t);
        ZwClose(h[i]);
    }
    DbgPrint("bad gets: %d\\n", bad);
    return STATUS_SUCCESS;`, prelude);
      for (const seed of ['1', '2', '3']) {
        const r = await run(src, '--policy', policy, '--seed', seed, '--cpus', '4');
        expect([r.outcome, r.prints]).toEqual(['completed', ['bad gets: 0']]);
      }
    });
  }
});

describe('bug-check parameters as the spec table gives them', () => {
  it('0xC4/0x13 (double free): p3 the pool header, p4 its contents (tag, block size)', async () => {
    const src = driverEntry(`    PVOID p = ExAllocatePool2(POOL_FLAG_NON_PAGED, 40, 'elbD');
    DbgPrint("%p\\n", p);
    ExFreePoolWithTag(p, 'elbD');
    ExFreePoolWithTag(p, 'elbD'); /* HERE */
    return STATUS_SUCCESS;`);
    const r = await run(src);
    expect(r.bugcheck).toMatchObject({ code: '0x000000C4', line: lineOf(src, 'HERE') });
    const address = BigInt(`0x${r.prints[0]}`);
    expect(r.bugcheck!.params).toEqual([hex(0x13n), hex(0n), hex(address - 16n), hex((0x656c6244n << 32n) | (4n << 16n))]);
  });

  it('0xB8 (a DPC routine ends its thread): the thread, the next thread, its stack', async () => {
    const prelude = `static KDPC dpc;
static VOID Dpc(PKDPC Dpc, PVOID Context, PVOID A1, PVOID A2)
{
    UNREFERENCED_PARAMETER(Dpc); UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(A1); UNREFERENCED_PARAMETER(A2);
    PsTerminateSystemThread(STATUS_SUCCESS); /* HERE */
}`;
    const src = driverEntry(`    KeInitializeDpc(&dpc, Dpc, NULL);
    KeInsertQueueDpc(&dpc, NULL, NULL);
    return STATUS_SUCCESS;`, prelude);
    const r = await run(src);
    expect(r.bugcheck).toMatchObject({ code: '0x000000B8', name: 'ATTEMPTED_SWITCH_FROM_DPC', line: lineOf(src, 'HERE') });
    const [thread, , stack, reserved] = r.bugcheck!.params;
    expect(thread).not.toBe(hex(0n));
    expect(stack).not.toBe(hex(0n));
    expect(stack).not.toBe(thread);
    expect(reserved).toBe(hex(0n));
  });
});
