/*++
Module Name: rules_variants.c
Abstract: Rule tests for the variants of the lock routines: in-stack queued
          spin locks (SL-8), the Unsafe guarded mutex (GM-7) and fast mutex
          with its critical region (FM-7), the ERESOURCE shared variants and
          release on behalf of another thread (RES-4, RES-6), and
          ExAllocatePoolWithTag (POOL-1, POOL-2).
--*/
#include "harness.h"

static KSPIN_LOCK L;
static KGUARDED_MUTEX G;
static FAST_MUTEX F;
static ERESOURCE R;
static LONG Got[8];
static LONG Order[4], OrderCount;
static ERESOURCE_THREAD Owner;

/* Thread i asks at i x 50 us while the lock is held for 1 ms. */
static VOID QueuedWaiter(PVOID Context)
{
    KLOCK_QUEUE_HANDLE h;
    LONG i = (LONG)(LONG_PTR)Context;
    KeStallExecutionProcessor((ULONG)i * 50);
    KeAcquireInStackQueuedSpinLock(&L, &h);
    Order[OrderCount++] = i;
    KeReleaseInStackQueuedSpinLock(&h);
}

static NTSTATUS QueuedEntry(PDRIVER_OBJECT D, PUNICODE_STRING P)
{
    KLOCK_QUEUE_HANDLE h;
    HANDLE threads[3];
    LONG i;
    (VOID)D; (VOID)P;
    OrderCount = 0;
    KeInitializeSpinLock(&L);
    KeAcquireInStackQueuedSpinLock(&L, &h);
    Got[0] = KeGetCurrentIrql();
    KeReleaseInStackQueuedSpinLock(&h);
    Got[1] = KeGetCurrentIrql();                                      /* restored from the handle */
    for (i = 0; i < 3; i++)
        threads[i] = StartThread(QueuedWaiter, (PVOID)(LONG_PTR)(3 - i));   /* created in reverse */
    KeRaiseIrql(DISPATCH_LEVEL, (PKIRQL)&Got[2]);
    KeAcquireInStackQueuedSpinLockAtDpcLevel(&L, &h);
    KeStallExecutionProcessor(1000);
    KeReleaseInStackQueuedSpinLockFromDpcLevel(&h);
    KeLowerIrql(PASSIVE_LEVEL);
    JoinThreads(threads, 3);
    return STATUS_SUCCESS;
}

void TestSL8QueuedSpinLockFifo(void)
{
    CHECK_EQ(RunOn(QueuedEntry, 4, EmuPolicyTimed, 1), EmuOutcomeCompleted);
    CHECK_EQ(Got[0], DISPATCH_LEVEL);
    CHECK_EQ(Got[1], PASSIVE_LEVEL);
    CHECK_EQ(OrderCount, 3);
    CHECK_EQ(Order[0], 1);                                            /* in the order they asked */
    CHECK_EQ(Order[1], 2);
    CHECK_EQ(Order[2], 3);
}

static NTSTATUS QueuedTwiceEntry(PDRIVER_OBJECT D, PUNICODE_STRING P)
{
    KLOCK_QUEUE_HANDLE h;
    (VOID)D; (VOID)P;
    KeInitializeSpinLock(&L);
    KeAcquireInStackQueuedSpinLock(&L, &h);
    KeReleaseInStackQueuedSpinLock(&h);
    KeRaiseIrql(DISPATCH_LEVEL, (PKIRQL)&Got[0]);
    KeReleaseInStackQueuedSpinLockFromDpcLevel(&h);                   /* the handle holds nothing now */
    return STATUS_SUCCESS;
}

void TestSL3QueuedDoubleRelease(void)
{
    CHECK_EQ(Run(QueuedTwiceEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckCode(), 0x10);
}

static NTSTATUS GuardedUnsafeEntry(PDRIVER_OBJECT D, PUNICODE_STRING P)
{
    (VOID)D; (VOID)P;
    KeInitializeGuardedMutex(&G);
    KeEnterGuardedRegion();
    KeAcquireGuardedMutexUnsafe(&G);
    Got[0] = KeGetCurrentIrql();                                      /* GM-7: IRQL unchanged */
    Got[1] = KeTryToAcquireGuardedMutex(&G);                          /* held */
    KeReleaseGuardedMutexUnsafe(&G);
    KeLeaveGuardedRegion();
    KeAcquireGuardedMutexUnsafe(&G);                                  /* no region, PASSIVE_LEVEL */
    return STATUS_SUCCESS;
}

void TestGM7UnsafeNeedsRegion(void)
{
    CHECK_EQ(Run(GuardedUnsafeEntry), EmuOutcomeBugcheck);
    CHECK_EQ(Got[0], PASSIVE_LEVEL);
    CHECK_EQ(Got[1], FALSE);
    CHECK_EQ(BugcheckCode(), 0xC4);
    CHECK_EQ(BugcheckParam(0), 0x39);
}

static VOID RegionWorker(PVOID Context)
{
    (VOID)Context;
    ExEnterCriticalRegionAndAcquireFastMutexUnsafe(&F);
    Got[2] += KeGetCurrentIrql() == PASSIVE_LEVEL;                    /* FM-7: no raise */
    Got[3]++;
    ExReleaseFastMutexUnsafeAndLeaveCriticalRegion(&F);
}

static NTSTATUS RegionEntry(PDRIVER_OBJECT D, PUNICODE_STRING P)
{
    HANDLE threads[2];
    (VOID)D; (VOID)P;
    Got[2] = Got[3] = 0;
    ExInitializeFastMutex(&F);
    threads[0] = StartThread(RegionWorker, NULL);
    threads[1] = StartThread(RegionWorker, NULL);
    JoinThreads(threads, 2);                                          /* exits with balanced regions */
    return STATUS_SUCCESS;
}

void TestFM7CriticalRegionAndUnsafe(void)
{
    EMU_POLICY p;
    for (p = EmuPolicyTimed; p <= EmuPolicyPct; p++) {
        CHECK_EQ(RunOn(RegionEntry, 2, p, 5), EmuOutcomeCompleted);
        CHECK_EQ(Got[2], 2);
        CHECK_EQ(Got[3], 2);
    }
}

static VOID ExclusiveWaiter(PVOID Context)
{
    (VOID)Context;
    KeEnterCriticalRegion();
    ExAcquireResourceExclusiveLite(&R, TRUE);
    Got[5] = 1;
    ExReleaseResourceLite(&R);
    KeLeaveCriticalRegion();
}

static VOID SharedAsker(PVOID Context)
{
    (VOID)Context;
    KeEnterCriticalRegion();
    Got[1] = ExAcquireResourceSharedLite(&R, FALSE);                  /* RES-4: not past a writer */
    Got[2] = ExAcquireSharedStarveExclusive(&R, FALSE);               /* past it */
    if (Got[2])
        ExReleaseResourceLite(&R);
    KeLeaveCriticalRegion();
}

static NTSTATUS SharedVariantsEntry(PDRIVER_OBJECT D, PUNICODE_STRING P)
{
    HANDLE writer, asker;
    LARGE_INTEGER pause;
    (VOID)D; (VOID)P;
    pause.QuadPart = -1000;
    Got[5] = 0;
    ExInitializeResourceLite(&R);
    KeEnterCriticalRegion();
    ExAcquireResourceSharedLite(&R, TRUE);
    writer = StartThread(ExclusiveWaiter, NULL);
    KeDelayExecutionThread(KernelMode, FALSE, &pause);                /* the writer now waits */
    asker = StartThread(SharedAsker, NULL);
    JoinThreads(&asker, 1);
    Got[3] = ExAcquireSharedWaitForExclusive(&R, FALSE);              /* behind the writer, though sharing */
    Got[4] = ExIsResourceAcquiredSharedLite(&R);
    ExReleaseResourceLite(&R);
    KeLeaveCriticalRegion();
    JoinThreads(&writer, 1);
    ExDeleteResourceLite(&R);
    return STATUS_SUCCESS;
}

void TestRES4SharedVariants(void)
{
    CHECK_EQ(RunOn(SharedVariantsEntry, 2, EmuPolicyTimed, 1), EmuOutcomeCompleted);
    CHECK_EQ(Got[1], FALSE);
    CHECK_EQ(Got[2], TRUE);
    CHECK_EQ(Got[3], FALSE);
    CHECK_EQ(Got[4], 1);
    CHECK_EQ(Got[5], 1);
}

static VOID ReleaseForOwner(PVOID Context)
{
    (VOID)Context;
    KeEnterCriticalRegion();
    ExReleaseResourceForThreadLite(&R, Owner);                        /* RES-6: on the owner's behalf */
    KeLeaveCriticalRegion();
}

static NTSTATUS ReleaseForThreadEntry(PDRIVER_OBJECT D, PUNICODE_STRING P)
{
    HANDLE t;
    (VOID)D; (VOID)P;
    ExInitializeResourceLite(&R);
    KeEnterCriticalRegion();
    ExAcquireResourceExclusiveLite(&R, TRUE);
    Got[0] = ExIsResourceAcquiredExclusiveLite(&R);
    Owner = ExGetCurrentResourceThread();
    t = StartThread(ReleaseForOwner, NULL);
    JoinThreads(&t, 1);
    Got[1] = ExIsResourceAcquiredExclusiveLite(&R);
    ExReleaseResourceForThreadLite(&R, Owner);                        /* owns nothing now: 0xE3 */
    return STATUS_SUCCESS;
}

void TestRES6ReleaseForThread(void)
{
    CHECK_EQ(Run(ReleaseForThreadEntry), EmuOutcomeBugcheck);
    CHECK_EQ(Got[0], TRUE);
    CHECK_EQ(Got[1], FALSE);
    CHECK_EQ(BugcheckCode(), 0xE3);
}

static NTSTATUS WithTagEntry(PDRIVER_OBJECT D, PUNICODE_STRING P)
{
    PUCHAR a = (PUCHAR)ExAllocatePoolWithTag(NonPagedPool, 8, 'gTdW');
    PUCHAR b = (PUCHAR)ExAllocatePool2(POOL_FLAG_NON_PAGED, 8, 'gTdW');
    (VOID)D; (VOID)P;
    Got[0] = a != NULL && a[0] != 0;                                  /* POOL-1: not zeroed */
    Got[1] = b != NULL && b[0] == 0;                                  /* zeroed */
    ExFreePoolWithTag(a, 'gTdW');
    ExFreePoolWithTag(b, 'gTdW');
    ExAllocatePoolWithTag(PagedPool, 8, 0);                           /* POOL-2: a zero tag */
    return STATUS_SUCCESS;
}

void TestPOOL2WithTagZeroTag(void)
{
    CHECK_EQ(Run(WithTagEntry), EmuOutcomeBugcheck);
    CHECK_EQ(Got[0], TRUE);
    CHECK_EQ(Got[1], TRUE);
    CHECK_EQ(BugcheckCode(), 0xC2);
    CHECK_EQ(BugcheckParam(0), 0x9B);
}
