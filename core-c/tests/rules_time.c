/*++
Module Name: rules_time.c
Abstract: Causal virtual time (docs/emulator.md): a wait never sees an event
          from its future, thread exit happens when the thread's work ends,
          idle CPUs take ready threads at once, and the trace is in time
          order, under every policy, on 1, 2 and 4 CPUs, for several seeds.
--*/
#include "harness.h"
#include "trace.h"                          /* the record layout and kinds */

static const EMU_POLICY Policies[] = { EmuPolicyTimed, EmuPolicyRoundRobin, EmuPolicyRandom, EmuPolicyPct };
static const ULONG CpuCounts[] = { 1, 2, 4 };
#define SEEDS 4
#define EACH_RUN(p, c, s)                                                         \
    for (p = 0; p < 4; p++)                                                       \
        for (c = 0; c < 3; c++)                                                   \
            for (s = 1; s <= SEEDS; s++)

/* Every record's time delta is >= 0 (docs/trace-format.md: zigzag LEB128). */
static ULONG64 Varint(const UCHAR *Data, SIZE_T *At)
{
    ULONG64 v = 0;
    ULONG shift = 0;
    while (Data[*At] & 0x80) {
        v |= (ULONG64)(Data[(*At)++] & 0x7F) << shift;
        shift += 7;
    }
    return v | ((ULONG64)Data[(*At)++] << shift);
}

static BOOLEAN TraceInTimeOrder(VOID)
{
    SIZE_T size, at = 8;
    const UCHAR *t = EmuTrace(&size);
    ULONG i;
    while (at < size) {
        UCHAR kind = t[at++];
        if (Varint(t, &at) & 1)
            return FALSE;                                     /* a negative delta */
        at++;                                                 /* cpu */
        for (i = 0; i < 5; i++)
            (VOID)Varint(t, &at);                             /* thread, object, a, b, loc */
        if (EMU_EV_HAS_PAYLOAD(kind))
            at += (SIZE_T)Varint(t, &at);
    }
    return at == size;
}

/* ---- a 100 us wait on something signalled after 1 ms of work ------------------ */

static KEVENT Late;
static NTSTATUS WaitStatus;
static ULONGLONG WaitBegan, WorkEnded;       /* 100 ns units */

static VOID LongWorker(PVOID SetEvent)
{
    KeStallExecutionProcessor(1000);
    WorkEnded = KeQueryInterruptTime();
    if (SetEvent != NULL)
        KeSetEvent(&Late, IO_NO_INCREMENT, FALSE);
}

static VOID WaitOn(PVOID Object)
{
    LARGE_INTEGER timeout;
    timeout.QuadPart = -1000;                                 /* 100 us */
    WaitBegan = KeQueryInterruptTime();
    WaitStatus = KeWaitForSingleObject(Object, Executive, KernelMode, FALSE, &timeout);
}

static NTSTATUS LateThreadEntry(PDRIVER_OBJECT D, PUNICODE_STRING P)
{
    HANDLE h = StartThread(LongWorker, NULL);
    PVOID thread;
    (VOID)D; (VOID)P;
    CHECK(NT_SUCCESS(ObReferenceObjectByHandle(h, SYNCHRONIZE, *PsThreadType, KernelMode, &thread, NULL)));
    WaitOn(thread);
    ObDereferenceObject(thread);
    JoinThreads(&h, 1);
    return STATUS_SUCCESS;
}

static NTSTATUS LateEventEntry(PDRIVER_OBJECT D, PUNICODE_STRING P)
{
    HANDLE h;
    (VOID)D; (VOID)P;
    KeInitializeEvent(&Late, NotificationEvent, FALSE);
    h = StartThread(LongWorker, &Late);
    WaitOn(&Late);
    JoinThreads(&h, 1);
    return STATUS_SUCCESS;
}

/* On 2 CPUs or more the waiter has a CPU of its own: Windows times out, under
   every policy. On one CPU a testing policy may preempt the waiter before its
   wait (at the same moment the worker becomes ready), so the wait may begin
   after the work and succeed; the trace must still be in time order. */
static VOID CheckLateWait(PDRIVER_INITIALIZE Entry)
{
    ULONG p, c, s;
    EACH_RUN(p, c, s) {
        WaitStatus = -1;
        CHECK_EQ(RunOn(Entry, CpuCounts[c], Policies[p], s), EmuOutcomeCompleted);
        if (CpuCounts[c] > 1 || Policies[p] == EmuPolicyTimed) {
            CHECK_EQ(WaitStatus, STATUS_TIMEOUT);
            CHECK(WorkEnded > WaitBegan + 1000);
        } else {
            CHECK(WaitStatus == STATUS_TIMEOUT || WaitStatus == STATUS_SUCCESS);
        }
        CHECK(TraceInTimeOrder());
    }
}

void TestWAIT3THR3LateThreadExitTimesOut(void)
{
    CheckLateWait(LateThreadEntry);
}

void TestWAIT3LateEventTimesOut(void)
{
    CheckLateWait(LateEventEntry);
}

/* ---- thread exit frees its CPU when its work ends; idle CPUs take ready threads */

static VOID Stall100(PVOID Context)
{
    (VOID)Context;
    KeStallExecutionProcessor(100);
}

static ULONGLONG Elapsed;

static NTSTATUS ThreeStallsEntry(PDRIVER_OBJECT D, PUNICODE_STRING P)
{
    HANDLE h[3];
    ULONG i;
    ULONGLONG start = KeQueryInterruptTime();
    (VOID)D; (VOID)P;
    for (i = 0; i < 3; i++)
        h[i] = StartThread(Stall100, NULL);
    JoinThreads(h, 3);
    Elapsed = (KeQueryInterruptTime() - start) / 10;          /* us */
    return STATUS_SUCCESS;
}

/* Three threads stalling 100 us each (created 5 us apart): about 100 us on 3
   or 4 CPUs, about 200 on 2, about 300 on 1, under every policy. */
void TestTHR3ExitFreesCpuInTime(void)
{
    static const ULONG cpus[] = { 1, 2, 3, 4 };
    ULONG p, c, s;
    for (p = 0; p < 4; p++)
        for (c = 0; c < 4; c++)
            for (s = 1; s <= SEEDS; s++) {
                CHECK_EQ(RunOn(ThreeStallsEntry, cpus[c], Policies[p], s), EmuOutcomeCompleted);
                if (cpus[c] >= 3)
                    CHECK(Elapsed >= 100 && Elapsed < 130);
                else if (cpus[c] == 2)
                    CHECK(Elapsed >= 200 && Elapsed < 230);
                else
                    CHECK(Elapsed >= 300 && Elapsed < 340);
                CHECK(TraceInTimeOrder());
            }
}

/* ---- two KMUTEXes in opposite order, with work between the acquisitions ------- */

static KMUTEX First, Second;

static VOID TakeInOrder(PVOID Reverse)
{
    PKMUTEX a = Reverse ? &Second : &First, b = Reverse ? &First : &Second;
    KeWaitForSingleObject(a, Executive, KernelMode, FALSE, NULL);
    KeStallExecutionProcessor(50);
    KeWaitForSingleObject(b, Executive, KernelMode, FALSE, NULL);
    KeReleaseMutex(b, FALSE);
    KeReleaseMutex(a, FALSE);
}

static NTSTATUS OppositeOrderEntry(PDRIVER_OBJECT D, PUNICODE_STRING P)
{
    HANDLE h[2];
    (VOID)D; (VOID)P;
    KeInitializeMutex(&First, 0);
    KeInitializeMutex(&Second, 0);
    h[0] = StartThread(TakeInOrder, NULL);
    h[1] = StartThread(TakeInOrder, &Second);
    JoinThreads(h, 2);
    return STATUS_SUCCESS;
}

/* Both threads run at once on 2 CPUs or more, so each holds its first mutex
   when it asks for the second: a deadlock under every policy, as on Windows. */
void TestDV3OppositeOrderWithWorkDeadlocks(void)
{
    ULONG p, c, s;
    EACH_RUN(p, c, s) {
        EMU_OUTCOME o = RunOn(OppositeOrderEntry, CpuCounts[c], Policies[p], s);
        if (CpuCounts[c] > 1)
            CHECK_EQ(o, EmuOutcomeDeadlock);
        else if (Policies[p] == EmuPolicyTimed)
            CHECK_EQ(o, EmuOutcomeCompleted);       /* one after the other: no preemption inside 100 us */
        CHECK(TraceInTimeOrder());
    }
}

/* ---- the trace is in time order for contended locks too ------------------------ */

static WDKM_KMUTEX *Shared;

static VOID Incrementer(PVOID Context)
{
    ULONG i;
    PVOID data;
    (VOID)Context;
    for (i = 0; i < 50; i++) {
        CHECK_EQ(WdkmKMutexLock(Shared, &data), WDKM_OK);
        *(ULONG *)data += 1;
        WdkmKMutexUnlock(Shared);
    }
}

static NTSTATUS ContendedEntry(PDRIVER_OBJECT D, PUNICODE_STRING P)
{
    HANDLE h[3];
    ULONG zero = 0, i, total = 0;
    (VOID)D; (VOID)P;
    CHECK_EQ(WdkmKMutexNew(sizeof(ULONG), &zero, &Shared), WDKM_OK);
    for (i = 0; i < 3; i++)
        h[i] = StartThread(Incrementer, NULL);
    JoinThreads(h, 3);
    WdkmKMutexIntoOwned(Shared, &total);
    CHECK_EQ(total, 150);
    return STATUS_SUCCESS;
}

void TestSchedTraceInTimeOrder(void)
{
    ULONG p, c, s;
    EACH_RUN(p, c, s) {
        CHECK_EQ(RunOn(ContendedEntry, CpuCounts[c], Policies[p], s), EmuOutcomeCompleted);
        CHECK(TraceInTimeOrder());
    }
}
