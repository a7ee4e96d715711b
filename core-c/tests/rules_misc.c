/*++
Module Name: rules_misc.c
Abstract: Rule tests for events (EV-n), semaphores (SEM-n), pool (POOL-n),
          and the scheduler's contracts: budget, replay, fault injection.
--*/
#include "harness.h"
#include <string.h>
#include "trace.h"

static KEVENT E;
static KSEMAPHORE S;
static LONG Woken, Values[4];

static VOID Waiter(PVOID C)
{
    (VOID)C;
    KeWaitForSingleObject(&E, Executive, KernelMode, FALSE, NULL);
    InterlockedIncrement(&Woken);
}

static NTSTATUS EventEntry(PDRIVER_OBJECT D, PUNICODE_STRING P)
{
    HANDLE h[3];
    LARGE_INTEGER t;
    ULONG i;
    EVENT_TYPE type = (EVENT_TYPE)(ULONG_PTR)D->DeviceObject;
    (VOID)P;
    Woken = 0;
    KeInitializeEvent(&E, type, FALSE);
    for (i = 0; i < 3; i++)
        h[i] = StartThread(Waiter, NULL);
    t.QuadPart = -1000;
    KeDelayExecutionThread(KernelMode, FALSE, &t);                    /* all three wait now */
    Values[0] = KeSetEvent(&E, IO_NO_INCREMENT, FALSE);
    KeDelayExecutionThread(KernelMode, FALSE, &t);
    Values[1] = Woken;
    Values[2] = KeReadStateEvent(&E);
    KeSetEvent(&E, IO_NO_INCREMENT, FALSE);
    KeDelayExecutionThread(KernelMode, FALSE, &t);
    KeSetEvent(&E, IO_NO_INCREMENT, FALSE);
    JoinThreads(h, 3);
    return STATUS_SUCCESS;
}

static PDRIVER_INITIALIZE EventType;
static NTSTATUS NotificationEntry(PDRIVER_OBJECT D, PUNICODE_STRING P)
{
    D->DeviceObject = (PVOID)(ULONG_PTR)NotificationEvent;
    return EventEntry(D, P);
}

static NTSTATUS SynchronizationEntry(PDRIVER_OBJECT D, PUNICODE_STRING P)
{
    D->DeviceObject = (PVOID)(ULONG_PTR)SynchronizationEvent;
    return EventEntry(D, P);
}

void TestEV2NotificationWakesAll(void)
{
    (VOID)EventType;
    CHECK_EQ(Run(NotificationEntry), EmuOutcomeCompleted);
    CHECK_EQ(Values[0], 0);
    CHECK_EQ(Values[1], 3);
    CHECK_EQ(Values[2], 1);                                           /* stays signaled */
}

void TestEV2SynchronizationWakesOne(void)
{
    CHECK_EQ(Run(SynchronizationEntry), EmuOutcomeCompleted);
    CHECK_EQ(Values[1], 1);
    CHECK_EQ(Values[2], 0);                                           /* consumed by the waiter */
}

static NTSTATUS SemaphoreEntry(PDRIVER_OBJECT D, PUNICODE_STRING P)
{
    LARGE_INTEGER zero;
    (VOID)D; (VOID)P;
    zero.QuadPart = 0;
    KeInitializeSemaphore(&S, 1, 2);
    Values[0] = KeWaitForSingleObject(&S, Executive, KernelMode, FALSE, &zero);
    Values[1] = KeWaitForSingleObject(&S, Executive, KernelMode, FALSE, &zero);
    Values[2] = KeReleaseSemaphore(&S, 0, 2, FALSE);                  /* returns the count before */
    KeReleaseSemaphore(&S, 0, 1, FALSE);                              /* SEM-3: over the limit */
    return STATUS_SUCCESS;
}

void TestSEM3LimitExceeded(void)
{
    CHECK_EQ(Run(SemaphoreEntry), EmuOutcomeBugcheck);
    CHECK_EQ(Values[0], STATUS_SUCCESS);
    CHECK_EQ(Values[1], STATUS_TIMEOUT);
    CHECK_EQ(Values[2], 0);
    CHECK_EQ(BugcheckCode(), 0x7E);
    CHECK_EQ(BugcheckParam(0), (ULONG64)(LONG64)STATUS_SEMAPHORE_LIMIT_EXCEEDED);
}

static NTSTATUS PoolEntry(PDRIVER_OBJECT D, PUNICODE_STRING P)
{
    PUCHAR a, b;
    (VOID)D; (VOID)P;
    a = (PUCHAR)ExAllocatePool2(POOL_FLAG_NON_PAGED, 24, 'kaeL');
    b = (PUCHAR)ExAllocatePool2(POOL_FLAG_NON_PAGED, 8, 'eerF');
    Values[0] = a != NULL && a[0] == 0 && a[23] == 0;                 /* POOL-1: zeroed */
    Values[1] = ((ULONG_PTR)a & 15) == 0;
    Values[2] = ExAllocatePool2(POOL_FLAG_NON_PAGED | POOL_FLAG_PAGED, 8, 'xxxx') == NULL;
    Values[3] = ExAllocatePool2(POOL_FLAG_NON_PAGED, 8, 0) == NULL;  /* POOL-2 */
    ExFreePoolWithTag(b, 'eerF');
    return STATUS_SUCCESS;
}

void TestPOOL8LeakReported(void)
{
    CHECK_EQ(Run(PoolEntry), EmuOutcomeCompleted);
    CHECK(Values[0] && Values[1] && Values[2] && Values[3]);
    CHECK_EQ(EmuLeakCount(), 1);
    CHECK_EQ(EmuLeaks()[0].Tag, 'kaeL');
    CHECK_EQ(EmuLeaks()[0].Bytes, 24);
}

static NTSTATUS DoubleFreeEntry(PDRIVER_OBJECT D, PUNICODE_STRING P)
{
    PVOID a;
    (VOID)D; (VOID)P;
    a = ExAllocatePool2(POOL_FLAG_NON_PAGED, 8, 'elbD');
    ExFreePoolWithTag(a, 'elbD');
    ExFreePoolWithTag(a, 'elbD');                                     /* POOL-6, BC-6 */
    return STATUS_SUCCESS;
}

void TestPOOL6DoubleFree(void)
{
    CHECK_EQ(Run(DoubleFreeEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckCode(), 0xC4);
    CHECK_EQ(BugcheckParam(0), 0x13);
}

static NTSTATUS WrongTagEntry(PDRIVER_OBJECT D, PUNICODE_STRING P)
{
    PVOID a;
    (VOID)D; (VOID)P;
    a = ExAllocatePool2(POOL_FLAG_NON_PAGED, 8, 'enoO');
    ExFreePoolWithTag(a, 'owtT');
    return STATUS_SUCCESS;
}

void TestPOOL6WrongTag(void)
{
    CHECK_EQ(Run(WrongTagEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckCode(), 0xC2);
    CHECK_EQ(BugcheckParam(0), 0x0A);
    CHECK_EQ(BugcheckParam(2), 'enoO');
}

static NTSTATUS FaultEntry(PDRIVER_OBJECT D, PUNICODE_STRING P)
{
    WDKM_KMUTEX *m;
    ULONG zero = 0;
    (VOID)D; (VOID)P;
    Values[0] = WdkmKMutexNew(sizeof(ULONG), &zero, &m);              /* the 1st allocation fails */
    Values[1] = m == NULL;
    Values[2] = WdkmKMutexNew(sizeof(ULONG), &zero, &m);
    WdkmKMutexFree(m);
    return STATUS_SUCCESS;
}

void TestPOOL2FaultInjection(void)
{
    EMU_CONFIG c;
    EmuDefaultConfig(&c);
    c.FailAllocNth = 1;
    CHECK_EQ(EmuRunDriver(&c, FaultEntry), EmuOutcomeCompleted);
    CHECK_EQ(Values[0], WDKM_POOL_ALLOC_FAILED);
    CHECK_EQ(Values[1], TRUE);
    CHECK_EQ(Values[2], WDKM_OK);
}

static NTSTATUS ForeverEntry(PDRIVER_OBJECT D, PUNICODE_STRING P)
{
    (VOID)D; (VOID)P;
    for (;;)
        KeStallExecutionProcessor(1);
    return STATUS_SUCCESS;
}

void TestSchedBudgetEndsRunaway(void)
{
    EMU_CONFIG c;
    EmuDefaultConfig(&c);
    c.StepBudget = 5000;
    CHECK_EQ(EmuRunDriver(&c, ForeverEntry), EmuOutcomeBudget);
    CHECK_EQ(EmuResult()->Steps, 5001);
}

NTSTATUS HashKMutexEntry(PDRIVER_OBJECT Driver, PUNICODE_STRING Path);

/* A recorded choice list replays the run exactly, whatever the policy. */
void TestSchedReplay(void)
{
    static USHORT saved[100000];
    ULONG count, i;
    ULONG64 hash;
    const USHORT *choices;
    EMU_CONFIG c;

    CHECK_EQ(RunOn(HashKMutexEntry, 3, EmuPolicyRandom, 99), EmuOutcomeCompleted);
    hash = TraceHash();
    choices = EmuChoices(&count);
    CHECK(count > 10 && count < 100000);
    for (i = 0; i < count && i < 100000; i++)
        saved[i] = choices[i];
    EmuDefaultConfig(&c);
    c.Cpus = 3;
    c.Policy = EmuPolicyRoundRobin;                                   /* overridden by the replay */
    c.Replay = saved;
    c.ReplayCount = count;
    c.Seed = 99;
    CHECK_EQ(EmuRunDriver(&c, HashKMutexEntry), EmuOutcomeCompleted);
    CHECK(TraceHash() == hash);
    CHECK_EQ(EmuResult()->ReplayDivergedAt, 0);
    /* A schedule that no longer fits is not an error: the run goes on by
       the policy from the first choice it does not fit, and says which. */
    saved[5] = 999;                                                   /* no such thread */
    CHECK_EQ(EmuRunDriver(&c, HashKMutexEntry), EmuOutcomeCompleted);
    CHECK_EQ(EmuResult()->ReplayDivergedAt, 6);
    CHECK(OutputContains("counter"));
    choices = EmuChoices(&count);
    CHECK(count > 5 && choices[4] == saved[4] && choices[5] != 999);
}

/* The kind of the trace's last record (walks the records). */
static ULONG LastTraceKind(VOID)
{
    SIZE_T size, p = 8;
    const UCHAR *d = EmuTrace(&size);
    ULONG kind = 0;
    while (p < size) {
        int field;
        ULONG64 len = 0;
        kind = d[p++];
        for (field = 0; field < 7; field++) {            /* dt, cpu (a byte), thread, object, a, b, loc */
            if (field == 1) { p++; continue; }
            while (d[p++] & 0x80) {}
        }
        if (EMU_EV_HAS_PAYLOAD(kind)) {
            int shift = 0;
            UCHAR b;
            do { b = d[p++]; len |= (ULONG64)(b & 0x7F) << shift; shift += 7; } while (b & 0x80);
            p += (SIZE_T)len;
        }
    }
    return kind;
}

/* A trace cut at its size limit says so in its header, and still ends with
   the run's result. */
void TestTraceTruncatedFlag(void)
{
    EMU_CONFIG c;
    SIZE_T size;
    const UCHAR *d;

    CHECK_EQ(RunOn(HashKMutexEntry, 2, EmuPolicyTimed, 1), EmuOutcomeCompleted);
    d = EmuTrace(&size);
    CHECK_EQ(d[5] & EMU_TRACE_FLAG_TRUNCATED, 0);
    EmuDefaultConfig(&c);
    c.TraceLimit = 4096;
    CHECK_EQ(EmuRunDriver(&c, HashKMutexEntry), EmuOutcomeCompleted);
    d = EmuTrace(&size);
    CHECK_EQ(d[5] & EMU_TRACE_FLAG_TRUNCATED, EMU_TRACE_FLAG_TRUNCATED);
    CHECK(size < 8192);
    CHECK_EQ(LastTraceKind(), EMU_EV_RUN_END);
}

void TestSchedDeterminism(void)
{
    ULONG64 first;
    RunOn(HashKMutexEntry, 2, EmuPolicyPct, 5);
    first = TraceHash();
    RunOn(HashKMutexEntry, 2, EmuPolicyPct, 5);
    CHECK(TraceHash() == first);
    RunOn(HashKMutexEntry, 2, EmuPolicyPct, 6);
    CHECK(OutputContains("counter 150 shared 154"));
}
