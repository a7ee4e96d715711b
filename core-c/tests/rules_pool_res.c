/*++
Module Name: rules_pool_res.c
Abstract: Rule tests for pool tags, sizes and IRQLs (POOL-3..5) and for the
          ERESOURCE's initialisation, exclusive acquire, conversion to shared
          and what its calls leave alone (RES-1, RES-3, RES-7, RES-9).
--*/
#include "harness.h"

static ERESOURCE R;
static LONG64 V[16];
static LONG Mode;

static LARGE_INTEGER Rel(LONGLONG Units)
{
    LARGE_INTEGER t;
    t.QuadPart = -Units;
    return t;
}

/* POOL-3: a tag is 1-4 printable ASCII bytes; any byte outside 0x20..0x7E
   (or tag 0) makes ExAllocatePool2 return NULL. */
static NTSTATUS TagEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    PVOID a, b, c, d;
    (VOID)Dr; (VOID)P;
    a = ExAllocatePool2(POOL_FLAG_NON_PAGED, 16, 'derF');
    b = ExAllocatePool2(POOL_FLAG_NON_PAGED, 16, 'a');              /* one character */
    c = ExAllocatePool2(POOL_FLAG_NON_PAGED, 16, 0x64650172);         /* a control byte */
    d = ExAllocatePool2(POOL_FLAG_NON_PAGED, 16, 0x7F657246);         /* DEL */
    V[0] = a != NULL;
    V[1] = b != NULL;
    V[2] = c != NULL;
    V[3] = d != NULL;
    if (a != NULL)
        ExFreePoolWithTag(a, 'derF');
    if (b != NULL)
        ExFreePoolWithTag(b, 'a');
    return STATUS_SUCCESS;
}

void TestPOOL3Tags(void)
{
    CHECK_EQ(Run(TagEntry), EmuOutcomeCompleted);
    CHECK_EQ(V[0], 1);
    CHECK_EQ(V[1], 1);
    CHECK_EQ(V[2], 0);
    CHECK_EQ(V[3], 0);
}

/* POOL-4: small blocks are 16-byte aligned; zero bytes is Verifier 0xC4/0x00. */
static NTSTATUS SizeEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    PVOID a, b;
    (VOID)Dr; (VOID)P;
    a = ExAllocatePool2(POOL_FLAG_NON_PAGED, 3, 'tseT');
    b = ExAllocatePool2(POOL_FLAG_NON_PAGED, 5, 'tseT');
    V[0] = a != NULL && b != NULL;
    V[1] = ((ULONG_PTR)a & 15) == 0 && ((ULONG_PTR)b & 15) == 0;
    ExFreePoolWithTag(a, 'tseT');
    ExFreePoolWithTag(b, 'tseT');
    if (Mode)
        ExAllocatePool2(POOL_FLAG_PAGED, 0, 'tseT');
    return STATUS_SUCCESS;
}

void TestPOOL4SizeAndAlignment(void)
{
    Mode = 0;
    CHECK_EQ(Run(SizeEntry), EmuOutcomeCompleted);
    CHECK_EQ(V[0], 1);
    CHECK_EQ(V[1], 1);
    Mode = 1;
    CHECK_EQ(Run(SizeEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckCode(), 0xC4);
    CHECK_EQ(BugcheckParam(0), 0x00);
    CHECK_EQ(BugcheckParam(1), PASSIVE_LEVEL);
    Mode = 0;
}

/* POOL-5: non-paged pool up to DISPATCH_LEVEL, paged only up to APC_LEVEL;
   paged above is 0xC4/0x01, non-paged above DISPATCH_LEVEL 0xC4/0x02. */
static NTSTATUS IrqlEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    KIRQL old;
    PVOID a;
    (VOID)Dr; (VOID)P;
    KeRaiseIrql(APC_LEVEL, &old);
    a = ExAllocatePool2(POOL_FLAG_PAGED, 32, 'tseT');
    V[0] = a != NULL;
    ExFreePoolWithTag(a, 'tseT');
    KeLowerIrql(old);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    a = ExAllocatePool2(POOL_FLAG_NON_PAGED, 32, 'tseT');
    V[1] = a != NULL;
    ExFreePoolWithTag(a, 'tseT');
    if (Mode == 1)
        ExAllocatePool2(POOL_FLAG_PAGED, 32, 'tseT');
    KeLowerIrql(old);
    if (Mode == 2) {
        KeRaiseIrql(HIGH_LEVEL, &old);
        ExAllocatePool2(POOL_FLAG_NON_PAGED, 32, 'tseT');
    }
    return STATUS_SUCCESS;
}

void TestPOOL5AllocationIrql(void)
{
    Mode = 0;
    CHECK_EQ(Run(IrqlEntry), EmuOutcomeCompleted);
    CHECK_EQ(V[0], 1);
    CHECK_EQ(V[1], 1);
    Mode = 1;
    CHECK_EQ(Run(IrqlEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckCode(), 0xC4);
    CHECK_EQ(BugcheckParam(0), 0x01);
    CHECK_EQ(BugcheckParam(1), DISPATCH_LEVEL);
    Mode = 2;
    CHECK_EQ(Run(IrqlEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckCode(), 0xC4);
    CHECK_EQ(BugcheckParam(0), 0x02);
    CHECK_EQ(BugcheckParam(1), HIGH_LEVEL);
    Mode = 0;
}

/* RES-1: initialising a live resource is 0xC4/0xD0; deleting one never
   initialised is 0xC4/0xD1; initialise, delete, initialise again is fine. */
static NTSTATUS InitEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    static ERESOURCE never;
    (VOID)Dr; (VOID)P;
    V[0] = ExInitializeResourceLite(&R);
    V[1] = ExDeleteResourceLite(&R);
    V[2] = ExInitializeResourceLite(&R);
    if (Mode == 1)
        ExInitializeResourceLite(&R);
    if (Mode == 2)
        ExDeleteResourceLite(&never);
    ExDeleteResourceLite(&R);
    return STATUS_SUCCESS;
}

void TestRES1InitializeAndDelete(void)
{
    Mode = 0;
    CHECK_EQ(Run(InitEntry), EmuOutcomeCompleted);
    CHECK_EQ(V[0], STATUS_SUCCESS);
    CHECK_EQ(V[1], STATUS_SUCCESS);
    CHECK_EQ(V[2], STATUS_SUCCESS);
    Mode = 1;
    CHECK_EQ(Run(InitEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckCode(), 0xC4);
    CHECK_EQ(BugcheckParam(0), 0xD0);
    Mode = 2;
    CHECK_EQ(Run(InitEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckCode(), 0xC4);
    CHECK_EQ(BugcheckParam(0), 0xD1);
    Mode = 0;
}

/* RES-3: exclusive is recursive for its owner; another thread's Wait = FALSE
   gets FALSE at once, whether the owner holds it exclusive or shared; a
   shared owner asking for exclusive is not upgraded (Wait = FALSE: FALSE;
   Wait = TRUE: it waits on itself). */
static VOID Asker(PVOID C)
{
    (VOID)C;
    KeEnterCriticalRegion();
    V[4] = ExAcquireResourceExclusiveLite(&R, FALSE);
    KeLeaveCriticalRegion();
}

static NTSTATUS ExclusiveEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    HANDLE h;
    (VOID)Dr; (VOID)P;
    ExInitializeResourceLite(&R);
    KeEnterCriticalRegion();
    V[0] = ExAcquireResourceExclusiveLite(&R, TRUE);
    V[1] = ExAcquireResourceExclusiveLite(&R, TRUE);
    V[2] = ExIsResourceAcquiredSharedLite(&R);                        /* depth 2 */
    V[4] = -1;
    h = StartThread(Asker, NULL);
    JoinThreads(&h, 1);
    V[3] = V[4];
    ExReleaseResourceLite(&R);
    ExReleaseResourceLite(&R);
    ExAcquireResourceSharedLite(&R, TRUE);
    V[4] = -1;
    h = StartThread(Asker, NULL);
    JoinThreads(&h, 1);
    V[5] = V[4];
    V[6] = ExAcquireResourceExclusiveLite(&R, FALSE);                 /* no upgrade */
    if (Mode)
        ExAcquireResourceExclusiveLite(&R, TRUE);                     /* waits on itself */
    ExReleaseResourceLite(&R);
    KeLeaveCriticalRegion();
    ExDeleteResourceLite(&R);
    return STATUS_SUCCESS;
}

void TestRES3ExclusiveAcquire(void)
{
    Mode = 0;
    CHECK_EQ(Run(ExclusiveEntry), EmuOutcomeCompleted);
    CHECK_EQ(V[0], TRUE);
    CHECK_EQ(V[1], TRUE);
    CHECK_EQ(V[2], 2);
    CHECK_EQ(V[3], FALSE);
    CHECK_EQ(V[5], FALSE);
    CHECK_EQ(V[6], FALSE);
    Mode = 1;
    CHECK_EQ(Run(ExclusiveEntry), EmuOutcomeDeadlock);
    Mode = 0;
}

/* RES-7: converting keeps the count as shared ownership and wakes the shared
   waiters, who then share it with the converter. */
static VOID SharedWaiter(PVOID C)
{
    (VOID)C;
    KeEnterCriticalRegion();
    ExAcquireResourceSharedLite(&R, TRUE);
    V[5] = 1;
    V[6] = ExIsResourceAcquiredExclusiveLite(&R);
    ExReleaseResourceLite(&R);
    KeLeaveCriticalRegion();
}

static NTSTATUS ConvertEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    LARGE_INTEGER wait = Rel(1000);
    HANDLE h;
    (VOID)Dr; (VOID)P;
    V[5] = 0;
    ExInitializeResourceLite(&R);
    KeEnterCriticalRegion();
    ExAcquireResourceExclusiveLite(&R, TRUE);
    ExAcquireResourceExclusiveLite(&R, TRUE);
    h = StartThread(SharedWaiter, NULL);
    KeDelayExecutionThread(KernelMode, FALSE, &wait);
    V[0] = V[5];                                                      /* still waiting */
    ExConvertExclusiveToSharedLite(&R);
    V[1] = ExIsResourceAcquiredExclusiveLite(&R);
    V[2] = ExIsResourceAcquiredSharedLite(&R);
    KeDelayExecutionThread(KernelMode, FALSE, &wait);
    V[3] = V[5];                                                      /* woken while we share */
    ExReleaseResourceLite(&R);
    ExReleaseResourceLite(&R);
    KeLeaveCriticalRegion();
    JoinThreads(&h, 1);
    ExDeleteResourceLite(&R);
    return STATUS_SUCCESS;
}

void TestRES7ConvertToShared(void)
{
    CHECK_EQ(Run(ConvertEntry), EmuOutcomeCompleted);
    CHECK_EQ(V[0], 0);
    CHECK_EQ(V[1], FALSE);
    CHECK_EQ(V[2], 2);
    CHECK_EQ(V[3], 1);
    CHECK_EQ(V[6], FALSE);
}

/* RES-9: the ERESOURCE calls change neither IRQL nor APC disabling: after a
   successful acquire inside a critical region, leaving the region and
   acquiring again is the caller's fault (0xC4/0x37), not masked by the first
   acquire. */
static NTSTATUS NoSideEffectEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    KIRQL old;
    (VOID)Dr; (VOID)P;
    ExInitializeResourceLite(&R);
    KeRaiseIrql(APC_LEVEL, &old);
    ExAcquireResourceExclusiveLite(&R, TRUE);
    V[0] = KeGetCurrentIrql();
    ExReleaseResourceLite(&R);
    V[1] = KeGetCurrentIrql();
    KeLowerIrql(old);
    KeEnterCriticalRegion();
    ExAcquireResourceSharedLite(&R, TRUE);
    V[2] = KeGetCurrentIrql();
    KeLeaveCriticalRegion();
    V[3] = 1;
    ExAcquireResourceSharedLite(&R, TRUE);                            /* APCs enabled again */
    V[3] = 2;
    return STATUS_SUCCESS;
}

void TestRES9NoIrqlOrApcChange(void)
{
    CHECK_EQ(Run(NoSideEffectEntry), EmuOutcomeBugcheck);
    CHECK_EQ(V[0], APC_LEVEL);
    CHECK_EQ(V[1], APC_LEVEL);
    CHECK_EQ(V[2], PASSIVE_LEVEL);
    CHECK_EQ(V[3], 1);
    CHECK_EQ(BugcheckCode(), 0xC4);
    CHECK_EQ(BugcheckParam(0), 0x37);
}
