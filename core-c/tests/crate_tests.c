/*++
Module Name: crate_tests.c
Abstract: The wdk-mutex crate's own driver tests, ported to C on the
          emulated kernel.
--*/
#include "harness.h"

static WDKM_KMUTEX *Counter;
static WDKM_FAST_MUTEX *FastCounter;
static ULONG Final;

static VOID KMutexWorker(PVOID Context)
{
    ULONG i;
    (VOID)Context;
    for (i = 0; i < 500; i++) {
        PVOID data;
        CHECK_EQ(WdkmKMutexLock(Counter, &data), WDKM_OK);
        *(ULONG *)data += 1;
        WdkmKMutexUnlock(Counter);
    }
    PsTerminateSystemThread(STATUS_SUCCESS);
}

static NTSTATUS KMutexCounterEntry(PDRIVER_OBJECT Driver, PUNICODE_STRING Path)
{
    HANDLE threads[3];
    ULONG zero = 0, i;
    (VOID)Driver; (VOID)Path;
    CHECK_EQ(WdkmKMutexNew(sizeof(ULONG), &zero, &Counter), WDKM_OK);
    for (i = 0; i < 3; i++)
        threads[i] = StartThread(KMutexWorker, NULL);
    JoinThreads(threads, 3);
    WdkmKMutexIntoOwned(Counter, &Final);
    DbgPrint("counter = %lu\n", Final);
    return STATUS_SUCCESS;
}

void TestCrateKMutexCounter(void)
{
    EMU_POLICY p;
    for (p = EmuPolicyTimed; p <= EmuPolicyPct; p++) {
        Final = 0;
        CHECK_EQ(RunOn(KMutexCounterEntry, 2, p, 7), EmuOutcomeCompleted);
        CHECK_EQ(Final, 1500);
        CHECK_EQ(EmuLeakCount(), 0);
        CHECK(OutputContains("counter = 1500"));
    }
}

static VOID FastWorker(PVOID Context)
{
    ULONG i;
    (VOID)Context;
    for (i = 0; i < 500; i++) {
        PVOID data;
        CHECK_EQ(WdkmFastMutexLock(FastCounter, &data), WDKM_OK);
        CHECK_EQ(KeGetCurrentIrql(), APC_LEVEL);
        *(ULONG *)data += 1;
        WdkmFastMutexUnlock(FastCounter);
    }
}

static NTSTATUS FastCounterEntry(PDRIVER_OBJECT Driver, PUNICODE_STRING Path)
{
    HANDLE threads[3];
    ULONG zero = 0, i;
    (VOID)Driver; (VOID)Path;
    CHECK_EQ(WdkmFastMutexNew(sizeof(ULONG), &zero, &FastCounter), WDKM_OK);
    for (i = 0; i < 3; i++)
        threads[i] = StartThread(FastWorker, NULL);
    JoinThreads(threads, 3);
    WdkmFastMutexIntoOwned(FastCounter, &Final);
    return STATUS_SUCCESS;
}

void TestCrateFastMutexCounter(void)
{
    Final = 0;
    CHECK_EQ(RunOn(FastCounterEntry, 4, EmuPolicyRandom, 3), EmuOutcomeCompleted);
    CHECK_EQ(Final, 1500);
    CHECK_EQ(EmuLeakCount(), 0);
}

/* The mutex guards a pointer to pool the driver allocated. */
static VOID PointerWorker(PVOID Context)
{
    ULONG i;
    (VOID)Context;
    for (i = 0; i < 500; i++) {
        PVOID data;
        CHECK_EQ(WdkmKMutexLock(Counter, &data), WDKM_OK);
        **(ULONG **)data += 1;
        WdkmKMutexUnlock(Counter);
    }
}

static NTSTATUS PointerEntry(PDRIVER_OBJECT Driver, PUNICODE_STRING Path)
{
    HANDLE threads[3];
    ULONG *block, i;
    (VOID)Driver; (VOID)Path;
    block = (ULONG *)ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(ULONG), 'tseT');
    CHECK(block != NULL);
    CHECK_EQ(*block, 0);
    CHECK_EQ(WdkmKMutexNew(sizeof(block), &block, &Counter), WDKM_OK);
    for (i = 0; i < 3; i++)
        threads[i] = StartThread(PointerWorker, NULL);
    JoinThreads(threads, 3);
    Final = *block;
    WdkmKMutexFree(Counter);
    ExFreePoolWithTag(block, 'tseT');
    return STATUS_SUCCESS;
}

void TestCratePoolPointer(void)
{
    Final = 0;
    CHECK_EQ(Run(PointerEntry), EmuOutcomeCompleted);
    CHECK_EQ(Final, 1500);
    CHECK_EQ(EmuLeakCount(), 0);
}

typedef struct _PAIR { LONG A; ULONG64 B; } PAIR;

static NTSTATUS IntoOwnedEntry(PDRIVER_OBJECT Driver, PUNICODE_STRING Path)
{
    PAIR in = { -5, 0x1122334455667788ull }, out = { 0, 0 };
    WDKM_KMUTEX *m;
    WDKM_FAST_MUTEX *f;
    PVOID data;
    (VOID)Driver; (VOID)Path;
    CHECK_EQ(WdkmKMutexNew(sizeof(in), &in, &m), WDKM_OK);
    CHECK_EQ(WdkmKMutexLock(m, &data), WDKM_OK);
    ((PAIR *)data)->A = 42;
    WdkmKMutexUnlock(m);
    WdkmKMutexIntoOwned(m, &out);
    CHECK_EQ(out.A, 42);
    CHECK(out.B == 0x1122334455667788ull);
    CHECK_EQ(WdkmFastMutexNew(sizeof(in), &in, &f), WDKM_OK);
    WdkmFastMutexIntoOwned(f, &out);
    CHECK_EQ(out.A, -5);
    return STATUS_SUCCESS;
}

void TestCrateIntoOwned(void)
{
    CHECK_EQ(Run(IntoOwnedEntry), EmuOutcomeCompleted);
    CHECK_EQ(EmuLeakCount(), 0);
}

static ULONG GrtFinal[2];

static VOID GrtWorker(PVOID Context)
{
    static const PCSTR labels[2] = { "first", "second" };
    ULONG i, l;
    (VOID)Context;
    for (l = 0; l < 2; l++) {
        WDKM_FAST_MUTEX *m;
        CHECK_EQ(WdkmGrtGetFastMutex(labels[l], WDKM_TYPE(ULONG), &m), WDKM_OK);
        for (i = 0; i < 100; i++) {
            PVOID data;
            CHECK_EQ(WdkmFastMutexLock(m, &data), WDKM_OK);
            *(ULONG *)data += 1;
            WdkmFastMutexUnlock(m);
        }
    }
}

/* Registration from a nested call, as a driver's helper would do it. */
static VOID RegisterNested(PCSTR Label)
{
    ULONG zero = 0;
    CHECK_EQ(WdkmGrtRegisterFastMutex(Label, WDKM_TYPE(ULONG), &zero), WDKM_OK);
}

static NTSTATUS GrtEntry(PDRIVER_OBJECT Driver, PUNICODE_STRING Path)
{
    HANDLE threads[3];
    WDKM_FAST_MUTEX *m;
    PVOID data;
    ULONG i;
    (VOID)Driver; (VOID)Path;
    CHECK_EQ(WdkmGrtInit(), WDKM_OK);
    RegisterNested("first");
    RegisterNested("second");
    for (i = 0; i < 3; i++)
        threads[i] = StartThread(GrtWorker, NULL);
    JoinThreads(threads, 3);
    CHECK_EQ(WdkmGrtGetFastMutex("first", WDKM_TYPE(ULONG), &m), WDKM_OK);
    WdkmFastMutexLock(m, &data);
    GrtFinal[0] = *(ULONG *)data;
    WdkmFastMutexUnlock(m);
    CHECK_EQ(WdkmGrtGetFastMutex("second", WDKM_TYPE(ULONG), &m), WDKM_OK);
    WdkmFastMutexLock(m, &data);
    GrtFinal[1] = *(ULONG *)data;
    WdkmFastMutexUnlock(m);
    CHECK_EQ(WdkmGrtDestroy(), WDKM_OK);
    return STATUS_SUCCESS;
}

void TestCrateGrtThreads(void)
{
    GrtFinal[0] = GrtFinal[1] = 0;
    CHECK_EQ(RunOn(GrtEntry, 2, EmuPolicyRoundRobin, 1), EmuOutcomeCompleted);
    CHECK_EQ(GrtFinal[0], 300);
    CHECK_EQ(GrtFinal[1], 300);
    CHECK_EQ(EmuLeakCount(), 0);
}

static NTSTATUS GrtErrorsEntry(PDRIVER_OBJECT Driver, PUNICODE_STRING Path)
{
    WDKM_KMUTEX *k;
    WDKM_FAST_MUTEX *f;
    ULONG one = 1;
    (VOID)Driver; (VOID)Path;
    CHECK_EQ(WdkmGrtGetKMutex("a", WDKM_TYPE(ULONG), &k), WDKM_GRT_IS_NULL);
    CHECK_EQ(WdkmGrtRegisterKMutex("a", WDKM_TYPE(ULONG), &one), WDKM_GRT_IS_NULL);
    CHECK_EQ(WdkmGrtDestroy(), WDKM_GRT_IS_NULL);
    CHECK_EQ(WdkmGrtInit(), WDKM_OK);
    CHECK_EQ(WdkmGrtInit(), WDKM_GRT_ALREADY_EXISTS);
    CHECK_EQ(WdkmGrtGetKMutex("a", WDKM_TYPE(ULONG), &k), WDKM_GRT_IS_EMPTY);
    CHECK_EQ(WdkmGrtRegisterKMutex("a", WDKM_TYPE(ULONG), &one), WDKM_OK);
    CHECK_EQ(WdkmGrtGetKMutex("b", WDKM_TYPE(ULONG), &k), WDKM_KEY_NOT_FOUND);
    CHECK_EQ(WdkmGrtGetKMutex("a", WDKM_TYPE(LONG), &k), WDKM_DOWNCAST_ERROR);
    CHECK_EQ(WdkmGrtGetFastMutex("a", WDKM_TYPE(ULONG), &f), WDKM_DOWNCAST_ERROR);
    CHECK_EQ(WdkmGrtRegisterKMutexChecked("a", WDKM_TYPE(ULONG), &one), WDKM_KEY_EXISTS);
    CHECK_EQ(WdkmGrtRegisterFastMutexChecked("f", WDKM_TYPE(ULONG), &one), WDKM_OK);
    CHECK_EQ(WdkmGrtRegisterKMutex("a", WDKM_TYPE(LONG), &one), WDKM_OK);   /* replaces */
    CHECK_EQ(WdkmGrtGetKMutex("a", WDKM_TYPE(LONG), &k), WDKM_OK);
    CHECK_EQ(WdkmGrtGetKMutex("a", WDKM_TYPE(ULONG), &k), WDKM_DOWNCAST_ERROR);
    CHECK_EQ(WdkmGrtDestroy(), WDKM_OK);
    CHECK_EQ(WdkmGrtGetKMutex("a", WDKM_TYPE(LONG), &k), WDKM_GRT_IS_NULL);
    CHECK(k == NULL);
    return STATUS_SUCCESS;
}

void TestCrateGrtErrors(void)
{
    CHECK_EQ(Run(GrtErrorsEntry), EmuOutcomeCompleted);
    CHECK_EQ(EmuLeakCount(), 0);
}

static NTSTATUS IrqlChecksEntry(PDRIVER_OBJECT Driver, PUNICODE_STRING Path)
{
    WDKM_KMUTEX *k, *other = (WDKM_KMUTEX *)1;
    WDKM_FAST_MUTEX *f;
    PVOID data = (PVOID)1;
    KIRQL old;
    ULONG zero = 0;
    (VOID)Driver; (VOID)Path;
    CHECK_EQ(WdkmKMutexNew(sizeof(ULONG), &zero, &k), WDKM_OK);
    CHECK_EQ(WdkmFastMutexNew(sizeof(ULONG), &zero, &f), WDKM_OK);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    CHECK_EQ(WdkmKMutexLock(k, &data), WDKM_IRQL_TOO_HIGH);
    CHECK_EQ(WdkmFastMutexLock(f, &data), WDKM_IRQL_TOO_HIGH);
    CHECK_EQ(WdkmFastMutexTryLock(f, &data), WDKM_IRQL_TOO_HIGH);
    CHECK(data == (PVOID)1);
    KeLowerIrql(old);
    KeRaiseIrql(HIGH_LEVEL, &old);
    CHECK_EQ(WdkmKMutexNew(sizeof(ULONG), &zero, &other), WDKM_IRQL_TOO_HIGH);
    CHECK(other == NULL);
    KeLowerIrql(old);
    CHECK_EQ(WdkmGrtInit(), WDKM_OK);
    KeRaiseIrql(HIGH_LEVEL, &old);
    CHECK_EQ(WdkmGrtRegisterFastMutex("x", WDKM_TYPE(ULONG), &zero), WDKM_IRQL_TOO_HIGH);
    KeLowerIrql(old);
    CHECK_EQ(WdkmGrtDestroy(), WDKM_OK);
    /* Nothing was acquired: both are free and lock at PASSIVE_LEVEL. */
    CHECK_EQ(WdkmKMutexLock(k, &data), WDKM_OK);
    CHECK_EQ(WdkmKMutexUnlockSafe(k), WDKM_OK);
    CHECK_EQ(WdkmFastMutexLock(f, &data), WDKM_OK);
    CHECK_EQ(WdkmFastMutexUnlockSafe(f), WDKM_OK);
    CHECK_EQ(WdkmFastMutexUnlockSafe(f), WDKM_IRQL_TOO_HIGH);   /* not at APC_LEVEL now */
    WdkmKMutexFree(k);
    WdkmFastMutexFree(f);
    return STATUS_SUCCESS;
}

void TestCrateIrqlChecks(void)
{
    CHECK_EQ(Run(IrqlChecksEntry), EmuOutcomeCompleted);
    CHECK_EQ(EmuLeakCount(), 0);
}
