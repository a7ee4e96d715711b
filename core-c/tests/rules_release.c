/*++
Module Name: rules_release.c
Abstract: Release and IRQL rules that need the right class of IRQL or APC
          state at release time (KM-7, RES-2, FM-7, EV-3, SEM-4, DPC-5),
          objects in the wrong memory (IRQL-7, BC-24), and the parameters of
          the bug checks they give. Lifetimes are in rules_lifetime.c.
--*/
#include "harness.h"

#define STANDIN_LOW 0xFFFFF80140000000ull   /* the emulator's stand-in addresses start here */
#define RAISE_VA 0xFFFFF80100001000ull      /* the emulated kernel's raise address (BC-41 p2) */

static KMUTEX M;
static KEVENT E, E2;
static KSEMAPHORE S;
static FAST_MUTEX F;
static KDPC D;
static ERESOURCE R;
static ULONG64 Where;

/* KM-7 second clause: acquired at PASSIVE_LEVEL, released at DISPATCH_LEVEL. */
static NTSTATUS ReleaseAtDispatchEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    KIRQL old;
    (VOID)Dr; (VOID)P;
    KeInitializeMutex(&M, 0);
    KeWaitForSingleObject(&M, Executive, KernelMode, FALSE, NULL);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    KeReleaseMutex(&M, FALSE);
    KeLowerIrql(old);
    return STATUS_SUCCESS;
}

void TestKM7ReleaseAtDispatch(void)
{
    CHECK_EQ(Run(ReleaseAtDispatchEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckCode(), 0x7E);
    CHECK_EQ(BugcheckParam(0), (ULONG64)(LONG64)STATUS_MUTANT_NOT_OWNED);
    /* BC-41: p2 the exception address, p3 and p4 the exception and context records */
    CHECK_EQ(BugcheckParam(1), RAISE_VA);
    CHECK(BugcheckParam(2) >= STANDIN_LOW);
    CHECK(BugcheckParam(3) >= STANDIN_LOW && BugcheckParam(3) != BugcheckParam(2));
}

/* ... and the reverse: polled at DISPATCH_LEVEL (KM-11), released at PASSIVE_LEVEL. */
static NTSTATUS ReleaseBelowDispatchEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    KIRQL old;
    LARGE_INTEGER zero;
    (VOID)Dr; (VOID)P;
    zero.QuadPart = 0;
    KeInitializeMutex(&M, 0);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    Where = (ULONG64)KeWaitForSingleObject(&M, Executive, KernelMode, FALSE, &zero);
    KeLowerIrql(old);
    KeReleaseMutex(&M, FALSE);
    return STATUS_SUCCESS;
}

void TestKM7ReleaseBelowDispatch(void)
{
    CHECK_EQ(Run(ReleaseBelowDispatchEntry), EmuOutcomeBugcheck);
    CHECK_EQ(Where, STATUS_SUCCESS);
    CHECK_EQ(BugcheckCode(), 0x7E);
    CHECK_EQ(BugcheckParam(0), (ULONG64)(LONG64)STATUS_MUTANT_NOT_OWNED);
}

/* KM-11: acquired at DISPATCH_LEVEL with a poll and released there is fine. */
static NTSTATUS PollAndReleaseAtDispatchEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    KIRQL old;
    LARGE_INTEGER zero;
    (VOID)Dr; (VOID)P;
    zero.QuadPart = 0;
    KeInitializeMutex(&M, 0);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    Where = (ULONG64)KeWaitForSingleObject(&M, Executive, KernelMode, FALSE, &zero);
    Where |= (ULONG64)KeReleaseMutex(&M, FALSE) << 32;
    KeLowerIrql(old);
    return KeReadStateMutex(&M) == 1 ? STATUS_SUCCESS : STATUS_UNSUCCESSFUL;
}

void TestKM11PollAndReleaseAtDispatch(void)
{
    CHECK_EQ(Run(PollAndReleaseAtDispatchEntry), EmuOutcomeCompleted);
    CHECK_EQ(Where, 0);
    CHECK_EQ(EmuResult()->EntryStatus, STATUS_SUCCESS);
}

/* The crate's drop_safe accepts DISPATCH_LEVEL: a "safe" unlock there stops the machine. */
static NTSTATUS UnlockSafeAtDispatchEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    WDKM_KMUTEX *k;
    PVOID data;
    KIRQL old;
    (VOID)Dr; (VOID)P;
    if (WdkmKMutexNew(sizeof(ULONG), NULL, &k) != WDKM_OK || WdkmKMutexLock(k, &data) != WDKM_OK)
        return STATUS_UNSUCCESSFUL;
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    Where = WdkmKMutexUnlockSafe(k);
    KeLowerIrql(old);
    return STATUS_SUCCESS;
}

void TestKM7UnlockSafeAtDispatch(void)
{
    Where = 99;
    CHECK_EQ(Run(UnlockSafeAtDispatchEntry), EmuOutcomeBugcheck);
    CHECK_EQ(Where, 99);                                              /* it never returned */
    CHECK_EQ(BugcheckCode(), 0x7E);
    CHECK_EQ(BugcheckParam(0), (ULONG64)(LONG64)STATUS_MUTANT_NOT_OWNED);
}

/* RES-2, BC-14: the release needs normal kernel APCs disabled as well. */
static NTSTATUS ResourceReleaseEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    (VOID)Dr; (VOID)P;
    ExInitializeResourceLite(&R);
    KeEnterCriticalRegion();
    ExAcquireResourceExclusiveLite(&R, TRUE);
    KeLeaveCriticalRegion();
    ExReleaseResourceLite(&R);
    return STATUS_SUCCESS;
}

void TestRES2ReleaseWithApcsEnabled(void)
{
    CHECK_EQ(Run(ResourceReleaseEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckCode(), 0xC4);
    CHECK_EQ(BugcheckParam(0), 0x38);
    CHECK_EQ(BugcheckParam(1), PASSIVE_LEVEL);
    CHECK_EQ(BugcheckParam(2), 0);
    CHECK_EQ(BugcheckParam(3), EmuGuestAddress(&R));
}

/* IRQL-7, BC-33: paged pool touched at DISPATCH_LEVEL (as the scenario VM touches memory). */
static NTSTATUS PagedAtDispatchEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    PVOID paged;
    KIRQL old;
    (VOID)Dr; (VOID)P;
    paged = ExAllocatePool2(POOL_FLAG_PAGED, 64, 'gaPT');
    Where = EmuPoolGuestAddress(paged);
    EmuPoolHostAddress(Where, 4, FALSE);                              /* fine at PASSIVE_LEVEL */
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    EmuPoolHostAddress(Where + 8, 4, TRUE);
    KeLowerIrql(old);
    ExFreePoolWithTag(paged, 'gaPT');
    return STATUS_SUCCESS;
}

void TestIRQL7PagedPoolAtDispatch(void)
{
    CHECK_EQ(Run(PagedAtDispatchEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckCode(), 0xD1);
    CHECK_EQ(BugcheckParam(0), Where + 8);
    CHECK_EQ(BugcheckParam(1), DISPATCH_LEVEL);
    CHECK_EQ(BugcheckParam(2), 1);                                    /* a write */
}

/* BC-24: a spin lock and a dispatcher object in paged pool. */
static NTSTATUS SpinLockInPagedEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    PKSPIN_LOCK lock;
    KIRQL old;
    (VOID)Dr; (VOID)P;
    lock = (PKSPIN_LOCK)ExAllocatePool2(POOL_FLAG_PAGED, sizeof(KSPIN_LOCK), 'kcoL');
    Where = EmuPoolGuestAddress(lock);
    KeInitializeSpinLock(lock);
    KeAcquireSpinLock(lock, &old);
    KeReleaseSpinLock(lock, old);
    return STATUS_SUCCESS;
}

static NTSTATUS EventInPagedEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    PKEVENT event;
    (VOID)Dr; (VOID)P;
    event = (PKEVENT)ExAllocatePool2(POOL_FLAG_PAGED, sizeof(KEVENT), 'tvEP');
    Where = EmuPoolGuestAddress(event);
    KeInitializeEvent(event, NotificationEvent, FALSE);
    return STATUS_SUCCESS;
}

void TestBC24ObjectInPagedPool(void)
{
    CHECK_EQ(Run(SpinLockInPagedEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckCode(), 0xC4);
    CHECK_EQ(BugcheckParam(0), 0xE1);
    CHECK_EQ(BugcheckParam(1), Where);
    CHECK_EQ(Run(EventInPagedEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckParam(0), 0xE1);
    CHECK_EQ(BugcheckParam(1), Where);
}

/* FM-7, DV-9: Unsafe acquire with a safe release, and the reverse. */
static NTSTATUS UnsafeThenSafeEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    KIRQL old;
    (VOID)Dr; (VOID)P;
    ExInitializeFastMutex(&F);
    KeRaiseIrql(APC_LEVEL, &old);
    ExAcquireFastMutexUnsafe(&F);
    ExReleaseFastMutex(&F);                                           /* restores what Unsafe saved: APC_LEVEL */
    Where = KeGetCurrentIrql();
    KeLowerIrql(old);
    return STATUS_SUCCESS;
}

static NTSTATUS SafeThenUnsafeEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    (VOID)Dr; (VOID)P;
    ExInitializeFastMutex(&F);
    ExAcquireFastMutex(&F);
    ExReleaseFastMutexUnsafe(&F);                                     /* leaves IRQL at APC_LEVEL */
    Where = KeGetCurrentIrql();
    KeLowerIrql(PASSIVE_LEVEL);
    return STATUS_SUCCESS;
}

void TestFM7UnsafeSafeMismatch(void)
{
    const EMU_FINDING *f;
    CHECK_EQ(Run(UnsafeThenSafeEntry), EmuOutcomeCompleted);
    CHECK((f = Finding(0x1009)) != NULL);
    CHECK(f != NULL && f->Params[0] == EmuGuestAddress(&F));
    CHECK_EQ(Where, APC_LEVEL);
    CHECK_EQ(Run(SafeThenUnsafeEntry), EmuOutcomeCompleted);
    CHECK(Finding(0x1009) != NULL);
    CHECK_EQ(Where, APC_LEVEL);
}

/* DPC-5, BC-23: in a DPC routine a wait and a delay fail alike, on Verifier's IRQL check. */
static ULONG DpcMode;

static VOID BlockingDpc(PKDPC Dpc, PVOID Context, PVOID A1, PVOID A2)
{
    LARGE_INTEGER interval;
    (VOID)Dpc; (VOID)Context; (VOID)A1; (VOID)A2;
    interval.QuadPart = -1000;                                        /* 100 us */
    if (DpcMode == 0)
        KeDelayExecutionThread(KernelMode, FALSE, &interval);
    else if (DpcMode == 1)
        KeWaitForSingleObject(&E, Executive, KernelMode, FALSE, &interval);
    else
        KeWaitForSingleObject(&E, Executive, KernelMode, FALSE, NULL);
}

static NTSTATUS DpcEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    (VOID)Dr; (VOID)P;
    KeInitializeEvent(&E, NotificationEvent, FALSE);
    KeInitializeDpc(&D, BlockingDpc, NULL);
    KeInsertQueueDpc(&D, NULL, NULL);
    return STATUS_SUCCESS;
}

void TestDPC5BlockingInDpc(void)
{
    ULONG64 p1[3];
    for (DpcMode = 0; DpcMode < 3; DpcMode++) {
        CHECK_EQ(Run(DpcEntry), EmuOutcomeBugcheck);
        CHECK_EQ(BugcheckCode(), 0xC4);
        p1[DpcMode] = BugcheckParam(0);
        CHECK(BugcheckParam(1) >= STANDIN_LOW);                        /* where the IRQL is kept */
    }
    CHECK_EQ(p1[0], 0x122);
    CHECK_EQ(p1[1], 0x122);
    CHECK_EQ(p1[2], 0x121);
}

/* EV-3, SEM-4, KM-8: Wait = TRUE at DISPATCH_LEVEL; the wait that must follow fails. */
static ULONG WaitTrueMode;

static NTSTATUS WaitTrueEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    KIRQL old;
    LARGE_INTEGER t;
    (VOID)Dr; (VOID)P;
    t.QuadPart = -1000;
    KeInitializeEvent(&E, SynchronizationEvent, FALSE);
    KeInitializeEvent(&E2, SynchronizationEvent, FALSE);
    KeInitializeSemaphore(&S, 0, 4);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    if (WaitTrueMode == 0) {
        KeSetEvent(&E, 0, TRUE);
        KeWaitForSingleObject(&E2, Executive, KernelMode, FALSE, NULL);
    } else {
        KeReleaseSemaphore(&S, 0, 1, TRUE);
        KeWaitForSingleObject(&E2, Executive, KernelMode, FALSE, &t);
    }
    KeLowerIrql(old);
    return STATUS_SUCCESS;
}

/* At PASSIVE_LEVEL the same pair is the KM-8 protocol and works. */
static NTSTATUS WaitTruePassiveEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    LARGE_INTEGER t;
    (VOID)Dr; (VOID)P;
    t.QuadPart = -1000;
    KeInitializeEvent(&E, SynchronizationEvent, FALSE);
    KeInitializeEvent(&E2, SynchronizationEvent, FALSE);
    KeSetEvent(&E, 0, TRUE);
    Where = (ULONG64)KeWaitForSingleObject(&E2, Executive, KernelMode, FALSE, &t);
    Where |= (ULONG64)KeGetCurrentIrql() << 32;
    return STATUS_SUCCESS;
}

void TestEV3WaitTrueAtDispatch(void)
{
    WaitTrueMode = 0;
    CHECK_EQ(Run(WaitTrueEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckCode(), 0xC4);
    CHECK_EQ(BugcheckParam(0), 0x121);
    CHECK(BugcheckParam(1) >= STANDIN_LOW);
    CHECK_EQ(BugcheckParam(2), EmuGuestAddress(&E2));
    CHECK_EQ(Run(WaitTruePassiveEntry), EmuOutcomeCompleted);
    CHECK_EQ(Where, STATUS_TIMEOUT);                                  /* and back at PASSIVE_LEVEL */
}

void TestSEM4WaitTrueAtDispatch(void)
{
    WaitTrueMode = 1;
    CHECK_EQ(Run(WaitTrueEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckCode(), 0xC4);
    CHECK_EQ(BugcheckParam(0), 0x122);
    CHECK_EQ(BugcheckParam(2), EmuGuestAddress(&E2));
    CHECK(BugcheckParam(3) != 0);                                     /* the timeout's address */
}
