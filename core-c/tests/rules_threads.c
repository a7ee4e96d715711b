/*++
Module Name: rules_threads.c
Abstract: Rule tests for system threads (THR-1..3, THR-5..8) and waits on
          thread objects (WAIT-13): creation, termination, the thread
          object's state, exits holding locks, and unhandled exceptions.
--*/
#include "harness.h"

static KEVENT E;
static KMUTEX M;
static FAST_MUTEX F;
static KSPIN_LOCK L;
static LONG64 V[16];
static LONG Mode;

static LARGE_INTEGER Rel(LONGLONG Units)
{
    LARGE_INTEGER t;
    t.QuadPart = -Units;
    return t;
}

/* THR-1: PASSIVE_LEVEL only; success, a handle and a client id; the new
   thread runs its start routine with its context at PASSIVE_LEVEL. */
static VOID Started(PVOID C)
{
    V[3] = (LONG64)(ULONG_PTR)C;
    V[4] = KeGetCurrentIrql();
    V[5] = (LONG64)(ULONG_PTR)PsGetCurrentThreadId();
}

static NTSTATUS CreateEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    HANDLE h = NULL;
    CLIENT_ID id;
    KIRQL old;
    (VOID)Dr; (VOID)P;
    V[0] = PsCreateSystemThread(&h, THREAD_ALL_ACCESS, NULL, NULL, &id, Started, (PVOID)0x1234);
    V[1] = h != NULL;
    V[2] = (LONG64)(ULONG_PTR)id.UniqueThread;
    JoinThreads(&h, 1);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    PsCreateSystemThread(&h, THREAD_ALL_ACCESS, NULL, NULL, NULL, Started, NULL);
    KeLowerIrql(old);
    return STATUS_SUCCESS;
}

void TestTHR1CreateSystemThread(void)
{
    CHECK_EQ(Run(CreateEntry), EmuOutcomeBugcheck);
    CHECK_EQ(V[0], STATUS_SUCCESS);
    CHECK_EQ(V[1], 1);
    CHECK_EQ(V[3], 0x1234);
    CHECK_EQ(V[4], PASSIVE_LEVEL);
    CHECK(V[2] != 0 && V[2] == V[5]);
    CHECK_EQ(BugcheckCode(), 0xC4);                                   /* created at DISPATCH_LEVEL */
    CHECK_EQ(BugcheckParam(0), 0x20005);
    CHECK_EQ(BugcheckParam(1), DISPATCH_LEVEL);
}

/* THR-2: PsTerminateSystemThread does not return; returning from the start
   routine ends the thread too. Either way the thread object is signaled. */
static VOID Terminates(PVOID C)
{
    (VOID)C;
    V[0] = 1;
    PsTerminateSystemThread(STATUS_SUCCESS);
    V[1] = 1;                                                         /* never runs */
}

static VOID Returns(PVOID C)
{
    (VOID)C;
    V[2] = 1;
}

static NTSTATUS TerminateEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    HANDLE h[2];
    (VOID)Dr; (VOID)P;
    V[0] = V[1] = V[2] = 0;
    h[0] = StartThread(Terminates, NULL);
    h[1] = StartThread(Returns, NULL);
    JoinThreads(h, 2);                                                /* checks both waits succeed */
    V[3] = 1;
    return STATUS_SUCCESS;
}

void TestTHR2Termination(void)
{
    CHECK_EQ(Run(TerminateEntry), EmuOutcomeCompleted);
    CHECK_EQ(V[0], 1);
    CHECK_EQ(V[1], 0);
    CHECK_EQ(V[2], 1);
    CHECK_EQ(V[3], 1);
}

/* THR-3, WAIT-13: the thread object is non-signaled while the thread runs
   and signaled for good once it ends: every waiter wakes and nothing is
   consumed. A 100 us wait on a thread that works for 1 ms times out, under
   every policy and CPU count (the wait cannot see the exit from its future). */
static VOID Worker(PVOID C)
{
    (VOID)C;
    KeWaitForSingleObject(&E, Executive, KernelMode, FALSE, NULL);
    KeStallExecutionProcessor(1000);
}

static PVOID Target;

static VOID ThreadWaiter(PVOID C)
{
    V[8 + (ULONG_PTR)C] = KeWaitForSingleObject(Target, Executive, KernelMode, FALSE, NULL);
}

static NTSTATUS ThreadObjectEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    LARGE_INTEGER zero = Rel(0), short_ = Rel(1000);
    HANDLE h[3];
    (VOID)Dr; (VOID)P;
    KeInitializeEvent(&E, NotificationEvent, FALSE);
    h[0] = StartThread(Worker, NULL);
    ObReferenceObjectByHandle(h[0], SYNCHRONIZE, *PsThreadType, KernelMode, &Target, NULL);
    V[0] = KeWaitForSingleObject(Target, Executive, KernelMode, FALSE, &zero);
    h[1] = StartThread(ThreadWaiter, (PVOID)0);
    h[2] = StartThread(ThreadWaiter, (PVOID)1);
    KeSetEvent(&E, IO_NO_INCREMENT, FALSE);
    V[1] = KeWaitForSingleObject(Target, Executive, KernelMode, FALSE, &short_);
    V[2] = KeWaitForSingleObject(Target, Executive, KernelMode, FALSE, NULL);
    V[3] = KeWaitForSingleObject(Target, Executive, KernelMode, FALSE, &zero);
    V[4] = KeWaitForSingleObject(Target, Executive, KernelMode, FALSE, &zero);
    JoinThreads(h + 1, 2);
    ObDereferenceObject(Target);
    ZwClose(h[0]);
    return STATUS_SUCCESS;
}

void TestTHR3WAIT13ThreadObject(void)
{
    static const EMU_POLICY policies[] = { EmuPolicyTimed, EmuPolicyRoundRobin, EmuPolicyRandom, EmuPolicyPct };
    ULONG p, cpus, seed;
    for (p = 0; p < 4; p++)
        for (cpus = 1; cpus <= 4; cpus *= 2)
            for (seed = 1; seed <= 3; seed++) {
                V[8] = V[9] = -1;
                CHECK_EQ(RunOn(ThreadObjectEntry, cpus, policies[p], seed), EmuOutcomeCompleted);
                CHECK_EQ(V[0], STATUS_TIMEOUT);
                CHECK_EQ(V[1], STATUS_TIMEOUT);
                CHECK_EQ(V[2], STATUS_SUCCESS);
                CHECK_EQ(V[3], STATUS_SUCCESS);
                CHECK_EQ(V[4], STATUS_SUCCESS);
                CHECK_EQ(V[8], STATUS_SUCCESS);
                CHECK_EQ(V[9], STATUS_SUCCESS);
            }
}

/* THR-5 (the emulator's choice, Verifier on): a thread that ends owning a
   KMUTEX bug-checks 0x20 with the APC-disable count the mutex left; the
   mutex is never abandoned to its next waiter. */
static VOID OwnsAndEnds(PVOID C)
{
    (VOID)C;
    KeWaitForSingleObject(&M, Executive, KernelMode, FALSE, NULL);
}

static NTSTATUS AbandonEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    LARGE_INTEGER wait = Rel(1000);
    HANDLE h;
    (VOID)Dr; (VOID)P;
    V[0] = -1;
    KeInitializeMutex(&M, 0);
    h = StartThread(OwnsAndEnds, NULL);
    KeDelayExecutionThread(KernelMode, FALSE, &wait);
    V[0] = KeWaitForSingleObject(&M, Executive, KernelMode, FALSE, NULL);
    KeReleaseMutex(&M, FALSE);
    JoinThreads(&h, 1);
    return STATUS_SUCCESS;
}

void TestTHR5NeverAbandons(void)
{
    CHECK_EQ(Run(AbandonEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckCode(), 0x20);
    CHECK_EQ(BugcheckParam(1), 0xFFFF);                               /* KernelApcDisable -1 */
    CHECK(V[0] != STATUS_ABANDONED);
}

/* THR-6: ending while holding a lock Verifier tracks is the finding 0x100A
   (thread, lock); it stops the run only when findings are fatal. */
static VOID HoldsFastMutex(PVOID C)
{
    (VOID)C;
    V[1] = (LONG64)EmuGuestAddress(KeGetCurrentThread());
    ExAcquireFastMutex(&F);
}

static NTSTATUS HoldsEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    HANDLE h;
    (VOID)Dr; (VOID)P;
    ExInitializeFastMutex(&F);
    h = StartThread(HoldsFastMutex, NULL);
    JoinThreads(&h, 1);
    return STATUS_SUCCESS;
}

void TestTHR6EndsHoldingTrackedLock(void)
{
    EMU_CONFIG config;
    const EMU_RESULT *r;
    ULONG i;
    BOOLEAN found = FALSE;
    CHECK_EQ(Run(HoldsEntry), EmuOutcomeCompleted);
    r = EmuResult();
    for (i = 0; i < r->FindingCount; i++)
        if (r->Findings[i].Code == 0x100A && r->Findings[i].Params[0] == (ULONG64)V[1] &&
            r->Findings[i].Params[1] == EmuGuestAddress(&F))
            found = TRUE;
    CHECK(found);
    EmuDefaultConfig(&config);
    config.FindingsFatal = TRUE;
    CHECK_EQ(EmuRunDriver(&config, HoldsEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckCode(), 0xC4);
    CHECK_EQ(BugcheckParam(0), 0x100A);
}

/* THR-7: PsTerminateSystemThread holding a spin lock (DISPATCH_LEVEL) or
   at any raised IRQL is refused: 0xC4/0x20005 with the IRQL. */
static VOID TerminatesRaised(PVOID C)
{
    KIRQL old;
    (VOID)C;
    if (Mode == 0)
        KeAcquireSpinLock(&L, &old);
    else
        KeRaiseIrql(APC_LEVEL, &old);
    PsTerminateSystemThread(STATUS_SUCCESS);
    V[0] = 1;                                                         /* never runs */
}

static NTSTATUS TerminateRaisedEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    HANDLE h;
    (VOID)Dr; (VOID)P;
    KeInitializeSpinLock(&L);
    h = StartThread(TerminatesRaised, NULL);
    JoinThreads(&h, 1);
    return STATUS_SUCCESS;
}

void TestTHR7TerminateAtRaisedIrql(void)
{
    for (Mode = 0; Mode < 2; Mode++) {
        V[0] = 0;
        CHECK_EQ(Run(TerminateRaisedEntry), EmuOutcomeBugcheck);
        CHECK_EQ(BugcheckCode(), 0xC4);
        CHECK_EQ(BugcheckParam(0), 0x20005);
        CHECK_EQ(BugcheckParam(1), Mode == 0 ? DISPATCH_LEVEL : APC_LEVEL);
        CHECK_EQ(V[0], 0);
    }
}

/* THR-8: an exception nobody handles in a system thread is 0x7E with the
   exception code, in that thread. */
static VOID Raises(PVOID C)
{
    (VOID)C;
    V[0] = EmuCurrentThreadId();
    ExRaiseStatus(STATUS_INSUFFICIENT_RESOURCES);
}

static NTSTATUS RaiseEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    HANDLE h;
    (VOID)Dr; (VOID)P;
    h = StartThread(Raises, NULL);
    JoinThreads(&h, 1);
    return STATUS_SUCCESS;
}

void TestTHR8UnhandledException(void)
{
    CHECK_EQ(Run(RaiseEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckCode(), 0x7E);
    CHECK_EQ(BugcheckParam(0), (ULONG64)(LONG64)STATUS_INSUFFICIENT_RESOURCES);
    CHECK(BugcheckParam(1) != 0);
    CHECK_EQ(EmuResult()->BugcheckThread, (ULONG)V[0]);
}
