/*++
Module Name: rules_irql_kmutex.c
Abstract: Rule tests for IRQL (IRQL-n) and the KMUTEX state rules (KM-n)
          not covered by rules_kmutex.c.
--*/
#include "harness.h"

static KMUTEX M;
static KEVENT E;
static KDPC D;
static LONG64 V[16];

/* IRQL-1: the x64 levels, and HIGH_LEVEL is the top. */
static NTSTATUS LevelsEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    KIRQL old;
    (VOID)Dr; (VOID)P;
    V[0] = PASSIVE_LEVEL == 0 && LOW_LEVEL == 0 && APC_LEVEL == 1 && DISPATCH_LEVEL == 2 && CMCI_LEVEL == 5 &&
           SYNCH_LEVEL == 12 && CLOCK_LEVEL == 13 && IPI_LEVEL == 14 && PROFILE_LEVEL == 15 && HIGH_LEVEL == 15;
    KeRaiseIrql(HIGH_LEVEL, &old);
    V[1] = KeGetCurrentIrql();
    KeLowerIrql(old);
    KeRaiseIrql(HIGH_LEVEL + 1, &old);                                /* above HIGH_LEVEL: 0xC4/0x30 */
    return STATUS_SUCCESS;
}

void TestIRQL1Levels(void)
{
    CHECK_EQ(Run(LevelsEntry), EmuOutcomeBugcheck);
    CHECK_EQ(V[0], 1);
    CHECK_EQ(V[1], 15);
    CHECK_EQ(BugcheckParam(0), 0x30);
    CHECK_EQ(BugcheckParam(2), 16);
}

/* IRQL-2, IRQL-5: DISPATCH_LEVEL masks DPCs on this CPU, APC_LEVEL does not;
   lowering below DISPATCH_LEVEL runs the queued DPC. */
static VOID CountDpc(PKDPC Dpc, PVOID C, PVOID A1, PVOID A2)
{
    (VOID)Dpc; (VOID)C; (VOID)A1; (VOID)A2;
    V[8] = KeGetCurrentIrql();
    V[9]++;
}

static NTSTATUS MaskEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    KIRQL old;
    (VOID)Dr; (VOID)P;
    V[9] = 0;
    KeInitializeDpc(&D, CountDpc, NULL);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    KeInsertQueueDpc(&D, NULL, NULL);
    V[0] = V[9];                                                      /* not yet */
    KeLowerIrql(old);
    V[1] = V[9];                                                      /* ran on lowering */
    KeRaiseIrql(APC_LEVEL, &old);
    KeInsertQueueDpc(&D, NULL, NULL);
    V[2] = V[9];                                                      /* APC_LEVEL does not mask it */
    KeLowerIrql(old);
    return STATUS_SUCCESS;
}

void TestIRQL2DispatchMasksDpcs(void)
{
    CHECK_EQ(Run(MaskEntry), EmuOutcomeCompleted);
    CHECK_EQ(V[0], 0);
    CHECK_EQ(V[1], 1);
    CHECK_EQ(V[2], 2);
    CHECK_EQ(V[8], DISPATCH_LEVEL);
}

/* IRQL-6: which routines change IRQL, and to what. */
static KSPIN_LOCK L;
static FAST_MUTEX F;
static KGUARDED_MUTEX G;

static VOID LevelDpc(PKDPC Dpc, PVOID C, PVOID A1, PVOID A2)
{
    (VOID)Dpc; (VOID)C; (VOID)A1; (VOID)A2;
    V[10] = KeGetCurrentIrql();
}

static VOID LevelThread(PVOID C)
{
    (VOID)C;
    V[11] = KeGetCurrentIrql();
}

static NTSTATUS ChangesEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    KIRQL old;
    HANDLE h;
    LARGE_INTEGER zero;
    (VOID)Dr; (VOID)P;
    zero.QuadPart = 0;
    V[12] = KeGetCurrentIrql();                                       /* DriverEntry: PASSIVE_LEVEL */
    KeInitializeSpinLock(&L);
    KeAcquireSpinLock(&L, &old);
    V[0] = KeGetCurrentIrql();
    KeReleaseSpinLock(&L, old);
    V[1] = KeGetCurrentIrql();
    ExInitializeFastMutex(&F);
    ExAcquireFastMutex(&F);
    V[2] = KeGetCurrentIrql();
    ExReleaseFastMutex(&F);
    V[3] = KeGetCurrentIrql();
    KeInitializeGuardedMutex(&G);
    KeAcquireGuardedMutex(&G);
    V[4] = KeGetCurrentIrql();
    KeReleaseGuardedMutex(&G);
    KeInitializeMutex(&M, 0);
    KeWaitForSingleObject(&M, Executive, KernelMode, FALSE, NULL);
    V[5] = KeGetCurrentIrql();
    KeReleaseMutex(&M, TRUE);
    V[6] = KeGetCurrentIrql();                                        /* Wait = TRUE: DISPATCH_LEVEL until the wait */
    KeWaitForSingleObject(&M, Executive, KernelMode, FALSE, &zero);
    V[7] = KeGetCurrentIrql();
    KeReleaseMutex(&M, FALSE);
    old = KeRaiseIrqlToDpcLevel();
    V[13] = (LONG64)old * 10 + KeGetCurrentIrql();
    KeLowerIrql(old);
    KeInitializeDpc(&D, LevelDpc, NULL);
    KeInsertQueueDpc(&D, NULL, NULL);
    h = StartThread(LevelThread, NULL);
    JoinThreads(&h, 1);
    return STATUS_SUCCESS;
}

void TestIRQL6WhatChangesIrql(void)
{
    CHECK_EQ(Run(ChangesEntry), EmuOutcomeCompleted);
    CHECK_EQ(V[12], PASSIVE_LEVEL);
    CHECK_EQ(V[0], DISPATCH_LEVEL);
    CHECK_EQ(V[1], PASSIVE_LEVEL);
    CHECK_EQ(V[2], APC_LEVEL);
    CHECK_EQ(V[3], PASSIVE_LEVEL);
    CHECK_EQ(V[4], PASSIVE_LEVEL);
    CHECK_EQ(V[5], PASSIVE_LEVEL);
    CHECK_EQ(V[6], DISPATCH_LEVEL);
    CHECK_EQ(V[7], PASSIVE_LEVEL);
    CHECK_EQ(V[13], 2);                                               /* old 0, now 2 */
    CHECK_EQ(V[10], DISPATCH_LEVEL);
    CHECK_EQ(V[11], PASSIVE_LEVEL);
}

/* IRQL-8, BC-37: a DPC routine that returns above DISPATCH_LEVEL. */
static VOID RaisingDpc(PKDPC Dpc, PVOID C, PVOID A1, PVOID A2)
{
    KIRQL old;
    (VOID)Dpc; (VOID)C; (VOID)A1; (VOID)A2;
    KeRaiseIrql(HIGH_LEVEL, &old);
}

static NTSTATUS RaisingDpcEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    (VOID)Dr; (VOID)P;
    KeInitializeDpc(&D, RaisingDpc, NULL);
    KeInsertQueueDpc(&D, NULL, NULL);
    return STATUS_SUCCESS;
}

void TestIRQL8DpcReturnsRaised(void)
{
    CHECK_EQ(Run(RaisingDpcEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckCode(), 0xC8);
    CHECK_EQ(BugcheckParam(0) >> 8, (HIGH_LEVEL << 8) | DISPATCH_LEVEL);   /* current, expected */
    CHECK_EQ(BugcheckParam(1), 0);
}

/* BC-8, BC-9: the raise and lower checks' parameters. */
static NTSTATUS LowerAboveEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    KIRQL old;
    (VOID)Dr; (VOID)P;
    KeRaiseIrql(APC_LEVEL, &old);
    KeLowerIrql(DISPATCH_LEVEL);
    return STATUS_SUCCESS;
}

static NTSTATUS RaiseBelowEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    KIRQL old;
    (VOID)Dr; (VOID)P;
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    KeRaiseIrql(APC_LEVEL, &old);
    return STATUS_SUCCESS;
}

static VOID LoweringDpc(PKDPC Dpc, PVOID C, PVOID A1, PVOID A2)
{
    (VOID)Dpc; (VOID)C; (VOID)A1; (VOID)A2;
    KeLowerIrql(PASSIVE_LEVEL);
}

static NTSTATUS LoweringDpcEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    (VOID)Dr; (VOID)P;
    KeInitializeDpc(&D, LoweringDpc, NULL);
    KeInsertQueueDpc(&D, NULL, NULL);
    return STATUS_SUCCESS;
}

void TestBC8BC9RaiseLowerParameters(void)
{
    CHECK_EQ(Run(RaiseBelowEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckParam(0), 0x30);
    CHECK_EQ(BugcheckParam(1), DISPATCH_LEVEL);
    CHECK_EQ(BugcheckParam(2), APC_LEVEL);
    CHECK_EQ(BugcheckParam(3), 0);
    CHECK_EQ(Run(LowerAboveEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckParam(0), 0x31);
    CHECK_EQ(BugcheckParam(1), APC_LEVEL);
    CHECK_EQ(BugcheckParam(2), DISPATCH_LEVEL);
    CHECK_EQ(BugcheckParam(3), 0);
    CHECK_EQ(Run(LoweringDpcEntry), EmuOutcomeBugcheck);             /* inside a DPC: p4 = 1 */
    CHECK_EQ(BugcheckParam(0), 0x31);
    CHECK_EQ(BugcheckParam(3), 1);
}

/* KM-1, KM-10: initial state and KeReadStateMutex; KM-2: a wait-any on the
   mutex acquires it too. */
static NTSTATUS StateEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    PVOID objects[2];
    (VOID)Dr; (VOID)P;
    KeInitializeEvent(&E, NotificationEvent, FALSE);
    KeInitializeMutex(&M, 7);                                         /* the level is ignored */
    V[0] = KeReadStateMutex(&M);
    objects[0] = &E;
    objects[1] = &M;
    V[1] = KeWaitForMultipleObjects(2, objects, WaitAny, Executive, KernelMode, FALSE, NULL, NULL);
    V[2] = KeReadStateMutex(&M);
    KeWaitForSingleObject(&M, Executive, KernelMode, FALSE, NULL);
    KeWaitForSingleObject(&M, Executive, KernelMode, FALSE, NULL);
    V[3] = KeReadStateMutex(&M);
    KeReleaseMutex(&M, FALSE);
    KeReleaseMutex(&M, FALSE);
    V[4] = KeReleaseMutex(&M, FALSE);
    V[5] = KeReadStateMutex(&M);
    return STATUS_SUCCESS;
}

void TestKM1InitialState(void)
{
    CHECK_EQ(Run(StateEntry), EmuOutcomeCompleted);
    CHECK_EQ(V[0], 1);
    CHECK_EQ(V[1], STATUS_WAIT_0 + 1);
    CHECK_EQ(V[2], 0);
    CHECK_EQ(V[3], -2);
    CHECK_EQ(V[4], 0);
    CHECK_EQ(V[5], 1);
}

/* KM-5, KM-6: the release returns the state before it; the last release
   hands the mutex to the waiter, which then owns it. */
static VOID Waiter(PVOID C)
{
    (VOID)C;
    KeSetEvent(&E, 0, FALSE);
    V[6] = KeWaitForSingleObject(&M, Executive, KernelMode, FALSE, NULL);
    V[7] = KeReadStateMutex(&M);
    V[8] = KeReleaseMutex(&M, FALSE);                                 /* its own: no exception */
}

static NTSTATUS HandOffEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    HANDLE h;
    LARGE_INTEGER later;
    (VOID)Dr; (VOID)P;
    later.QuadPart = -2000;
    KeInitializeMutex(&M, 0);
    KeInitializeEvent(&E, NotificationEvent, FALSE);
    KeWaitForSingleObject(&M, Executive, KernelMode, FALSE, NULL);
    h = StartThread(Waiter, NULL);
    KeWaitForSingleObject(&E, Executive, KernelMode, FALSE, NULL);
    KeDelayExecutionThread(KernelMode, FALSE, &later);                /* the waiter blocks on M */
    V[0] = KeReleaseMutex(&M, FALSE);
    JoinThreads(&h, 1);
    V[1] = KeReadStateMutex(&M);
    return STATUS_SUCCESS;
}

void TestKM5ReleaseHandsOver(void)
{
    CHECK_EQ(Run(HandOffEntry), EmuOutcomeCompleted);
    CHECK_EQ(V[0], 0);
    CHECK_EQ(V[6], STATUS_SUCCESS);
    CHECK_EQ(V[7], 0);
    CHECK_EQ(V[8], 0);
    CHECK_EQ(V[1], 1);
}

/* KM-9: without boosts, the owner's priority after the last release is the one it had. */
static NTSTATUS PriorityEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    PKTHREAD me = KeGetCurrentThread();
    (VOID)Dr; (VOID)P;
    KeSetPriorityThread(me, 9);
    KeInitializeMutex(&M, 0);
    KeWaitForSingleObject(&M, Executive, KernelMode, FALSE, NULL);
    KeWaitForSingleObject(&M, Executive, KernelMode, FALSE, NULL);
    KeReleaseMutex(&M, FALSE);
    KeReleaseMutex(&M, FALSE);
    V[0] = KeQueryPriorityThread(me);
    return STATUS_SUCCESS;
}

void TestKM9PriorityRestored(void)
{
    CHECK_EQ(Run(PriorityEntry), EmuOutcomeCompleted);
    CHECK_EQ(V[0], 9);
}

/* KM-12, BC-45: a thread that ends owning a KMUTEX after rebalancing its
   APC count by hand reaches THREAD_TERMINATE_HELD_MUTEX (thread, mutex). */
static VOID ExitOwner(PVOID C)
{
    (VOID)C;
    V[0] = (LONG64)EmuGuestAddress(KeGetCurrentThread());
    KeWaitForSingleObject(&M, Executive, KernelMode, FALSE, NULL);
    KeLeaveCriticalRegion();                                          /* hides the owned mutex from THR-4 (b) */
}

static NTSTATUS ExitOwnerEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    HANDLE h;
    (VOID)Dr; (VOID)P;
    KeInitializeMutex(&M, 0);
    h = StartThread(ExitOwner, NULL);
    JoinThreads(&h, 1);
    return STATUS_SUCCESS;
}

void TestKM12ExitOwningMutex(void)
{
    CHECK_EQ(Run(ExitOwnerEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckCode(), 0x4000008A);
    CHECK_EQ(BugcheckParam(0), (ULONG64)V[0]);
    CHECK_EQ(BugcheckParam(1), EmuGuestAddress(&M));
    CHECK(HasFinding(0x100A));                                        /* DV-10 first */
}
