/*++
Module Name: bench.c
Abstract: Lock/unlock pairs per second on the emulated kernel: uncontended
          and contended (2 and 8 threads), KMutex and FastMutex, with the
          trace on as a user's run has it. Prints one JSON object per line;
          scripts/bench.mjs runs the native and WebAssembly builds side by side.
--*/
#include <wdkm.h>
#include "emu.h"
#include <stdio.h>
#include <string.h>
#include <time.h>
#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#endif

static ULONG PairsPerThread;
static BOOLEAN UseFast;
static WDKM_KMUTEX *K;
static WDKM_FAST_MUTEX *F;

static double NowSeconds(void)
{
#ifdef __EMSCRIPTEN__
    return emscripten_get_now() / 1000.0;
#else
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
#endif
}

static VOID Worker(PVOID Context)
{
    ULONG i;
    PVOID data;
    (VOID)Context;
    for (i = 0; i < PairsPerThread; i++) {
        if (UseFast) {
            WdkmFastMutexLock(F, &data);
            *(ULONG *)data += 1;
            WdkmFastMutexUnlock(F);
        } else {
            WdkmKMutexLock(K, &data);
            *(ULONG *)data += 1;
            WdkmKMutexUnlock(K);
        }
    }
}

static ULONG Threads;

static NTSTATUS Entry(PDRIVER_OBJECT D, PUNICODE_STRING P)
{
    HANDLE h[8];
    ULONG zero = 0, i;
    (VOID)D; (VOID)P;
    WdkmKMutexNew(sizeof(ULONG), &zero, &K);
    WdkmFastMutexNew(sizeof(ULONG), &zero, &F);
    if (Threads == 1) {
        Worker(NULL);
    } else {
        for (i = 0; i < Threads; i++)
            PsCreateSystemThread(&h[i], THREAD_ALL_ACCESS, NULL, NULL, NULL, Worker, NULL);
        for (i = 0; i < Threads; i++) {
            PVOID t;
            ObReferenceObjectByHandle(h[i], SYNCHRONIZE, *PsThreadType, KernelMode, &t, NULL);
            KeWaitForSingleObject(t, Executive, KernelMode, FALSE, NULL);
            ObDereferenceObject(t);
            ZwClose(h[i]);
        }
    }
    WdkmKMutexFree(K);
    WdkmFastMutexFree(F);
    return STATUS_SUCCESS;
}

static const char *Only;                /* argv[1]: run only the rows whose name contains it */

/* Best of three runs, as the VM rows: the first run of a process also grows
   the trace buffer and zeroes the pool, which a user's worker does once. */
static void Measure(const char *Name, ULONG ThreadCount, BOOLEAN Fast, ULONG TotalPairs)
{
    EMU_CONFIG c;
    double best = 0;
    ULONG64 switches = 0;
    int round;
    if (Only != NULL && strstr(Name, Only) == NULL)
        return;
    EmuDefaultConfig(&c);
    c.Cpus = ThreadCount < 2 ? 2 : ThreadCount;
    c.StepBudget = (ULONG64)TotalPairs * 8 + 100000;
    Threads = ThreadCount;
    UseFast = Fast;
    PairsPerThread = TotalPairs / ThreadCount;
    for (round = 0; round < 3; round++) {
        ULONG64 before = EmuFiberSwitches();
        double start = NowSeconds(), seconds;
        EmuRunDriver(&c, Entry);
        seconds = NowSeconds() - start;
        switches = EmuFiberSwitches() - before;
        if ((double)(PairsPerThread * ThreadCount) / seconds > best)
            best = (double)(PairsPerThread * ThreadCount) / seconds;
    }
    printf("{\"name\":\"%s\",\"unit\":\"lock/unlock pairs per second\",\"value\":%.0f,\"outcome\":%d,"
           "\"steps\":%llu,\"switches\":%llu}\n", Name, best, (int)EmuResult()->Outcome,
           (unsigned long long)EmuResult()->Steps, (unsigned long long)switches);
    fflush(stdout);
}

int main(int argc, char **argv)
{
    Only = argc > 1 ? argv[1] : NULL;
    Measure("kmutex uncontended", 1, FALSE, 2000000);
    Measure("fast mutex uncontended", 1, TRUE, 2000000);
    Measure("kmutex contended, 2 threads", 2, FALSE, 400000);
    Measure("fast mutex contended, 2 threads", 2, TRUE, 400000);
    Measure("kmutex contended, 8 threads", 8, FALSE, 400000);
    Measure("fast mutex contended, 8 threads", 8, TRUE, 400000);
    EmuFreeMachine();
    return 0;
}
