/*++
Module Name: hashes.c
Abstract: Trace hashes of a fixed set of runs, printed so the native and
          WebAssembly builds can be compared byte for byte (npm test does).
--*/
#include "harness.h"
#include <stdio.h>

NTSTATUS HashKMutexEntry(PDRIVER_OBJECT Driver, PUNICODE_STRING Path);

void HashScenarios(void)
{
    static const char *policies[] = { "timed", "rr", "random", "pct" };
    ULONG cpus;
    int p;
    for (p = 0; p < 4; p++) {
        for (cpus = 1; cpus <= 8; cpus *= 2) {
            SIZE_T size;
            RunOn(HashKMutexEntry, cpus, (EMU_POLICY)p, 42);
            EmuTrace(&size);
            printf("trace kmutex-counter %s cpus=%u outcome=%d steps=%llu bytes=%llu hash=%016llx\n", policies[p],
                   cpus, (int)EmuResult()->Outcome, (unsigned long long)EmuResult()->Steps,
                   (unsigned long long)size, (unsigned long long)TraceHash());
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
