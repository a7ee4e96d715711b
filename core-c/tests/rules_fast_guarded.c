/*++
Module Name: rules_fast_guarded.c
Abstract: Rule tests for FAST_MUTEX (FM-n), guarded mutexes (GM-n) and
          critical and guarded regions (CR-n).
--*/
#include "harness.h"

static FAST_MUTEX F;
static KGUARDED_MUTEX G;
static ERESOURCE R;
static KMUTEX M;
static KEVENT Go;
static LONG64 V[16];
static LONG Order[8];
static LONG OrderCount;

/* FM-1, FM-6: a new fast mutex is free; a try takes it and raises to
   APC_LEVEL; a second try (even by the owner) fails without a wait or an
   IRQL change; the release restores the saved IRQL. */
static NTSTATUS TryEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    (VOID)Dr; (VOID)P;
    ExInitializeFastMutex(&F);
    V[0] = ExTryToAcquireFastMutex(&F);
    V[1] = KeGetCurrentIrql();
    V[2] = ExTryToAcquireFastMutex(&F);
    V[3] = KeGetCurrentIrql();
    ExReleaseFastMutex(&F);
    V[4] = KeGetCurrentIrql();
    return STATUS_SUCCESS;
}

void TestFM1TryAcquire(void)
{
    CHECK_EQ(Run(TryEntry), EmuOutcomeCompleted);
    CHECK_EQ(V[0], TRUE);
    CHECK_EQ(V[1], APC_LEVEL);
    CHECK_EQ(V[2], FALSE);
    CHECK_EQ(V[3], APC_LEVEL);
    CHECK_EQ(V[4], PASSIVE_LEVEL);
    CHECK(EmuResult()->FindingCount == 0);
}

/* FM-5, DV-8: another thread's release is a finding and restores the
   acquirer's saved IRQL; releasing the now free mutex is 0x1007. */
static VOID Owner(PVOID C)
{
    (VOID)C;
    ExAcquireFastMutex(&F);
    KeSetEvent(&Go, 0, FALSE);
    KeLowerIrql(PASSIVE_LEVEL);                                       /* leaves it held, at PASSIVE_LEVEL */
}

static NTSTATUS NonOwnerEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    HANDLE h;
    KIRQL old;
    (VOID)Dr; (VOID)P;
    ExInitializeFastMutex(&F);
    KeInitializeEvent(&Go, NotificationEvent, FALSE);
    h = StartThread(Owner, NULL);
    KeWaitForSingleObject(&Go, Executive, KernelMode, FALSE, NULL);
    JoinThreads(&h, 1);
    KeRaiseIrql(APC_LEVEL, &old);
    ExReleaseFastMutex(&F);                                           /* not the owner: released anyway */
    V[0] = KeGetCurrentIrql();
    V[1] = ExTryToAcquireFastMutex(&F);                               /* it is free now */
    ExReleaseFastMutex(&F);
    KeRaiseIrql(APC_LEVEL, &old);
    ExReleaseFastMutex(&F);                                           /* free: 0x1007 */
    KeLowerIrql(PASSIVE_LEVEL);
    return STATUS_SUCCESS;
}

void TestFM5ReleaseByNonOwner(void)
{
    CHECK_EQ(Run(NonOwnerEntry), EmuOutcomeCompleted);
    CHECK(HasFinding(0x1004));
    CHECK(HasFinding(0x1007));
    CHECK_EQ(V[0], PASSIVE_LEVEL);
    CHECK_EQ(V[1], TRUE);
}

/* FM-10 and GM-5: waiters are handed the mutex oldest first. */
static VOID FastWaiter(PVOID C)
{
    ExAcquireFastMutex(&F);
    Order[OrderCount++] = (LONG)(LONG_PTR)C;
    ExReleaseFastMutex(&F);
}

static VOID GuardedWaiter(PVOID C)
{
    KeAcquireGuardedMutex(&G);
    Order[OrderCount++] = (LONG)(LONG_PTR)C;
    KeReleaseGuardedMutex(&G);
}

static BOOLEAN UseGuarded;

/* Holds the mutex while the waiters queue one after another. */
static VOID Holder0(PVOID C)
{
    (VOID)C;
    if (UseGuarded)
        KeAcquireGuardedMutex(&G);
    else
        ExAcquireFastMutex(&F);
    KeSetEvent(&Go, 0, FALSE);
    KeStallExecutionProcessor(2000);
    if (UseGuarded)
        KeReleaseGuardedMutex(&G);
    else
        ExReleaseFastMutex(&F);
}

static NTSTATUS FifoEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    HANDLE h[4];
    LARGE_INTEGER step;
    LONG_PTR i;
    (VOID)Dr; (VOID)P;
    step.QuadPart = -1000;                                            /* 100 us */
    OrderCount = 0;
    ExInitializeFastMutex(&F);
    KeInitializeGuardedMutex(&G);
    KeInitializeEvent(&Go, NotificationEvent, FALSE);
    h[3] = StartThread(Holder0, NULL);
    KeWaitForSingleObject(&Go, Executive, KernelMode, FALSE, NULL);
    for (i = 0; i < 3; i++) {
        h[i] = StartThread(UseGuarded ? GuardedWaiter : FastWaiter, (PVOID)(i + 1));
        KeDelayExecutionThread(KernelMode, FALSE, &step);             /* each queues before the next starts */
    }
    JoinThreads(h, 4);
    return STATUS_SUCCESS;
}

void TestFM10HandOffOldestFirst(void)
{
    ULONG cpus;
    for (cpus = 2; cpus <= 4; cpus *= 2) {
        UseGuarded = FALSE;
        CHECK_EQ(RunOn(FifoEntry, cpus, EmuPolicyTimed, 1), EmuOutcomeCompleted);
        CHECK_EQ(OrderCount, 3);
        CHECK(Order[0] == 1 && Order[1] == 2 && Order[2] == 3);
    }
}

void TestGM5HandOffOldestFirst(void)
{
    ULONG cpus;
    for (cpus = 2; cpus <= 4; cpus *= 2) {
        UseGuarded = TRUE;
        CHECK_EQ(RunOn(FifoEntry, cpus, EmuPolicyTimed, 1), EmuOutcomeCompleted);
        CHECK_EQ(OrderCount, 3);
        CHECK(Order[0] == 1 && Order[1] == 2 && Order[2] == 3);
    }
}

/* FM-11, WAIT-1: a FAST_MUTEX is not a dispatcher object. */
static NTSTATUS WaitOnFastMutexEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    (VOID)Dr; (VOID)P;
    ExInitializeFastMutex(&F);
    KeWaitForSingleObject(&F, Executive, KernelMode, FALSE, NULL);
    return STATUS_SUCCESS;
}

void TestFM11NotDispatcherObject(void)
{
    CHECK_EQ(Run(WaitOnFastMutexEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckCode(), 0xC4);
    CHECK_EQ(BugcheckParam(0), 0xE1);
    CHECK_EQ(BugcheckParam(1), EmuGuestAddress(&F));
}

/* FM-9, GM-9, GM-8, CR-5: under a fast mutex (APC_LEVEL), a guarded mutex
   (guarded region) or a KMUTEX (critical region), normal kernel APCs are off,
   so an ERESOURCE may be used; once released, it may not (0xC4/0x37). */
static ULONG Holder;

static NTSTATUS ImplicitRegionEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    (VOID)Dr; (VOID)P;
    ExInitializeFastMutex(&F);
    KeInitializeGuardedMutex(&G);
    KeInitializeMutex(&M, 0);
    ExInitializeResourceLite(&R);
    if (Holder == 0)
        ExAcquireFastMutex(&F);
    else if (Holder == 1)
        KeAcquireGuardedMutex(&G);
    else
        KeWaitForSingleObject(&M, Executive, KernelMode, FALSE, NULL);
    ExAcquireResourceExclusiveLite(&R, TRUE);
    ExReleaseResourceLite(&R);
    V[Holder] = KeGetCurrentIrql();
    if (Holder == 0)
        ExReleaseFastMutex(&F);
    else if (Holder == 1)
        KeReleaseGuardedMutex(&G);
    else
        KeReleaseMutex(&M, FALSE);
    ExAcquireResourceExclusiveLite(&R, TRUE);                         /* no region now */
    return STATUS_SUCCESS;
}

void TestCR5ImplicitRegions(void)
{
    for (Holder = 0; Holder < 3; Holder++) {
        CHECK_EQ(Run(ImplicitRegionEntry), EmuOutcomeBugcheck);
        CHECK_EQ(BugcheckParam(0), 0x37);
        CHECK_EQ(BugcheckParam(2), 0);                                /* APC-disable count back to 0 */
    }
    CHECK_EQ(V[0], APC_LEVEL);                                        /* FM-9: a fast mutex is APC_LEVEL */
    CHECK_EQ(V[1], PASSIVE_LEVEL);                                    /* GM-8: a guarded region instead */
    CHECK_EQ(V[2], PASSIVE_LEVEL);
}

/* GM-1, GM-2, GM-4: acquire enters a guarded region without raising IRQL;
   the release leaves it (a further KeLeaveGuardedRegion is unbalanced). */
static NTSTATUS GuardedRegionEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    (VOID)Dr; (VOID)P;
    KeInitializeGuardedMutex(&G);
    V[0] = KeTryToAcquireGuardedMutex(&G);
    V[1] = KeGetCurrentIrql();
    KeReleaseGuardedMutex(&G);
    KeAcquireGuardedMutex(&G);
    KeReleaseGuardedMutex(&G);
    KeLeaveGuardedRegion();                                           /* not in one: 0xC4/0x3E */
    return STATUS_SUCCESS;
}

void TestGM1AcquireReleaseRegion(void)
{
    CHECK_EQ(Run(GuardedRegionEntry), EmuOutcomeBugcheck);
    CHECK_EQ(V[0], TRUE);
    CHECK_EQ(V[1], PASSIVE_LEVEL);
    CHECK_EQ(BugcheckParam(0), 0x3E);
}

/* GM-4, BC-30: leaving the guarded region the acquire entered, before the
   release, unbalances it: 0x1 APC_INDEX_MISMATCH with the combined count. */
static NTSTATUS GuardedUnbalancedEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    (VOID)Dr; (VOID)P;
    KeInitializeGuardedMutex(&G);
    KeAcquireGuardedMutex(&G);
    KeEnterGuardedRegion();
    KeReleaseGuardedMutex(&G);
    return STATUS_SUCCESS;
}

void TestGM4RegionsBalanced(void)
{
    CHECK_EQ(Run(GuardedUnbalancedEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckCode(), 0x1);
    CHECK_EQ(BugcheckParam(2), 0xFFFE0000);                           /* SpecialApcDisable -2, KernelApcDisable 0 */
}

/* GM-3, DV-2: acquiring a guarded mutex one holds is a self-deadlock finding,
   then a real deadlock. */
static NTSTATUS GuardedTwiceEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    (VOID)Dr; (VOID)P;
    KeInitializeGuardedMutex(&G);
    KeAcquireGuardedMutex(&G);
    KeAcquireGuardedMutex(&G);
    return STATUS_SUCCESS;
}

void TestGM3NotRecursive(void)
{
    CHECK_EQ(Run(GuardedTwiceEntry), EmuOutcomeDeadlock);
    CHECK(HasFinding(0x1000));
}

/* GM-6: a failed try leaves the guarded region it entered. */
static VOID Trier(PVOID C)
{
    (VOID)C;
    V[2] = KeTryToAcquireGuardedMutex(&G);                            /* exits with balanced counts: no 0x20 */
}

static NTSTATUS TryGuardedEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    HANDLE h;
    (VOID)Dr; (VOID)P;
    KeInitializeGuardedMutex(&G);
    KeAcquireGuardedMutex(&G);
    h = StartThread(Trier, NULL);
    JoinThreads(&h, 1);
    KeReleaseGuardedMutex(&G);
    return STATUS_SUCCESS;
}

void TestGM6TryFailsAndLeaves(void)
{
    V[2] = 7;
    CHECK_EQ(Run(TryGuardedEntry), EmuOutcomeCompleted);
    CHECK_EQ(V[2], FALSE);
}

/* CR-1, CR-2, BC-16: critical regions nest without changing IRQL; one leave
   too many is 0xC4/0x3E with zero parameters. */
static NTSTATUS NestEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    ULONG i;
    (VOID)Dr; (VOID)P;
    for (i = 0; i < 3; i++)
        KeEnterCriticalRegion();
    V[0] = KeGetCurrentIrql();
    for (i = 0; i < 4; i++)
        KeLeaveCriticalRegion();
    return STATUS_SUCCESS;
}

void TestCR1Nesting(void)
{
    CHECK_EQ(Run(NestEntry), EmuOutcomeBugcheck);
    CHECK_EQ(V[0], PASSIVE_LEVEL);
    CHECK_EQ(BugcheckParam(0), 0x3E);
    CHECK_EQ(BugcheckParam(1), 0);
    CHECK_EQ(BugcheckParam(2), 0);
    CHECK_EQ(BugcheckParam(3), 0);
}

/* CR-3, BC-22: a guarded region at DISPATCH_LEVEL is 0x11A; leaving a
   critical region there is 0x11B. */
static ULONG RegionMode;

static NTSTATUS RegionAtDispatchEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    KIRQL old;
    (VOID)Dr; (VOID)P;
    KeEnterGuardedRegion();
    KeLeaveGuardedRegion();
    KeEnterCriticalRegion();
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    if (RegionMode == 0)
        KeEnterGuardedRegion();
    else
        KeLeaveCriticalRegion();
    return STATUS_SUCCESS;
}

void TestCR3RegionsAboveApc(void)
{
    RegionMode = 0;
    CHECK_EQ(Run(RegionAtDispatchEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckParam(0), 0x11A);
    CHECK_EQ(BugcheckParam(1), DISPATCH_LEVEL);
    RegionMode = 1;
    CHECK_EQ(Run(RegionAtDispatchEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckParam(0), 0x11B);
}

/* BC-11, BC-12, BC-15: the fast mutex IRQL checks' parameters. */
static ULONG FastMode;

static NTSTATUS FastIrqlEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    KIRQL old;
    (VOID)Dr; (VOID)P;
    ExInitializeFastMutex(&F);
    if (FastMode == 0) {
        KeRaiseIrql(DISPATCH_LEVEL, &old);
        ExAcquireFastMutex(&F);
    } else if (FastMode == 1) {
        ExAcquireFastMutex(&F);
        KeLowerIrql(PASSIVE_LEVEL);
        ExReleaseFastMutex(&F);
    } else if (FastMode == 2) {
        ExAcquireFastMutexUnsafe(&F);                                 /* PASSIVE_LEVEL, APCs on */
    } else {
        KeEnterCriticalRegion();
        ExAcquireFastMutexUnsafe(&F);
        KeLeaveCriticalRegion();
        ExReleaseFastMutexUnsafe(&F);
    }
    return STATUS_SUCCESS;
}

void TestBC11FastMutexIrql(void)
{
    static const ULONG codes[4] = { 0x33, 0x34, 0x39, 0x3A };
    for (FastMode = 0; FastMode < 4; FastMode++) {
        CHECK_EQ(Run(FastIrqlEntry), EmuOutcomeBugcheck);
        CHECK_EQ(BugcheckParam(0), codes[FastMode]);
        if (FastMode < 2) {
            CHECK_EQ(BugcheckParam(1), FastMode == 0 ? DISPATCH_LEVEL : PASSIVE_LEVEL);
            CHECK_EQ(BugcheckParam(2), EmuGuestAddress(&F));
        } else {
            CHECK_EQ(BugcheckParam(1), PASSIVE_LEVEL);
            CHECK_EQ(BugcheckParam(2), 0);                            /* APC-disable count */
            CHECK_EQ(BugcheckParam(3), EmuGuestAddress(&F));
        }
    }
}
