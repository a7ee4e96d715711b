/*++
Module Name: explore_tests.c
Abstract: The explorer on drivers compiled with the harness: it finds the
          lock-order deadlock every time and proves the fixed order free of
          it; each witness replays under the explore policy to its outcome;
          reduction finds the outcomes that running every schedule (within
          2 preemptions) finds, and exactly the distinct outcomes of every
          schedule where a wait is deferred, a timeout taken away, or a bug
          check stops threads that had yet to move.
          Natively, under ASan+UBSan and in WebAssembly like every test.
--*/
#include "harness.h"
#include <string.h>

static KMUTEX First, Second;
static LONG Counter;
static BOOLEAN SameOrder;

static VOID TakeBoth(PVOID Context)
{
    PKMUTEX outer = Context == NULL || SameOrder ? &First : &Second;
    PKMUTEX inner = outer == &First ? &Second : &First;
    KeWaitForSingleObject(outer, Executive, KernelMode, FALSE, NULL);
    KeWaitForSingleObject(inner, Executive, KernelMode, FALSE, NULL);
    KeReleaseMutex(inner, FALSE);
    KeReleaseMutex(outer, FALSE);
}

static NTSTATUS LockOrderEntry(PDRIVER_OBJECT Driver, PUNICODE_STRING Path)
{
    HANDLE h[2];
    (VOID)Driver;
    (VOID)Path;
    KeInitializeMutex(&First, 0);
    KeInitializeMutex(&Second, 0);
    h[0] = StartThread(TakeBoth, NULL);
    h[1] = StartThread(TakeBoth, (PVOID)1);
    JoinThreads(h, 2);
    return STATUS_SUCCESS;
}

/* The same without joining: fewer steps, so every schedule can be run. */
static NTSTATUS LockOrderNoJoinEntry(PDRIVER_OBJECT Driver, PUNICODE_STRING Path)
{
    (VOID)Driver;
    (VOID)Path;
    KeInitializeMutex(&First, 0);
    KeInitializeMutex(&Second, 0);
    StartDetached(TakeBoth, NULL);
    StartDetached(TakeBoth, (PVOID)1);
    return STATUS_SUCCESS;
}

static VOID Add(PVOID Context)
{
    (VOID)Context;
    InterlockedIncrement(&Counter);
    InterlockedIncrement(&Counter);
}

static NTSTATUS InterlockedEntry(PDRIVER_OBJECT Driver, PUNICODE_STRING Path)
{
    HANDLE h[2];
    (VOID)Driver;
    (VOID)Path;
    Counter = 0;
    h[0] = StartThread(Add, NULL);
    h[1] = StartThread(Add, NULL);
    JoinThreads(h, 2);
    return Counter == 4 ? STATUS_SUCCESS : STATUS_UNSUCCESSFUL;
}

/* Deferred waits: each thread prints inside the mutex, so every order of
   the critical sections is its own outcome (3 threads: 6). */
static VOID PrintUnder(PVOID Context)
{
    KeWaitForSingleObject(&First, Executive, KernelMode, FALSE, NULL);
    DbgPrint("%u", (ULONG)(ULONG_PTR)Context);
    KeReleaseMutex(&First, FALSE);
}

static NTSTATUS PrintUnderEntry(PDRIVER_OBJECT Driver, PUNICODE_STRING Path)
{
    (VOID)Driver;
    (VOID)Path;
    KeInitializeMutex(&First, 0);
    StartDetached(PrintUnder, (PVOID)1);
    StartDetached(PrintUnder, (PVOID)2);
    StartDetached(PrintUnder, (PVOID)3);
    return STATUS_SUCCESS;
}

/* The same under a fast mutex: its acquisition is deferred too. */
static FAST_MUTEX Fast;

static VOID PrintUnderFast(PVOID Context)
{
    ExAcquireFastMutex(&Fast);
    DbgPrint("%u", (ULONG)(ULONG_PTR)Context);
    ExReleaseFastMutex(&Fast);
}

static NTSTATUS PrintUnderFastEntry(PDRIVER_OBJECT Driver, PUNICODE_STRING Path)
{
    (VOID)Driver;
    (VOID)Path;
    ExInitializeFastMutex(&Fast);
    StartDetached(PrintUnderFast, (PVOID)1);
    StartDetached(PrintUnderFast, (PVOID)2);
    StartDetached(PrintUnderFast, (PVOID)3);
    return STATUS_SUCCESS;
}

/* Two mutexes one after the other, a print under each: a thread that has yet
   to reach its second wait may print before the other releases it (6
   outcomes: f1 before g1, f2 before g2). */
static VOID PrintUnderBoth(PVOID Context)
{
    KeWaitForSingleObject(&First, Executive, KernelMode, FALSE, NULL);
    DbgPrint("f%u", (ULONG)(ULONG_PTR)Context);
    KeReleaseMutex(&First, FALSE);
    KeWaitForSingleObject(&Second, Executive, KernelMode, FALSE, NULL);
    DbgPrint("g%u", (ULONG)(ULONG_PTR)Context);
    KeReleaseMutex(&Second, FALSE);
}

static NTSTATUS PrintUnderBothEntry(PDRIVER_OBJECT Driver, PUNICODE_STRING Path)
{
    (VOID)Driver;
    (VOID)Path;
    KeInitializeMutex(&First, 0);
    KeInitializeMutex(&Second, 0);
    StartDetached(PrintUnderBoth, (PVOID)1);
    StartDetached(PrintUnderBoth, (PVOID)2);
    return STATUS_SUCCESS;
}

/* A bug check while the other thread waits for the mutex the crasher holds,
   or has printed, or has yet to start. */
static VOID CrashHolding(PVOID Context)
{
    (VOID)Context;
    KeWaitForSingleObject(&First, Executive, KernelMode, FALSE, NULL);
    KeBugCheckEx(0xE2, 0, 0, 0, 0);
}

static VOID SayUnder(PVOID Context)
{
    (VOID)Context;
    KeWaitForSingleObject(&First, Executive, KernelMode, FALSE, NULL);
    DbgPrint("said");
    KeReleaseMutex(&First, FALSE);
}

static NTSTATUS CrashEntry(PDRIVER_OBJECT Driver, PUNICODE_STRING Path)
{
    (VOID)Driver;
    (VOID)Path;
    KeInitializeMutex(&First, 0);
    StartDetached(SayUnder, NULL);
    StartDetached(CrashHolding, NULL);
    return STATUS_SUCCESS;
}

/* Lock order with a bug check: the second thread takes Second, says so, and
   crashes once it has First too; the first takes both in the other order. */
static VOID BothThenSay(PVOID Context)
{
    (VOID)Context;
    KeWaitForSingleObject(&First, Executive, KernelMode, FALSE, NULL);
    KeWaitForSingleObject(&Second, Executive, KernelMode, FALSE, NULL);
    DbgPrint("both ");
    KeReleaseMutex(&Second, FALSE);
    KeReleaseMutex(&First, FALSE);
}

static VOID SayThenCrash(PVOID Context)
{
    (VOID)Context;
    KeWaitForSingleObject(&Second, Executive, KernelMode, FALSE, NULL);
    DbgPrint("second ");
    KeWaitForSingleObject(&First, Executive, KernelMode, FALSE, NULL);
    KeBugCheckEx(0xE2, 0, 0, 0, 0);
}

static NTSTATUS OrderCrashEntry(PDRIVER_OBJECT Driver, PUNICODE_STRING Path)
{
    (VOID)Driver;
    (VOID)Path;
    KeInitializeMutex(&First, 0);
    KeInitializeMutex(&Second, 0);
    StartDetached(BothThenSay, NULL);
    StartDetached(SayThenCrash, NULL);
    return STATUS_SUCCESS;
}

/* A wait with a timeout on a held mutex: the release takes the timeout
   away, so both orders must run. */
static VOID TryFor(PVOID Context)
{
    LARGE_INTEGER t;
    NTSTATUS status;
    (VOID)Context;
    t.QuadPart = -10000;
    status = KeWaitForSingleObject(&First, Executive, KernelMode, FALSE, &t);
    DbgPrint("try %x ", (unsigned)status);
    if (status == STATUS_SUCCESS)
        KeReleaseMutex(&First, FALSE);
}

static NTSTATUS TimeoutEntry(PDRIVER_OBJECT Driver, PUNICODE_STRING Path)
{
    (VOID)Driver;
    (VOID)Path;
    KeInitializeMutex(&First, 0);
    StartDetached(SayUnder, NULL);
    StartDetached(TryFor, NULL);
    return STATUS_SUCCESS;
}

/* A synchronization event passed around: who gets it first is the outcome. */
static KEVENT Baton;

static VOID TakeBaton(PVOID Context)
{
    KeWaitForSingleObject(&Baton, Executive, KernelMode, FALSE, NULL);
    DbgPrint("%u", (ULONG)(ULONG_PTR)Context);
    KeSetEvent(&Baton, 0, FALSE);
}

static NTSTATUS BatonEntry(PDRIVER_OBJECT Driver, PUNICODE_STRING Path)
{
    HANDLE h[2];
    (VOID)Driver;
    (VOID)Path;
    KeInitializeEvent(&Baton, SynchronizationEvent, FALSE);
    h[0] = StartThread(TakeBaton, (PVOID)1);
    h[1] = StartThread(TakeBaton, (PVOID)2);
    KeSetEvent(&Baton, 0, FALSE);
    JoinThreads(h, 2);
    return STATUS_SUCCESS;
}

typedef struct _FOUND {
    ULONG Outcomes[8];                 /* runs per EMU_OUTCOME              */
    BOOLEAN Complete;
    ULONG64 Schedules;
    ULONG Distinct;
} FOUND;

static FOUND Explore(PDRIVER_INITIALIZE Entry, BOOLEAN NoReduction, ULONG Bound)
{
    EMU_EXPLORE_OPTIONS options;
    EMU_CONFIG config;
    FOUND found;
    ULONG i;
    memset(&options, 0, sizeof(options));
    memset(&found, 0, sizeof(found));
    options.Cpus = 2;
    options.PreemptionBound = Bound;
    options.NoReduction = NoReduction;
    EmuExploreBegin(&options);
    while (EmuExploreNext(&config) && EmuExploreStats()->Runs < 200000) {
        EmuRunDriver(&config, Entry);
        EmuExploreEnd();
    }
    found.Complete = EmuExploreStats()->Complete && EmuExploreStats()->Error[0] == '\0';
    found.Schedules = EmuExploreStats()->Schedules;
    found.Distinct = EmuExploreStats()->OutcomeCount;
    for (i = 0; i < EmuExploreStats()->OutcomeCount; i++)
        found.Outcomes[EmuExploreOutcome(i)->Outcome] += EmuExploreOutcome(i)->Count;
    return found;
}

/* Every witness, replayed under the explore policy, reaches its outcome. */
static VOID CheckWitnesses(PDRIVER_INITIALIZE Entry)
{
    ULONG i, n = EmuExploreStats()->OutcomeCount;
    for (i = 0; i < n; i++) {
        const EMU_EXPLORE_OUTCOME *o = EmuExploreOutcome(i);
        EMU_CONFIG config;
        EmuDefaultConfig(&config);
        config.Cpus = 2;
        config.Policy = EmuPolicyExplore;
        config.Replay = o->Witness;
        config.ReplayCount = o->WitnessCount;
        CHECK_EQ(EmuRunDriver(&config, Entry), o->Outcome);

    }
}

void TestEXPLORELockOrder(void)
{
    FOUND f;
    SameOrder = FALSE;
    f = Explore(LockOrderEntry, FALSE, EMU_EXPLORE_UNBOUNDED);
    CHECK(f.Complete);
    CHECK(f.Outcomes[EmuOutcomeDeadlock] > 0);
    CHECK(f.Outcomes[EmuOutcomeCompleted] > 0);
    CheckWitnesses(LockOrderEntry);
    SameOrder = TRUE;
    f = Explore(LockOrderEntry, FALSE, EMU_EXPLORE_UNBOUNDED);
    CHECK(f.Complete);
    CHECK_EQ(f.Outcomes[EmuOutcomeDeadlock], 0);
    CHECK_EQ(f.Outcomes[EmuOutcomeCompleted], f.Schedules);
    EmuExploreFree();
}

void TestEXPLOREReduction(void)
{
    FOUND dpor, naive;
    SameOrder = FALSE;
    dpor = Explore(LockOrderNoJoinEntry, FALSE, EMU_EXPLORE_UNBOUNDED);
    naive = Explore(LockOrderNoJoinEntry, TRUE, 2);   /* every schedule with at most 2 preemptions */
    CHECK(dpor.Complete && naive.Complete);
    CHECK((dpor.Outcomes[EmuOutcomeDeadlock] > 0) == (naive.Outcomes[EmuOutcomeDeadlock] > 0));
    CHECK((dpor.Outcomes[EmuOutcomeCompleted] > 0) == (naive.Outcomes[EmuOutcomeCompleted] > 0));
    CHECK(dpor.Schedules * 5 < naive.Schedules);
    /* Interlocked increments commute with nothing but each other's order: always 4. */
    dpor = Explore(InterlockedEntry, FALSE, EMU_EXPLORE_UNBOUNDED);
    CHECK(dpor.Complete);
    CHECK_EQ(dpor.Outcomes[EmuOutcomeCompleted], dpor.Schedules);
    CHECK_EQ(EmuExploreStats()->OutcomeCount, 1);
    CHECK_EQ(EmuExploreStats()->RaceCount, 0);
    /* No preemption: one order of the two threads' runs, no deadlock. */
    dpor = Explore(LockOrderEntry, FALSE, 0);
    CHECK(dpor.Complete);
    CHECK_EQ(dpor.Outcomes[EmuOutcomeDeadlock], 0);
    EmuExploreFree();
}

/* Reduction against every schedule (within Bound preemptions where every
   schedule would be too many): the same distinct outcomes (each one DPOR
   reports is real, so equal counts are equal sets), in fewer schedules, and
   each witness replays. */
static ULONG64 SameAsEverySchedule(PDRIVER_INITIALIZE Entry, ULONG Bound, ULONG Want)
{
    FOUND dpor, naive;
    naive = Explore(Entry, TRUE, Bound);
    dpor = Explore(Entry, FALSE, EMU_EXPLORE_UNBOUNDED);
    CHECK(dpor.Complete && naive.Complete);
    CHECK_EQ(naive.Distinct, Want);
    CHECK_EQ(dpor.Distinct, naive.Distinct);
    CHECK(dpor.Schedules < naive.Schedules);
    CheckWitnesses(Entry);
    EmuExploreFree();
    return dpor.Schedules;
}

void TestEXPLOREDeferredWaits(void)
{
    /* A wait on a held mutex or an unset event is not a choice: one schedule
       per order of the critical sections, no more. */
    CHECK_EQ(SameAsEverySchedule(PrintUnderEntry, 2, 6), 6);   /* 123 132 213 231 312 321 */
    CHECK_EQ(SameAsEverySchedule(PrintUnderFastEntry, 2, 6), 6);
    CHECK_EQ(SameAsEverySchedule(BatonEntry, 2, 2), 2);
    SameAsEverySchedule(PrintUnderBothEntry, 2, 6);
}

void TestEXPLOREStoppedAndTimeouts(void)
{
    /* The other threads' next steps count when a bug check stops them, and a
       timeout counts when a release takes it away: neither is a step that
       ran, so no race shows it. */
    /* The bug check before or after "said", before or after DriverEntry returns. */
    SameAsEverySchedule(CrashEntry, EMU_EXPLORE_UNBOUNDED, 4);
    /* The try takes the mutex or times out, before or after "said". */
    SameAsEverySchedule(TimeoutEntry, 2, 4);
    /* Every thread that could go on sleeps while the others wait: those waits
       still race with what closed their mutexes (the bug check after "both
       second" before DriverEntry returns needs it). */
    SameAsEverySchedule(OrderCrashEntry, 2, 5);
}
