/*++
Module Name: hashes.c
Abstract: Trace hashes of a fixed set of runs, printed so the native and
          WebAssembly builds can be compared byte for byte (npm test does).
--*/
#include "harness.h"
#include <stdio.h>

NTSTATUS HashKMutexEntry(PDRIVER_OBJECT Driver, PUNICODE_STRING Path);
NTSTATUS HashTimerEntry(PDRIVER_OBJECT Driver, PUNICODE_STRING Path);

void HashScenarios(void)
{
    static const char *policies[] = { "timed", "rr", "random", "pct" };
    static const struct { const char *Name; PDRIVER_INITIALIZE Entry; } scenarios[] = {
        { "kmutex-counter", HashKMutexEntry }, { "timer-queued-lock", HashTimerEntry },
    };
    ULONG cpus, s;
    int p;
    for (s = 0; s < sizeof(scenarios) / sizeof(scenarios[0]); s++) {
        for (p = 0; p < 4; p++) {
            for (cpus = 1; cpus <= 8; cpus *= 2) {
                SIZE_T size;
                RunOn(scenarios[s].Entry, cpus, (EMU_POLICY)p, 42);
                EmuTrace(&size);
                printf("trace %s %s cpus=%u outcome=%d steps=%llu bytes=%llu hash=%016llx\n", scenarios[s].Name,
                       policies[p], cpus, (int)EmuResult()->Outcome, (unsigned long long)EmuResult()->Steps,
                       (unsigned long long)size, (unsigned long long)TraceHash());
            }
        }
    }
}

static WDKM_KMUTEX *HashCounter;
static KEVENT HashDone;
static KDPC HashDpc;
static KSPIN_LOCK HashLock;
static LONG HashShared;

static VOID HashDpcRoutine(PKDPC Dpc, PVOID Context, PVOID A1, PVOID A2)
{
    (VOID)Dpc; (VOID)Context; (VOID)A1; (VOID)A2;
    KeAcquireSpinLockAtDpcLevel(&HashLock);
    HashShared++;
    KeReleaseSpinLockFromDpcLevel(&HashLock);
}

static VOID HashWorker(PVOID Context)
{
    ULONG i;
    for (i = 0; i < 50; i++) {
        PVOID data;
        KIRQL old;
        WdkmKMutexLock(HashCounter, &data);
        *(ULONG *)data += 1;
        WdkmKMutexUnlock(HashCounter);
        KeAcquireSpinLock(&HashLock, &old);
        HashShared++;
        KeReleaseSpinLock(&HashLock, old);
    }
    if (Context != NULL)
        KeInsertQueueDpc(&HashDpc, NULL, NULL);
    InterlockedIncrement(&HashShared);
    KeSetEvent(&HashDone, IO_NO_INCREMENT, FALSE);
}

NTSTATUS HashKMutexEntry(PDRIVER_OBJECT Driver, PUNICODE_STRING Path)
{
    HANDLE threads[3];
    LARGE_INTEGER delay;
    ULONG zero = 0, i;
    (VOID)Driver; (VOID)Path;
    HashShared = 0;
    KeInitializeEvent(&HashDone, SynchronizationEvent, FALSE);
    KeInitializeSpinLock(&HashLock);
    KeInitializeDpc(&HashDpc, HashDpcRoutine, NULL);
    WdkmKMutexNew(sizeof(ULONG), &zero, &HashCounter);
    for (i = 0; i < 3; i++)
        threads[i] = StartThread(HashWorker, i == 1 ? (PVOID)1 : NULL);
    delay.QuadPart = -100;
    KeDelayExecutionThread(KernelMode, FALSE, &delay);
    JoinThreads(threads, 3);
    WdkmKMutexIntoOwned(HashCounter, &zero);
    DbgPrint("counter %u shared %d at %p\n", zero, HashShared, (PVOID)HashCounter);
    return STATUS_SUCCESS;
}

/* A periodic timer's DPC and two threads share a counter under an in-stack
   queued spin lock; the timer is cancelled and the DPCs flushed at the end. */
static KTIMER HashTimer;
static KDPC HashTick;
static KEVENT HashTicks;
static LONG HashTickCount;

static VOID HashTickRoutine(PKDPC Dpc, PVOID Context, PVOID A1, PVOID A2)
{
    KLOCK_QUEUE_HANDLE h;
    (VOID)Dpc; (VOID)Context; (VOID)A1; (VOID)A2;
    KeAcquireInStackQueuedSpinLockAtDpcLevel(&HashLock, &h);
    HashShared++;
    KeReleaseInStackQueuedSpinLockFromDpcLevel(&h);
    if (++HashTickCount == 3)
        KeSetEvent(&HashTicks, IO_NO_INCREMENT, FALSE);
}

static VOID HashQueuedWorker(PVOID Context)
{
    ULONG i;
    (VOID)Context;
    for (i = 0; i < 20; i++) {
        KLOCK_QUEUE_HANDLE h;
        KeAcquireInStackQueuedSpinLock(&HashLock, &h);
        HashShared++;
        KeReleaseInStackQueuedSpinLock(&h);
        KeStallExecutionProcessor(20);
    }
}

NTSTATUS HashTimerEntry(PDRIVER_OBJECT Driver, PUNICODE_STRING Path)
{
    HANDLE threads[2];
    LARGE_INTEGER due;
    (VOID)Driver; (VOID)Path;
    HashShared = 0;
    HashTickCount = 0;
    KeInitializeSpinLock(&HashLock);
    KeInitializeEvent(&HashTicks, NotificationEvent, FALSE);
    KeInitializeDpc(&HashTick, HashTickRoutine, NULL);
    KeInitializeTimer(&HashTimer);
    due.QuadPart = -2000;
    KeSetTimerEx(&HashTimer, due, 1, &HashTick);
    threads[0] = StartThread(HashQueuedWorker, NULL);
    threads[1] = StartThread(HashQueuedWorker, NULL);
    JoinThreads(threads, 2);
    KeWaitForSingleObject(&HashTicks, Executive, KernelMode, FALSE, NULL);
    KeCancelTimer(&HashTimer);
    KeFlushQueuedDpcs();
    DbgPrint("shared %d ticks %d\n", HashShared, HashTickCount);
    return STATUS_SUCCESS;
}
