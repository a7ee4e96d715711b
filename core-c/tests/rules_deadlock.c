/*++
Module Name: rules_deadlock.c
Abstract: Rule tests for Driver Verifier's deadlock detection (DV-n): which
          locks it tracks, the order graph, and each finding's parameters.
--*/
#include "harness.h"

static KSPIN_LOCK L1, L2;
static FAST_MUTEX A, B, C;
static ERESOURCE R1, R2;
static LONG64 V[4];

/* DV-1, RES-8: spin locks are tracked, ERESOURCEs are not. */
static NTSTATUS TrackedEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    KIRQL a, b;
    (VOID)Dr; (VOID)P;
    ExInitializeResourceLite(&R1);
    ExInitializeResourceLite(&R2);
    KeEnterCriticalRegion();
    ExAcquireResourceExclusiveLite(&R1, TRUE);
    ExAcquireResourceExclusiveLite(&R2, TRUE);
    ExReleaseResourceLite(&R2);
    ExReleaseResourceLite(&R1);
    ExAcquireResourceExclusiveLite(&R2, TRUE);
    ExAcquireResourceExclusiveLite(&R1, TRUE);
    ExReleaseResourceLite(&R1);
    ExReleaseResourceLite(&R2);
    KeLeaveCriticalRegion();
    V[0] = EmuResult()->FindingCount;
    KeInitializeSpinLock(&L1);
    KeInitializeSpinLock(&L2);
    KeAcquireSpinLock(&L1, &a);
    KeAcquireSpinLock(&L2, &b);
    KeReleaseSpinLock(&L2, b);
    KeReleaseSpinLock(&L1, a);
    KeAcquireSpinLock(&L2, &b);
    KeAcquireSpinLock(&L1, &a);
    KeReleaseSpinLock(&L1, a);
    KeReleaseSpinLock(&L2, b);
    return STATUS_SUCCESS;
}

void TestDV1TrackedKinds(void)
{
    const EMU_FINDING *f;
    CHECK_EQ(Run(TrackedEntry), EmuOutcomeCompleted);
    CHECK_EQ(V[0], 0);
    CHECK((f = Finding(0x1001)) != NULL);
    CHECK(f != NULL && f->Params[0] == EmuGuestAddress(&L1));
}

/* DV-1a, DV-3: one thread running both orders, one after the other, is
   reported although nothing deadlocked. */
static NTSTATUS SequentialEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    (VOID)Dr; (VOID)P;
    ExInitializeFastMutex(&A);
    ExInitializeFastMutex(&B);
    ExAcquireFastMutex(&A);
    ExAcquireFastMutex(&B);
    ExReleaseFastMutex(&B);
    ExReleaseFastMutex(&A);
    ExAcquireFastMutex(&B);
    ExAcquireFastMutex(&A);
    ExReleaseFastMutex(&A);
    ExReleaseFastMutex(&B);
    return STATUS_SUCCESS;
}

void TestDV1aFoundBeforeDeadlock(void)
{
    const EMU_FINDING *f;
    CHECK_EQ(Run(SequentialEntry), EmuOutcomeCompleted);
    CHECK((f = Finding(0x1001)) != NULL);
    if (f != NULL) {
        CHECK_EQ(f->Params[0], EmuGuestAddress(&A));                  /* the acquisition that closed the cycle */
        CHECK_EQ(f->Params[1], EmuGuestAddress(&B));
    }
}

/* DV-1b: A<B and B<C make A<C: taking A while holding C is a violation. */
static NTSTATUS TransitiveEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    (VOID)Dr; (VOID)P;
    ExInitializeFastMutex(&A);
    ExInitializeFastMutex(&B);
    ExInitializeFastMutex(&C);
    ExAcquireFastMutex(&A);
    ExAcquireFastMutex(&B);
    ExReleaseFastMutex(&B);
    ExReleaseFastMutex(&A);
    ExAcquireFastMutex(&B);
    ExAcquireFastMutex(&C);
    ExReleaseFastMutex(&C);
    ExReleaseFastMutex(&B);
    V[0] = EmuResult()->FindingCount;
    ExAcquireFastMutex(&C);
    ExAcquireFastMutex(&A);
    ExReleaseFastMutex(&A);
    ExReleaseFastMutex(&C);
    return STATUS_SUCCESS;
}

void TestDV1bTransitive(void)
{
    const EMU_FINDING *f;
    CHECK_EQ(Run(TransitiveEntry), EmuOutcomeCompleted);
    CHECK_EQ(V[0], 0);
    CHECK((f = Finding(0x1001)) != NULL);
    CHECK(f != NULL && f->Params[0] == EmuGuestAddress(&A) && f->Params[1] == EmuGuestAddress(&C));
}

/* DV-1c, RES-3: a shared owner asking for exclusive access waits for itself;
   ERESOURCE is not tracked, so no finding comes first: the run deadlocks. */
static NTSTATUS UpgradeEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    (VOID)Dr; (VOID)P;
    ExInitializeResourceLite(&R1);
    KeEnterCriticalRegion();
    ExAcquireResourceSharedLite(&R1, TRUE);
    V[0] = ExAcquireResourceExclusiveLite(&R1, FALSE);                /* no wait: refused */
    ExAcquireResourceExclusiveLite(&R1, TRUE);
    return STATUS_SUCCESS;
}

void TestDV1cSharedToExclusive(void)
{
    CHECK_EQ(Run(UpgradeEntry), EmuOutcomeDeadlock);
    CHECK_EQ(V[0], FALSE);
    CHECK_EQ(EmuResult()->FindingCount, 0);
}

/* DV-2: a spin lock acquired again by its holder: 0x1000 with the lock. */
static NTSTATUS SpinTwiceEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    KIRQL a, b;
    (VOID)Dr; (VOID)P;
    KeInitializeSpinLock(&L1);
    KeAcquireSpinLock(&L1, &a);
    KeAcquireSpinLock(&L1, &b);
    return STATUS_SUCCESS;
}

void TestDV2SelfDeadlock(void)
{
    const EMU_FINDING *f;
    EMU_OUTCOME o = Run(SpinTwiceEntry);
    CHECK(o == EmuOutcomeDeadlock || o == EmuOutcomeBudget);         /* it spins for ever */
    CHECK((f = Finding(0x1000)) != NULL);
    CHECK(f != NULL && f->Params[0] == EmuGuestAddress(&L1));
}

/* DV-4: a KMUTEX never initialised: 0xC4/0x1002 with its address. */
static KMUTEX NeverInitialised;

static NTSTATUS UninitialisedEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    (VOID)Dr; (VOID)P;
    KeWaitForSingleObject(&NeverInitialised, Executive, KernelMode, FALSE, NULL);
    return STATUS_SUCCESS;
}

void TestDV4NeverInitialised(void)
{
    CHECK_EQ(Run(UninitialisedEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckCode(), 0xC4);
    CHECK_EQ(BugcheckParam(0), 0x1002);
    CHECK_EQ(BugcheckParam(1), EmuGuestAddress(&NeverInitialised));
}

/* DV-5: spin locks are released last in, first out. */
static NTSTATUS OutOfOrderEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    KIRQL a, b;
    (VOID)Dr; (VOID)P;
    KeInitializeSpinLock(&L1);
    KeInitializeSpinLock(&L2);
    KeAcquireSpinLock(&L1, &a);
    KeAcquireSpinLock(&L2, &b);
    KeReleaseSpinLock(&L1, DISPATCH_LEVEL);
    KeReleaseSpinLock(&L2, a);
    return STATUS_SUCCESS;
}

void TestDV5OutOfOrderRelease(void)
{
    const EMU_FINDING *f;
    CHECK_EQ(Run(OutOfOrderEntry), EmuOutcomeCompleted);
    CHECK((f = Finding(0x1003)) != NULL);
    CHECK(f != NULL && f->Params[0] == EmuGuestAddress(&L1) && f->Params[1] == EmuGuestAddress(&L2));
}

/* DV-7: initialising a held lock again. */
static NTSTATUS InitTwiceEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    (VOID)Dr; (VOID)P;
    ExInitializeFastMutex(&A);
    ExAcquireFastMutex(&A);
    ExInitializeFastMutex(&A);
    KeLowerIrql(PASSIVE_LEVEL);
    return STATUS_SUCCESS;
}

void TestDV7InitialisedTwice(void)
{
    const EMU_FINDING *f;
    Run(InitTwiceEntry);
    CHECK((f = Finding(0x1005)) != NULL);
    CHECK(f != NULL && f->Params[0] == EmuGuestAddress(&A));
}

/* DV-10: a thread that ends holding a fast mutex (the thread, then the lock). */
static VOID EndsHolding(PVOID Ctx)
{
    (VOID)Ctx;
    V[1] = (LONG64)EmuGuestAddress(KeGetCurrentThread());
    ExAcquireFastMutex(&A);
}

static NTSTATUS EndsHoldingEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    HANDLE h;
    (VOID)Dr; (VOID)P;
    ExInitializeFastMutex(&A);
    h = StartThread(EndsHolding, NULL);
    JoinThreads(&h, 1);
    return STATUS_SUCCESS;
}

void TestDV10ThreadEndsHolding(void)
{
    const EMU_FINDING *f;
    CHECK_EQ(Run(EndsHoldingEntry), EmuOutcomeCompleted);
    CHECK((f = Finding(0x100A)) != NULL);
    CHECK(f != NULL && f->Params[0] == (ULONG64)V[1] && f->Params[1] == EmuGuestAddress(&A));
}

/* DV-11: a held lock's memory freed (lock, owner thread). */
static NTSTATUS FreedHeldEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    PFAST_MUTEX m;
    (VOID)Dr; (VOID)P;
    m = (PFAST_MUTEX)ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(FAST_MUTEX), 'xtMF');
    V[0] = (LONG64)EmuPoolGuestAddress(m);
    V[1] = (LONG64)EmuGuestAddress(KeGetCurrentThread());
    ExInitializeFastMutex(m);
    ExAcquireFastMutex(m);
    ExFreePoolWithTag(m, 'xtMF');
    KeLowerIrql(PASSIVE_LEVEL);
    return STATUS_SUCCESS;
}

void TestDV11FreedWhileHeld(void)
{
    const EMU_FINDING *f;
    Run(FreedHeldEntry);
    CHECK((f = Finding(0x100B)) != NULL);
    CHECK(f != NULL && f->Params[0] == (ULONG64)V[0] && f->Params[1] == (ULONG64)V[1]);
}

/* DV-12: the graph is global and kept after release: one thread's A<B and
   another thread's later B then A is a violation. */
static VOID OrderAB(PVOID Ctx)
{
    (VOID)Ctx;
    ExAcquireFastMutex(&A);
    ExAcquireFastMutex(&B);
    ExReleaseFastMutex(&B);
    ExReleaseFastMutex(&A);
}

static VOID OrderBA(PVOID Ctx)
{
    (VOID)Ctx;
    ExAcquireFastMutex(&B);
    ExAcquireFastMutex(&A);
    ExReleaseFastMutex(&A);
    ExReleaseFastMutex(&B);
}

static NTSTATUS TwoThreadsEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    HANDLE h;
    (VOID)Dr; (VOID)P;
    ExInitializeFastMutex(&A);
    ExInitializeFastMutex(&B);
    h = StartThread(OrderAB, NULL);
    JoinThreads(&h, 1);
    V[0] = EmuResult()->FindingCount;
    h = StartThread(OrderBA, NULL);
    JoinThreads(&h, 1);
    return STATUS_SUCCESS;
}

void TestDV12GraphKeptAcrossThreads(void)
{
    CHECK_EQ(Run(TwoThreadsEntry), EmuOutcomeCompleted);
    CHECK_EQ(V[0], 0);
    CHECK(HasFinding(0x1001));
}
