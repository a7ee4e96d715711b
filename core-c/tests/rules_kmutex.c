/*++
Module Name: rules_kmutex.c
Abstract: Rule tests for KMUTEX (KM-n), waits (WAIT-n) and threads (THR-n).
--*/
#include "harness.h"

static KMUTEX M;
static LONG Seen[8];

static NTSTATUS RecursionEntry(PDRIVER_OBJECT D, PUNICODE_STRING P)
{
    (VOID)D; (VOID)P;
    KeInitializeMutex(&M, 0);
    Seen[0] = KeReadStateMutex(&M);                                   /* KM-1: 1 = free */
    KeWaitForSingleObject(&M, Executive, KernelMode, FALSE, NULL);
    KeWaitForSingleObject(&M, Executive, KernelMode, FALSE, NULL);   /* KM-4: no block on itself */
    Seen[1] = KeReadStateMutex(&M);                                   /* -1 */
    Seen[2] = KeReleaseMutex(&M, FALSE);                              /* KM-5: state before = -1 */
    Seen[3] = KeReleaseMutex(&M, FALSE);                              /* 0: now free */
    Seen[4] = KeReadStateMutex(&M);
    return STATUS_SUCCESS;
}

void TestKM4Recursion(void)
{
    CHECK_EQ(Run(RecursionEntry), EmuOutcomeCompleted);
    CHECK_EQ(Seen[0], 1);
    CHECK_EQ(Seen[1], -1);
    CHECK_EQ(Seen[2], -1);
    CHECK_EQ(Seen[3], 0);
    CHECK_EQ(Seen[4], 1);
}

static VOID Holder(PVOID C)
{
    (VOID)C;
    KeWaitForSingleObject(&M, Executive, KernelMode, FALSE, NULL);
    InterlockedIncrement(&Seen[0]);
    KeStallExecutionProcessor(50);
    KeReleaseMutex(&M, FALSE);
}

static NTSTATUS NotOwnerEntry(PDRIVER_OBJECT D, PUNICODE_STRING P)
{
    (VOID)D; (VOID)P;
    KeInitializeMutex(&M, 0);
    KeReleaseMutex(&M, FALSE);                                        /* KM-7: not the owner */
    return STATUS_SUCCESS;
}

void TestKM7ReleaseByNonOwner(void)
{
    CHECK_EQ(Run(NotOwnerEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckCode(), 0x7E);
    CHECK_EQ(BugcheckParam(0), (ULONG64)(LONG64)STATUS_MUTANT_NOT_OWNED);                          /* STATUS_MUTANT_NOT_OWNED */
    CHECK(HasFinding(0x1007));
}

static NTSTATUS CriticalRegionEntry(PDRIVER_OBJECT D, PUNICODE_STRING P)
{
    (VOID)D; (VOID)P;
    KeInitializeMutex(&M, 0);
    KeWaitForSingleObject(&M, Executive, KernelMode, FALSE, NULL);
    /* KM-3: the owner is in a critical region, so leaving one is balanced. */
    KeLeaveCriticalRegion();
    KeEnterCriticalRegion();
    KeReleaseMutex(&M, FALSE);
    KeLeaveCriticalRegion();                                          /* CR-2: now unbalanced */
    return STATUS_SUCCESS;
}

void TestKM3CriticalRegion(void)
{
    CHECK_EQ(Run(CriticalRegionEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckCode(), 0xC4);
    CHECK_EQ(BugcheckParam(0), 0x3E);
}

static VOID ExitOwning(PVOID C)
{
    (VOID)C;
    KeWaitForSingleObject(&M, Executive, KernelMode, FALSE, NULL);
}

static NTSTATUS ExitOwningEntry(PDRIVER_OBJECT D, PUNICODE_STRING P)
{
    HANDLE h;
    (VOID)D; (VOID)P;
    KeInitializeMutex(&M, 0);
    h = StartThread(ExitOwning, NULL);
    JoinThreads(&h, 1);
    return STATUS_SUCCESS;
}

void TestTHR4ExitOwningMutex(void)
{
    CHECK_EQ(Run(ExitOwningEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckCode(), 0x20);                                   /* KERNEL_APC_PENDING_DURING_EXIT */
    CHECK_EQ(BugcheckParam(1), 0xFFFF);                               /* KernelApcDisable = -1 */
    CHECK(HasFinding(0x100A));
}

static NTSTATUS FifoEntry(PDRIVER_OBJECT D, PUNICODE_STRING P)
{
    HANDLE h[3];
    ULONG i;
    (VOID)D; (VOID)P;
    Seen[0] = 0;
    KeInitializeMutex(&M, 0);
    for (i = 0; i < 3; i++)
        h[i] = StartThread(Holder, NULL);
    JoinThreads(h, 3);
    return STATUS_SUCCESS;
}

void TestKM13ContendedMutex(void)
{
    CHECK_EQ(RunOn(FifoEntry, 4, EmuPolicyTimed, 1), EmuOutcomeCompleted);
    CHECK_EQ(Seen[0], 3);
    CHECK(EmuResult()->TimeNs >= 150000);                             /* three 50 us holds in turn */
}

static NTSTATUS TimeoutEntry(PDRIVER_OBJECT D, PUNICODE_STRING P)
{
    KEVENT e;
    LARGE_INTEGER t;
    ULONGLONG before, after;
    (VOID)D; (VOID)P;
    KeInitializeEvent(&e, NotificationEvent, FALSE);
    t.QuadPart = 0;
    Seen[0] = KeWaitForSingleObject(&e, Executive, KernelMode, FALSE, &t);   /* WAIT-3: poll */
    t.QuadPart = -10000;                                              /* 1 ms relative */
    before = KeQueryInterruptTime();
    Seen[1] = KeWaitForSingleObject(&e, Executive, KernelMode, FALSE, &t);
    after = KeQueryInterruptTime();
    Seen[2] = (LONG)(after - before);
    Seen[3] = KeDelayExecutionThread(KernelMode, FALSE, &t);          /* WAIT-12: success */
    return STATUS_SUCCESS;
}

void TestWAIT3Timeouts(void)
{
    CHECK_EQ(Run(TimeoutEntry), EmuOutcomeCompleted);
    CHECK_EQ(Seen[0], STATUS_TIMEOUT);
    CHECK_EQ(Seen[1], STATUS_TIMEOUT);
    CHECK(Seen[2] >= 10000 && Seen[2] < 10100);
    CHECK_EQ(Seen[3], STATUS_SUCCESS);
}

static NTSTATUS DispatchWaitEntry(PDRIVER_OBJECT D, PUNICODE_STRING P)
{
    KIRQL old;
    (VOID)D; (VOID)P;
    KeInitializeMutex(&M, 0);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    KeWaitForSingleObject(&M, Executive, KernelMode, FALSE, NULL);   /* WAIT-4 */
    return STATUS_SUCCESS;
}

void TestWAIT4WaitAtDispatch(void)
{
    CHECK_EQ(Run(DispatchWaitEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckCode(), 0xC4);
    CHECK_EQ(BugcheckParam(0), 0x121);
}

static NTSTATUS MultipleEntry(PDRIVER_OBJECT D, PUNICODE_STRING P)
{
    KEVENT a, b;
    PVOID objs[2];
    KWAIT_BLOCK blocks[4];
    PVOID many[4];
    (VOID)D; (VOID)P;
    KeInitializeEvent(&a, NotificationEvent, FALSE);
    KeInitializeEvent(&b, SynchronizationEvent, TRUE);
    objs[0] = &a;
    objs[1] = &b;
    Seen[0] = KeWaitForMultipleObjects(2, objs, WaitAny, Executive, KernelMode, FALSE, NULL, NULL);
    Seen[1] = KeReadStateEvent(&b);                                   /* EV-4: consumed */
    KeSetEvent(&a, 0, FALSE);
    KeSetEvent(&b, 0, FALSE);
    Seen[2] = KeWaitForMultipleObjects(2, objs, WaitAll, Executive, KernelMode, FALSE, NULL, NULL);
    many[0] = many[1] = many[2] = many[3] = &a;
    (VOID)blocks;
    KeWaitForMultipleObjects(4, many, WaitAny, Executive, KernelMode, FALSE, NULL, NULL);  /* WAIT-10 */
    return STATUS_SUCCESS;
}

void TestWAIT10MultipleObjects(void)
{
    CHECK_EQ(Run(MultipleEntry), EmuOutcomeBugcheck);
    CHECK_EQ(Seen[0], 1);
    CHECK_EQ(Seen[1], 0);
    CHECK_EQ(Seen[2], STATUS_SUCCESS);
    CHECK_EQ(BugcheckCode(), 0xC);
}

static NTSTATUS DeadlockEntry(PDRIVER_OBJECT D, PUNICODE_STRING P);
static KMUTEX A, B;

static VOID Ab(PVOID C)
{
    (VOID)C;
    KeWaitForSingleObject(&A, Executive, KernelMode, FALSE, NULL);
    KeStallExecutionProcessor(10);
    KeWaitForSingleObject(&B, Executive, KernelMode, FALSE, NULL);
    KeReleaseMutex(&B, FALSE);
    KeReleaseMutex(&A, FALSE);
}

static VOID Ba(PVOID C)
{
    (VOID)C;
    KeWaitForSingleObject(&B, Executive, KernelMode, FALSE, NULL);
    KeStallExecutionProcessor(10);
    KeWaitForSingleObject(&A, Executive, KernelMode, FALSE, NULL);
    KeReleaseMutex(&A, FALSE);
    KeReleaseMutex(&B, FALSE);
}

static NTSTATUS DeadlockEntry(PDRIVER_OBJECT D, PUNICODE_STRING P)
{
    HANDLE h[2];
    (VOID)D; (VOID)P;
    KeInitializeMutex(&A, 0);
    KeInitializeMutex(&B, 0);
    h[0] = StartThread(Ab, NULL);
    h[1] = StartThread(Ba, NULL);
    JoinThreads(h, 2);
    return STATUS_SUCCESS;
}

void TestDV3LockOrderDeadlock(void)
{
    const EMU_RESULT *r;
    ULONG i, inCycle = 0;
    CHECK_EQ(Run(DeadlockEntry), EmuOutcomeDeadlock);
    r = EmuResult();
    CHECK(HasFinding(0x1001));
    CHECK_EQ(r->DeadlockCount, 3);                                    /* two workers and DriverEntry */
    for (i = 0; i < r->DeadlockCount; i++)
        inCycle += r->Deadlock[i].InCycle;
    CHECK_EQ(inCycle, 2);
}
