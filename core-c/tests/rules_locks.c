/*++
Module Name: rules_locks.c
Abstract: Rule tests for fast mutexes (FM-n), spin locks (SL-n), DPCs (DPC-n),
          IRQL (IRQL-n) and ERESOURCE (RES-n).
--*/
#include "harness.h"

static FAST_MUTEX F;
static KSPIN_LOCK L;
static KDPC Dpc;
static ERESOURCE R;
static LONG Got[8];

static NTSTATUS FastSelfEntry(PDRIVER_OBJECT D, PUNICODE_STRING P)
{
    (VOID)D; (VOID)P;
    ExInitializeFastMutex(&F);
    ExAcquireFastMutex(&F);
    Got[0] = KeGetCurrentIrql();                                      /* FM-2: APC_LEVEL */
    Got[1] = ExTryToAcquireFastMutex(&F);                             /* FM-6: FALSE, even for the owner */
    ExAcquireFastMutex(&F);                                           /* FM-3: waits for itself */
    return STATUS_SUCCESS;
}

void TestFM3SelfDeadlock(void)
{
    CHECK_EQ(Run(FastSelfEntry), EmuOutcomeDeadlock);
    CHECK_EQ(Got[0], APC_LEVEL);
    CHECK_EQ(Got[1], FALSE);
    CHECK(HasFinding(0x1000));
    CHECK_EQ(EmuResult()->DeadlockCount, 1);
    CHECK(EmuResult()->Deadlock[0].InCycle);
}

static NTSTATUS FastIrqlEntry(PDRIVER_OBJECT D, PUNICODE_STRING P)
{
    KIRQL old;
    (VOID)D; (VOID)P;
    ExInitializeFastMutex(&F);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    ExAcquireFastMutex(&F);                                           /* FM-2, BC-11 */
    return STATUS_SUCCESS;
}

void TestFM2AcquireAtDispatch(void)
{
    CHECK_EQ(Run(FastIrqlEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckCode(), 0xC4);
    CHECK_EQ(BugcheckParam(0), 0x33);
    CHECK_EQ(BugcheckParam(1), DISPATCH_LEVEL);
}

static NTSTATUS FastReleaseEntry(PDRIVER_OBJECT D, PUNICODE_STRING P)
{
    (VOID)D; (VOID)P;
    ExInitializeFastMutex(&F);
    ExAcquireFastMutex(&F);
    KeLowerIrql(PASSIVE_LEVEL);
    ExReleaseFastMutex(&F);                                           /* FM-4, BC-12 */
    return STATUS_SUCCESS;
}

void TestFM4ReleaseAtWrongIrql(void)
{
    CHECK_EQ(Run(FastReleaseEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckParam(0), 0x34);
    CHECK_EQ(BugcheckParam(1), PASSIVE_LEVEL);
}

static VOID DpcRoutine(PKDPC Dpc_, PVOID Context, PVOID A1, PVOID A2)
{
    (VOID)Dpc_; (VOID)Context; (VOID)A2;
    Got[2] = KeGetCurrentIrql();                                      /* DPC-4 */
    KeAcquireSpinLockAtDpcLevel(&L);
    Got[3] += (LONG)(ULONG_PTR)A1;
    KeReleaseSpinLockFromDpcLevel(&L);
}

static NTSTATUS DpcEntry(PDRIVER_OBJECT D, PUNICODE_STRING P)
{
    KIRQL old;
    (VOID)D; (VOID)P;
    Got[3] = 0;
    KeInitializeSpinLock(&L);
    KeInitializeDpc(&Dpc, DpcRoutine, NULL);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    Got[0] = KeInsertQueueDpc(&Dpc, (PVOID)5, NULL);
    Got[1] = KeInsertQueueDpc(&Dpc, (PVOID)7, NULL);                  /* DPC-2: already queued */
    Got[4] = Got[3];                                                  /* not run yet at DISPATCH_LEVEL */
    KeLowerIrql(old);                                                 /* IRQL-5: runs now */
    Got[5] = Got[3];
    return STATUS_SUCCESS;
}

void TestDPC2QueueOnceAndRunOnLower(void)
{
    CHECK_EQ(Run(DpcEntry), EmuOutcomeCompleted);
    CHECK_EQ(Got[0], TRUE);
    CHECK_EQ(Got[1], FALSE);
    CHECK_EQ(Got[2], DISPATCH_LEVEL);
    CHECK_EQ(Got[4], 0);
    CHECK_EQ(Got[5], 5);
}

static VOID WaitingDpc(PKDPC Dpc_, PVOID Context, PVOID A1, PVOID A2)
{
    KEVENT e;
    (VOID)Dpc_; (VOID)Context; (VOID)A1; (VOID)A2;
    KeInitializeEvent(&e, NotificationEvent, FALSE);
    KeWaitForSingleObject(&e, Executive, KernelMode, FALSE, NULL);   /* DPC-5 */
}

static NTSTATUS DpcWaitEntry(PDRIVER_OBJECT D, PUNICODE_STRING P)
{
    (VOID)D; (VOID)P;
    KeInitializeDpc(&Dpc, WaitingDpc, NULL);
    KeInsertQueueDpc(&Dpc, NULL, NULL);
    return STATUS_SUCCESS;
}

void TestDPC5WaitInDpc(void)
{
    CHECK_EQ(Run(DpcWaitEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckCode(), 0xC4);
    CHECK_EQ(BugcheckParam(0), 0x121);
}

static NTSTATUS SpinDoubleReleaseEntry(PDRIVER_OBJECT D, PUNICODE_STRING P)
{
    KIRQL old;
    (VOID)D; (VOID)P;
    KeInitializeSpinLock(&L);
    KeAcquireSpinLock(&L, &old);
    Got[0] = KeGetCurrentIrql();                                      /* SL-2 */
    KeReleaseSpinLock(&L, old);
    Got[1] = KeGetCurrentIrql();
    KeReleaseSpinLock(&L, old);                                       /* SL-3, BC-10 */
    return STATUS_SUCCESS;
}

void TestSL3DoubleRelease(void)
{
    CHECK_EQ(Run(SpinDoubleReleaseEntry), EmuOutcomeBugcheck);
    CHECK_EQ(Got[0], DISPATCH_LEVEL);
    CHECK_EQ(Got[1], PASSIVE_LEVEL);
    CHECK_EQ(BugcheckCode(), 0xC4);
    CHECK_EQ(BugcheckParam(0), 0x32);
}

static NTSTATUS SpinSelfEntry(PDRIVER_OBJECT D, PUNICODE_STRING P)
{
    KIRQL old, old2;
    (VOID)D; (VOID)P;
    KeInitializeSpinLock(&L);
    KeAcquireSpinLock(&L, &old);
    KeAcquireSpinLock(&L, &old2);                                     /* SL-6: spins forever */
    return STATUS_SUCCESS;
}

void TestSL6RecursiveAcquire(void)
{
    CHECK_EQ(Run(SpinSelfEntry), EmuOutcomeDeadlock);
    CHECK(HasFinding(0x1000));
}

static VOID Spinner(PVOID C)
{
    ULONG i;
    (VOID)C;
    for (i = 0; i < 100; i++) {
        KIRQL old;
        KeAcquireSpinLock(&L, &old);
        Got[6]++;
        KeReleaseSpinLock(&L, old);
    }
}

static NTSTATUS SpinContendedEntry(PDRIVER_OBJECT D, PUNICODE_STRING P)
{
    HANDLE h[4];
    ULONG i;
    (VOID)D; (VOID)P;
    Got[6] = 0;
    KeInitializeSpinLock(&L);
    for (i = 0; i < 4; i++)
        h[i] = StartThread(Spinner, NULL);
    JoinThreads(h, 4);
    return STATUS_SUCCESS;
}

void TestSL8ContendedSpinLock(void)
{
    EMU_POLICY p;
    for (p = EmuPolicyTimed; p <= EmuPolicyPct; p++) {
        CHECK_EQ(RunOn(SpinContendedEntry, 4, p, 11), EmuOutcomeCompleted);
        CHECK_EQ(Got[6], 400);
    }
}

static NTSTATUS IrqlRaiseEntry(PDRIVER_OBJECT D, PUNICODE_STRING P)
{
    KIRQL old;
    (VOID)D; (VOID)P;
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    KeRaiseIrql(APC_LEVEL, &old);                                     /* IRQL-3: lower than current */
    return STATUS_SUCCESS;
}

void TestIRQL3RaiseBelowCurrent(void)
{
    CHECK_EQ(Run(IrqlRaiseEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckParam(0), 0x30);
    CHECK_EQ(BugcheckParam(1), DISPATCH_LEVEL);
    CHECK_EQ(BugcheckParam(2), APC_LEVEL);
}

static NTSTATUS IrqlLowerEntry(PDRIVER_OBJECT D, PUNICODE_STRING P)
{
    (VOID)D; (VOID)P;
    KeLowerIrql(APC_LEVEL);                                           /* IRQL-4: above current */
    return STATUS_SUCCESS;
}

void TestIRQL4LowerAboveCurrent(void)
{
    CHECK_EQ(Run(IrqlLowerEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckParam(0), 0x31);
}

static VOID Reader(PVOID C)
{
    (VOID)C;
    KeEnterCriticalRegion();
    ExAcquireResourceSharedLite(&R, TRUE);
    InterlockedIncrement(&Got[0]);
    KeStallExecutionProcessor(20);
    ExReleaseResourceLite(&R);
    KeLeaveCriticalRegion();
}

static NTSTATUS ResourceEntry(PDRIVER_OBJECT D, PUNICODE_STRING P)
{
    HANDLE h[3];
    ULONG i;
    (VOID)D; (VOID)P;
    Got[0] = 0;
    ExInitializeResourceLite(&R);
    KeEnterCriticalRegion();
    ExAcquireResourceExclusiveLite(&R, TRUE);
    Got[1] = ExAcquireResourceExclusiveLite(&R, FALSE);               /* RES-3: recursive */
    for (i = 0; i < 3; i++)
        h[i] = StartThread(Reader, NULL);
    KeStallExecutionProcessor(30);
    Got[2] = Got[0];                                                  /* readers wait for the writer */
    ExReleaseResourceLite(&R);
    ExReleaseResourceLite(&R);
    KeLeaveCriticalRegion();
    JoinThreads(h, 3);
    ExDeleteResourceLite(&R);
    KeEnterCriticalRegion();
    ExReleaseResourceLite(&R);                                        /* RES-1: deleted */
    return STATUS_SUCCESS;
}

void TestRES5SharedAfterExclusive(void)
{
    CHECK_EQ(RunOn(ResourceEntry, 4, EmuPolicyTimed, 1), EmuOutcomeBugcheck);
    CHECK_EQ(Got[1], TRUE);
    CHECK_EQ(Got[2], 0);
    CHECK_EQ(Got[0], 3);
    CHECK_EQ(BugcheckCode(), 0xC4);
    CHECK_EQ(BugcheckParam(0), 0xD1);
}

static NTSTATUS ResourceApcEntry(PDRIVER_OBJECT D, PUNICODE_STRING P)
{
    (VOID)D; (VOID)P;
    ExInitializeResourceLite(&R);
    ExAcquireResourceExclusiveLite(&R, TRUE);                         /* RES-2: APCs enabled */
    return STATUS_SUCCESS;
}

void TestRES2NeedsCriticalRegion(void)
{
    CHECK_EQ(Run(ResourceApcEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckParam(0), 0x37);
}
