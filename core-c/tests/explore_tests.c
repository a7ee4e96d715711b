/*++
Module Name: explore_tests.c
Abstract: The explorer on drivers compiled with the harness: it finds the
          lock-order deadlock every time and proves the fixed order free of
          it; each witness replays under the explore policy to its outcome;
          reduction finds the outcomes that running every schedule (within
          2 preemptions) finds.
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
    HANDLE h;
    (VOID)Driver;
    (VOID)Path;
    KeInitializeMutex(&First, 0);
    KeInitializeMutex(&Second, 0);
    h = StartThread(TakeBoth, NULL);
    ZwClose(h);
    h = StartThread(TakeBoth, (PVOID)1);
    ZwClose(h);
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

typedef struct _FOUND {
    ULONG Outcomes[8];                 /* runs per EMU_OUTCOME              */
    BOOLEAN Complete;
    ULONG64 Schedules;
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
