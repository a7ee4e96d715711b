/*++
Module Name: rules_bugchecks.c
Abstract: Rule tests for the bug-check table (BC-n): each code with the
          parameters the spec gives it.
--*/
#include "harness.h"
#include "wdkm_host.h"
#include "wdkmp.h"

static KSPIN_LOCK L;
static KEVENT E;
static ERESOURCE R;
static LONG64 V[8];
static ULONG Mode;

/* BC-1, BC-2, BC-3: allocations of zero bytes, paged above APC_LEVEL,
   non-paged above DISPATCH_LEVEL. */
static NTSTATUS AllocEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    KIRQL old;
    (VOID)Dr; (VOID)P;
    if (Mode == 0) {
        ExAllocatePool2(POOL_FLAG_NON_PAGED, 0, 'oreZ');
    } else if (Mode == 1) {
        KeRaiseIrql(DISPATCH_LEVEL, &old);
        ExAllocatePool2(POOL_FLAG_PAGED, 24, 'egaP');
    } else {
        KeRaiseIrql(HIGH_LEVEL, &old);
        ExAllocatePool2(POOL_FLAG_NON_PAGED, 24, 'hgiH');
    }
    return STATUS_SUCCESS;
}

void TestBC1PoolAllocation(void)
{
    CHECK_EQ(Run(AllocEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckParam(0), 0x00);
    CHECK_EQ(BugcheckParam(1), PASSIVE_LEVEL);
    Mode = 1;
    CHECK_EQ(Run(AllocEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckParam(0), 0x01);
    CHECK_EQ(BugcheckParam(1), DISPATCH_LEVEL);
    CHECK_EQ(BugcheckParam(3), 24);
    Mode = 2;
    CHECK_EQ(Run(AllocEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckParam(0), 0x02);
    CHECK_EQ(BugcheckParam(1), HIGH_LEVEL);
    CHECK_EQ(BugcheckParam(3), 24);
    Mode = 0;
}

/* BC-4, BC-5: a free of an address no allocator returned; frees above the
   allowed IRQL (p2 IRQL, p4 address). */
static NTSTATUS FreeEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    KIRQL old;
    PUCHAR p;
    (VOID)Dr; (VOID)P;
    p = (PUCHAR)ExAllocatePool2(Mode == 1 ? POOL_FLAG_PAGED : POOL_FLAG_NON_PAGED, 32, 'eerF');
    V[0] = (LONG64)EmuPoolGuestAddress(p);
    if (Mode == 0) {
        ExFreePoolWithTag(p + 16, 'eerF');
    } else {
        KeRaiseIrql(Mode == 1 ? DISPATCH_LEVEL : HIGH_LEVEL, &old);
        ExFreePoolWithTag(p, 'eerF');
    }
    return STATUS_SUCCESS;
}

void TestBC4BC5Frees(void)
{
    Mode = 0;
    CHECK_EQ(Run(FreeEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckParam(0), 0x10);
    CHECK_EQ(BugcheckParam(1), (ULONG64)V[0] + 16);
    Mode = 1;
    CHECK_EQ(Run(FreeEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckParam(0), 0x11);
    CHECK_EQ(BugcheckParam(1), DISPATCH_LEVEL);
    CHECK_EQ(BugcheckParam(3), (ULONG64)V[0]);
    Mode = 2;
    CHECK_EQ(Run(FreeEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckParam(0), 0x12);
    CHECK_EQ(BugcheckParam(1), HIGH_LEVEL);
    Mode = 0;
}

/* BC-7: freeing pool that holds a live ERESOURCE is 0xD2 (resource, pool start, size). */
static NTSTATUS FreeResourceEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    PUCHAR block;
    (VOID)Dr; (VOID)P;
    block = (PUCHAR)ExAllocatePool2(POOL_FLAG_NON_PAGED, 16 + sizeof(ERESOURCE), 'seRP');
    V[0] = (LONG64)EmuPoolGuestAddress(block);
    ExInitializeResourceLite((PERESOURCE)(block + 16));
    ExFreePoolWithTag(block, 'seRP');
    return STATUS_SUCCESS;
}

void TestBC7FreeLiveResource(void)
{
    CHECK_EQ(Run(FreeResourceEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckParam(0), 0xD2);
    CHECK_EQ(BugcheckParam(1), (ULONG64)V[0] + 16);
    CHECK_EQ(BugcheckParam(2), (ULONG64)V[0]);
    CHECK_EQ(BugcheckParam(3), 16 + sizeof(ERESOURCE));
}

/* BC-10, BC-34, DV-8: releasing a spin lock off DISPATCH_LEVEL is 0x32; a
   second release at DISPATCH_LEVEL is the finding 0x1007, then 0x10. */
static NTSTATUS SpinReleaseEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    KIRQL old;
    (VOID)Dr; (VOID)P;
    KeInitializeSpinLock(&L);
    KeAcquireSpinLock(&L, &old);
    KeReleaseSpinLock(&L, old);
    if (Mode == 0) {
        KeReleaseSpinLock(&L, old);                                   /* at PASSIVE_LEVEL */
    } else {
        KeRaiseIrql(DISPATCH_LEVEL, &old);
        KeReleaseSpinLock(&L, old);                                   /* not held */
    }
    return STATUS_SUCCESS;
}

void TestBC10SpinLockRelease(void)
{
    Mode = 0;
    CHECK_EQ(Run(SpinReleaseEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckParam(0), 0x32);
    CHECK_EQ(BugcheckParam(1), PASSIVE_LEVEL);
    CHECK_EQ(BugcheckParam(2), EmuGuestAddress(&L));
    Mode = 1;
    CHECK_EQ(Run(SpinReleaseEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckCode(), 0x10);
    CHECK_EQ(BugcheckParam(0), EmuGuestAddress(&L));
    CHECK(HasFinding(0x1007));
    Mode = 0;
}

/* BC-17: the at-DPC-level routines below DISPATCH_LEVEL (0x40, 0x41). */
static NTSTATUS DpcLevelEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    KIRQL old;
    (VOID)Dr; (VOID)P;
    KeInitializeSpinLock(&L);
    if (Mode == 0) {
        KeAcquireSpinLockAtDpcLevel(&L);
    } else {
        KeRaiseIrql(DISPATCH_LEVEL, &old);
        KeAcquireSpinLockAtDpcLevel(&L);
        KeLowerIrql(old);
        KeReleaseSpinLockFromDpcLevel(&L);
    }
    return STATUS_SUCCESS;
}

void TestBC17AtDpcLevelBelowDispatch(void)
{
    Mode = 0;
    CHECK_EQ(Run(DpcLevelEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckParam(0), 0x40);
    CHECK_EQ(BugcheckParam(1), PASSIVE_LEVEL);
    CHECK_EQ(BugcheckParam(2), EmuGuestAddress(&L));
    Mode = 1;
    CHECK_EQ(Run(DpcLevelEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckParam(0), 0x41);
    Mode = 0;
}

/* BC-18, POOL-8: with the leaks-are-fatal setting, pool left at unload is 0xC4/0x62. */
static NTSTATUS LeakEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    (VOID)Dr; (VOID)P;
    ExAllocatePool2(POOL_FLAG_NON_PAGED, 8, 'kaeL');
    ExAllocatePool2(POOL_FLAG_NON_PAGED, 8, 'kaeL');
    return STATUS_SUCCESS;
}

void TestBC18LeaksFatal(void)
{
    EMU_CONFIG config;
    EmuDefaultConfig(&config);
    config.LeaksFatal = TRUE;
    WdkmGrtReset();
    CHECK_EQ(EmuRunDriver(&config, LeakEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckCode(), 0xC4);
    CHECK_EQ(BugcheckParam(0), 0x62);
    CHECK_EQ(BugcheckParam(3), 2);
    CHECK_EQ(Run(LeakEntry), EmuOutcomeCompleted);                    /* by default a leak is listed, not fatal */
    CHECK_EQ(EmuLeakCount(), 2);
}

/* BC-19: KeSetEvent above DISPATCH_LEVEL (IRQL, event, 0). */
static NTSTATUS SetEventHighEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    KIRQL old;
    (VOID)Dr; (VOID)P;
    KeInitializeEvent(&E, NotificationEvent, FALSE);
    KeRaiseIrql(HIGH_LEVEL, &old);
    KeSetEvent(&E, 0, FALSE);
    return STATUS_SUCCESS;
}

void TestBC19SetEventAboveDispatch(void)
{
    CHECK_EQ(Run(SetEventHighEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckParam(0), 0x80);
    CHECK_EQ(BugcheckParam(1), HIGH_LEVEL);
    CHECK_EQ(BugcheckParam(2), EmuGuestAddress(&E));
    CHECK_EQ(BugcheckParam(3), 0);
}

/* BC-21: an ERESOURCE initialised twice (0xD0), one deleted uninitialised (0xD1). */
static NTSTATUS ResourceInitEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    PERESOURCE fresh;
    (VOID)Dr; (VOID)P;
    if (Mode == 0) {
        ExInitializeResourceLite(&R);
        ExInitializeResourceLite(&R);
    } else {
        fresh = (PERESOURCE)ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(ERESOURCE), 'seRN');
        V[0] = (LONG64)EmuPoolGuestAddress(fresh);
        ExDeleteResourceLite(fresh);
    }
    return STATUS_SUCCESS;
}

void TestBC21ResourceInitDelete(void)
{
    Mode = 0;
    CHECK_EQ(Run(ResourceInitEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckParam(0), 0xD0);
    CHECK_EQ(BugcheckParam(1), EmuGuestAddress(&R));
    Mode = 1;
    CHECK_EQ(Run(ResourceInitEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckParam(0), 0xD1);
    CHECK_EQ(BugcheckParam(1), (ULONG64)V[0]);
    Mode = 0;
}

/* BC-25, DV-3: with findings fatal (as on Windows), a lock order inversion
   is the bug check 0xC4/0x1001 with the lock whose acquisition closed the cycle. */
static FAST_MUTEX A, B;

static NTSTATUS InversionEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
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

void TestBC25FindingsFatal(void)
{
    EMU_CONFIG config;
    EmuDefaultConfig(&config);
    config.FindingsFatal = TRUE;
    WdkmGrtReset();
    CHECK_EQ(EmuRunDriver(&config, InversionEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckCode(), 0xC4);
    CHECK_EQ(BugcheckParam(0), 0x1001);
    CHECK_EQ(BugcheckParam(1), EmuGuestAddress(&A));
    CHECK_EQ(Run(InversionEntry), EmuOutcomeCompleted);              /* the playground's mode: a finding */
    CHECK(HasFinding(0x1001));
}

/* BC-40: past the end of a block at PASSIVE_LEVEL is 0x50 (address, write). */
static NTSTATUS PastEndEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    PUCHAR p;
    (VOID)Dr; (VOID)P;
    p = (PUCHAR)ExAllocatePool2(POOL_FLAG_NON_PAGED, 16, 'dnEP');
    V[0] = (LONG64)EmuPoolGuestAddress(p);
    EmuPoolHostAddress((ULONG64)V[0] + 12, 8, TRUE);
    return STATUS_SUCCESS;
}

void TestBC40PastTheEnd(void)
{
    CHECK_EQ(Run(PastEndEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckCode(), 0x50);
    CHECK_EQ(BugcheckParam(0), (ULONG64)V[0] + 12);
    CHECK_EQ(BugcheckParam(1), 1);
}

/* BC-44: a system thread that ends inside a critical region (0, count, 0, 1). */
static VOID EndsInRegion(PVOID C)
{
    (VOID)C;
    KeEnterCriticalRegion();
    KeEnterGuardedRegion();
}

static NTSTATUS EndsInRegionEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    HANDLE h;
    (VOID)Dr; (VOID)P;
    h = StartThread(EndsInRegion, NULL);
    JoinThreads(&h, 1);
    return STATUS_SUCCESS;
}

void TestBC44ThreadEndsInRegion(void)
{
    CHECK_EQ(Run(EndsInRegionEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckCode(), 0x20);
    CHECK_EQ(BugcheckParam(0), 0);
    CHECK_EQ(BugcheckParam(1), 0xFFFFFFFF);                           /* both counts -1 */
    CHECK_EQ(BugcheckParam(2), 0);
    CHECK_EQ(BugcheckParam(3), 1);
}

/* BC-46: more objects than the thread's own wait blocks, with no array. */
static NTSTATUS TooManyEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    static KEVENT events[4];
    PVOID objects[4];
    ULONG i;
    (VOID)Dr; (VOID)P;
    for (i = 0; i < 4; i++) {
        KeInitializeEvent(&events[i], NotificationEvent, TRUE);
        objects[i] = &events[i];
    }
    V[0] = KeWaitForMultipleObjects(3, objects, WaitAll, Executive, KernelMode, FALSE, NULL, NULL);
    KeWaitForMultipleObjects(4, objects, WaitAll, Executive, KernelMode, FALSE, NULL, NULL);
    return STATUS_SUCCESS;
}

void TestBC46TooManyWaitObjects(void)
{
    CHECK_EQ(Run(TooManyEntry), EmuOutcomeBugcheck);
    CHECK_EQ(V[0], STATUS_SUCCESS);
    CHECK_EQ(BugcheckCode(), 0xC);
}

/* BC-47: without Verifier's pool codes for it, a free with the wrong tag is
   0xC2/0x0A (address, allocator's tag, tag used). */
static NTSTATUS WrongTagEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    PVOID p;
    (VOID)Dr; (VOID)P;
    p = ExAllocatePool2(POOL_FLAG_NON_PAGED, 8, 'enoO');
    V[0] = (LONG64)EmuPoolGuestAddress(p);
    ExFreePoolWithTag(p, 'owtT');
    return STATUS_SUCCESS;
}

void TestBC47WrongTag(void)
{
    CHECK_EQ(Run(WrongTagEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckCode(), 0xC2);
    CHECK_EQ(BugcheckParam(0), 0x0A);
    CHECK_EQ(BugcheckParam(1), (ULONG64)V[0]);
    CHECK_EQ(BugcheckParam(2), 'enoO');
    CHECK_EQ(BugcheckParam(3), 'owtT');
}

/* BC-48, RES-6: releasing an ERESOURCE the thread does not own (resource, thread). */
static NTSTATUS NotOwnedEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    (VOID)Dr; (VOID)P;
    V[0] = (LONG64)EmuGuestAddress(KeGetCurrentThread());
    ExInitializeResourceLite(&R);
    KeEnterCriticalRegion();
    ExReleaseResourceLite(&R);
    return STATUS_SUCCESS;
}

void TestBC48ResourceNotOwned(void)
{
    CHECK_EQ(Run(NotOwnedEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckCode(), 0xE3);
    CHECK_EQ(BugcheckParam(0), EmuGuestAddress(&R));
    CHECK_EQ(BugcheckParam(1), (ULONG64)V[0]);
}

/* BC-42: an exception raised in a DPC routine is outside the thread's
   handler: 0x1E (code, address, 0, 0), not 0x7E. */
static KSEMAPHORE S;
static KDPC D;

static VOID RaisingDpc(PKDPC Dpc, PVOID C, PVOID A1, PVOID A2)
{
    (VOID)Dpc; (VOID)C; (VOID)A1; (VOID)A2;
    KeReleaseSemaphore(&S, 0, 2, FALSE);                              /* over the limit: raises */
}

static NTSTATUS RaiseInDpcEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    (VOID)Dr; (VOID)P;
    KeInitializeSemaphore(&S, 0, 1);
    KeInitializeDpc(&D, RaisingDpc, NULL);
    KeInsertQueueDpc(&D, NULL, NULL);
    return STATUS_SUCCESS;
}

void TestBC42ExceptionInDpc(void)
{
    CHECK_EQ(Run(RaiseInDpcEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckCode(), 0x1E);
    CHECK_EQ(BugcheckParam(0), (ULONG64)(LONG64)STATUS_SEMAPHORE_LIMIT_EXCEEDED);
    CHECK_EQ(BugcheckParam(1), 0xFFFFF80100001000ull);
    CHECK_EQ(BugcheckParam(2), 0);
}
