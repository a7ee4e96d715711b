/*++
Module Name: selftest_tests.c
Abstract: The wdkm conformance tests, as the wdk-mutex crate's own test
          driver runs them: shared counters under each lock kind, the Grt
          with nested registration and every error in the crate's order,
          IntoOwned, and the IRQL checks that refuse without acquiring.
Environment: Kernel mode, PASSIVE_LEVEL; ntddk.h and wdkm.h only.
--*/
#include "selftest_tests.h"

#define THREADS 3              /* as the crate's tests: three contending threads */
#define COUNTER_ROUNDS 500     /* per thread: counters end at 1500 */
#define GRT_ROUNDS 100         /* per thread: Grt counters end at 300 */
#define TAG_SELFTEST 'tSdW'    /* "WdSt": the pool the tests allocate themselves */

/* ---- checks ------------------------------------------------------------ */

static VOID Check(SELFTEST_CONTEXT *Ctx, BOOLEAN Holds, PCSTR What, int Line)
{
    if (Holds) {
        Ctx->Passed++;
        return;
    }
    Ctx->Failed++;
    DbgPrint("wdkm selftest: FAIL %s, line %d: %s\n", Ctx->CurrentTest, Line, What);
}

static VOID CheckStatus(SELFTEST_CONTEXT *Ctx, WDKM_STATUS Actual, WDKM_STATUS Expected, PCSTR What, int Line)
{
    if (Actual == Expected) {
        Ctx->Passed++;
        return;
    }
    Ctx->Failed++;
    DbgPrint("wdkm selftest: FAIL %s, line %d: %s gave %s, expected %s\n", Ctx->CurrentTest, Line, What,
             WdkmStatusName(Actual), WdkmStatusName(Expected));
}

#define CHECK(Ctx, Cond) Check((Ctx), (BOOLEAN)((Cond) ? TRUE : FALSE), #Cond, __LINE__)
#define CHECK_STATUS(Ctx, Call, Expected) CheckStatus((Ctx), (Call), (Expected), #Call, __LINE__)

/* ---- threads ----------------------------------------------------------- */

/* Starts Count system threads at Routine and references their objects, the
   thing a wait needs. Returns how many started; the caller joins those. */
static ULONG StartThreads(ULONG Count, PKSTART_ROUTINE Routine, PVOID Context, PVOID Threads[])
{
    HANDLE handle;
    ULONG started;

    for (started = 0; started < Count; started++) {
        if (!NT_SUCCESS(PsCreateSystemThread(&handle, THREAD_ALL_ACCESS, NULL, NULL, NULL, Routine, Context)))
            break;
        /* Cannot fail for a kernel handle with THREAD_ALL_ACCESS that the
           call above just returned; if it ever did, the thread could not be
           waited for, and the caller's count shows the test failed. */
        if (!NT_SUCCESS(ObReferenceObjectByHandle(handle, SYNCHRONIZE, NULL, KernelMode, &Threads[started], NULL))) {
            ZwClose(handle);
            break;
        }
        ZwClose(handle);
    }
    return started;
}

static VOID JoinThreads(ULONG Count, PVOID Threads[])
{
    ULONG i;

    for (i = 0; i < Count; i++) {
        KeWaitForSingleObject(Threads[i], Executive, KernelMode, FALSE, NULL);
        ObDereferenceObject(Threads[i]);
    }
}

/* Runs Routine in THREADS system threads and waits for all of them. */
static BOOLEAN RunThreads(PKSTART_ROUTINE Routine, PVOID Context)
{
    PVOID threads[THREADS];
    ULONG started = StartThreads(THREADS, Routine, Context, threads);

    JoinThreads(started, threads);
    return started == THREADS;
}

/* ---- counters under each lock kind ------------------------------------- */

static KSTART_ROUTINE KMutexAdder;
static KSTART_ROUTINE FastMutexAdder;
static KSTART_ROUTINE PoolPointerAdder;

_Use_decl_annotations_
static VOID KMutexAdder(PVOID Context)
{
    WDKM_KMUTEX *mutex = (WDKM_KMUTEX *)Context;
    PVOID data;
    int i;

    for (i = 0; i < COUNTER_ROUNDS; i++) {
        if (WdkmKMutexLock(mutex, &data) != WDKM_OK)
            break;
        *(ULONG *)data += 1;
        WdkmKMutexUnlock(mutex);
    }
    PsTerminateSystemThread(STATUS_SUCCESS);
}

_Use_decl_annotations_
static VOID FastMutexAdder(PVOID Context)
{
    WDKM_FAST_MUTEX *mutex = (WDKM_FAST_MUTEX *)Context;
    PVOID data;
    int i;

    for (i = 0; i < COUNTER_ROUNDS; i++) {
        if (WdkmFastMutexLock(mutex, &data) != WDKM_OK)
            break;
        *(ULONG *)data += 1;
        WdkmFastMutexUnlock(mutex);
    }
    PsTerminateSystemThread(STATUS_SUCCESS);
}

/* The mutex guards a pointer; the counter lives in pool the test owns. */
_Use_decl_annotations_
static VOID PoolPointerAdder(PVOID Context)
{
    WDKM_KMUTEX *mutex = (WDKM_KMUTEX *)Context;
    PVOID data;
    int i;

    for (i = 0; i < COUNTER_ROUNDS; i++) {
        if (WdkmKMutexLock(mutex, &data) != WDKM_OK)
            break;
        **(ULONG **)data += 1;
        WdkmKMutexUnlock(mutex);
    }
    PsTerminateSystemThread(STATUS_SUCCESS);
}

static VOID TestKMutexCounter(SELFTEST_CONTEXT *Ctx)
{
    WDKM_KMUTEX *mutex;
    ULONG zero = 0, total = 0;

    CHECK_STATUS(Ctx, WdkmKMutexNew(sizeof(ULONG), &zero, &mutex), WDKM_OK);
    if (mutex == NULL)
        return;
    CHECK(Ctx, RunThreads(KMutexAdder, mutex));
    WdkmKMutexIntoOwned(mutex, &total);
    CHECK(Ctx, total == THREADS * COUNTER_ROUNDS);
}

static VOID TestFastMutexCounter(SELFTEST_CONTEXT *Ctx)
{
    WDKM_FAST_MUTEX *mutex;
    ULONG zero = 0, total = 0;

    CHECK_STATUS(Ctx, WdkmFastMutexNew(sizeof(ULONG), &zero, &mutex), WDKM_OK);
    if (mutex == NULL)
        return;
    CHECK(Ctx, RunThreads(FastMutexAdder, mutex));
    WdkmFastMutexIntoOwned(mutex, &total);
    CHECK(Ctx, total == THREADS * COUNTER_ROUNDS);
}

static VOID TestMutexGuardingPool(SELFTEST_CONTEXT *Ctx)
{
    WDKM_KMUTEX *mutex = NULL;
    ULONG *counter, *owned = NULL;

    counter = (ULONG *)ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(ULONG), TAG_SELFTEST);
    CHECK(Ctx, counter != NULL);
    if (counter == NULL)
        return;
    CHECK(Ctx, *counter == 0);   /* ExAllocatePool2 zeroes */
    CHECK_STATUS(Ctx, WdkmKMutexNew(sizeof(ULONG *), &counter, &mutex), WDKM_OK);
    if (mutex != NULL) {
        CHECK(Ctx, RunThreads(PoolPointerAdder, mutex));
        WdkmKMutexIntoOwned(mutex, &owned);
        CHECK(Ctx, owned == counter);
        CHECK(Ctx, *counter == THREADS * COUNTER_ROUNDS);
    }
    ExFreePoolWithTag(counter, TAG_SELFTEST);
}

/* Byte comparison without the run-time library (and without
   RtlCompareMemory, which the emulated kernel does not provide). */
static BOOLEAN SameBytes(const VOID *A, const VOID *B, SIZE_T Size)
{
    const UCHAR *a = (const UCHAR *)A, *b = (const UCHAR *)B;
    SIZE_T i;

    for (i = 0; i < Size; i++) {
        if (a[i] != b[i])
            return FALSE;
    }
    return TRUE;
}

/* IntoOwned hands back T by value, whatever its size, and frees the mutex. */
static VOID TestIntoOwned(SELFTEST_CONTEXT *Ctx)
{
    typedef struct { ULONG64 A; UCHAR B[13]; } ODD;
    ODD initial = { 0x1122334455667788ULL, { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13 } }, out;
    WDKM_KMUTEX *kmutex;
    WDKM_FAST_MUTEX *fmutex;
    WDKM_SPIN_LOCK *spin;
    LONG64 value = -5, back = 0;

    RtlZeroMemory(&out, sizeof(out));
    CHECK_STATUS(Ctx, WdkmKMutexNew(sizeof(ODD), &initial, &kmutex), WDKM_OK);
    if (kmutex != NULL) {
        WdkmKMutexIntoOwned(kmutex, &out);
        CHECK(Ctx, SameBytes(&out, &initial, sizeof(ODD)));
    }
    CHECK_STATUS(Ctx, WdkmFastMutexNew(sizeof(LONG64), &value, &fmutex), WDKM_OK);
    if (fmutex != NULL) {
        WdkmFastMutexIntoOwned(fmutex, &back);
        CHECK(Ctx, back == -5);
    }
    back = 0;
    CHECK_STATUS(Ctx, WdkmSpinLockNew(sizeof(LONG64), &value, &spin), WDKM_OK);
    if (spin != NULL) {
        WdkmSpinLockIntoOwned(spin, &back);
        CHECK(Ctx, back == -5);
    }
}

/* ---- the Grt ------------------------------------------------------------ */

/* Every Grt error, each where the crate reports it, in the crate's order. */
static VOID TestGrtErrors(SELFTEST_CONTEXT *Ctx)
{
    WDKM_KMUTEX *kmutex;
    WDKM_FAST_MUTEX *fmutex;
    ULONG one = 1;

    CHECK_STATUS(Ctx, WdkmGrtGetKMutex("a", WDKM_TYPE(ULONG), &kmutex), WDKM_GRT_IS_NULL);
    CHECK_STATUS(Ctx, WdkmGrtRegisterKMutex("a", WDKM_TYPE(ULONG), &one), WDKM_GRT_IS_NULL);
    CHECK_STATUS(Ctx, WdkmGrtDestroy(), WDKM_GRT_IS_NULL);
    CHECK_STATUS(Ctx, WdkmGrtInit(), WDKM_OK);
    CHECK_STATUS(Ctx, WdkmGrtInit(), WDKM_GRT_ALREADY_EXISTS);
    CHECK_STATUS(Ctx, WdkmGrtGetKMutex("a", WDKM_TYPE(ULONG), &kmutex), WDKM_GRT_IS_EMPTY);
    CHECK_STATUS(Ctx, WdkmGrtRegisterKMutex("a", WDKM_TYPE(ULONG), &one), WDKM_OK);
    CHECK_STATUS(Ctx, WdkmGrtGetKMutex("b", WDKM_TYPE(ULONG), &kmutex), WDKM_KEY_NOT_FOUND);
    CHECK_STATUS(Ctx, WdkmGrtGetKMutex("a", WDKM_TYPE(LONG), &kmutex), WDKM_DOWNCAST_ERROR);
    CHECK_STATUS(Ctx, WdkmGrtGetFastMutex("a", WDKM_TYPE(ULONG), &fmutex), WDKM_DOWNCAST_ERROR);
    CHECK_STATUS(Ctx, WdkmGrtRegisterKMutexChecked("a", WDKM_TYPE(ULONG), &one), WDKM_KEY_EXISTS);
    CHECK_STATUS(Ctx, WdkmGrtRegisterFastMutexChecked("a", WDKM_TYPE(ULONG), &one), WDKM_KEY_EXISTS);
    CHECK_STATUS(Ctx, WdkmGrtGetKMutex("a", WDKM_TYPE(ULONG), &kmutex), WDKM_OK);
    CHECK_STATUS(Ctx, WdkmGrtDestroy(), WDKM_OK);
    CHECK_STATUS(Ctx, WdkmGrtGetKMutex("a", WDKM_TYPE(ULONG), &kmutex), WDKM_GRT_IS_NULL);
}

static const PCSTR GrtLabels[] = { "grt_outer", "grt_middle", "grt_inner" };
#define GRT_LEVELS ((ULONG)(sizeof(GrtLabels) / sizeof(GrtLabels[0])))

/* Gets a level's mutex by label; the first thread to need an inner level
   registers it, nested inside the lock of the level above. */
static WDKM_FAST_MUTEX *GetOrRegister(ULONG Level)
{
    WDKM_FAST_MUTEX *mutex = NULL;
    WDKM_STATUS status = WdkmGrtGetFastMutex(GrtLabels[Level], WDKM_TYPE(ULONG), &mutex);

    if (status == WDKM_KEY_NOT_FOUND) {
        status = WdkmGrtRegisterFastMutexChecked(GrtLabels[Level], WDKM_TYPE(ULONG), NULL);
        if (status == WDKM_OK || status == WDKM_KEY_EXISTS)
            status = WdkmGrtGetFastMutex(GrtLabels[Level], WDKM_TYPE(ULONG), &mutex);
    }
    return status == WDKM_OK ? mutex : NULL;
}

static KSTART_ROUTINE GrtNestedAdder;

_Use_decl_annotations_
static VOID GrtNestedAdder(PVOID Context)
{
    WDKM_FAST_MUTEX *held[GRT_LEVELS];
    PVOID data;
    ULONG level, locked;
    int i;

    UNREFERENCED_PARAMETER(Context);
    for (i = 0; i < GRT_ROUNDS; i++) {
        for (locked = 0; locked < GRT_LEVELS; locked++) {
            held[locked] = GetOrRegister(locked);
            if (held[locked] == NULL || WdkmFastMutexLock(held[locked], &data) != WDKM_OK)
                break;
            *(ULONG *)data += 1;
        }
        for (level = locked; level > 0; level--)
            WdkmFastMutexUnlock(held[level - 1]);
    }
    PsTerminateSystemThread(STATUS_SUCCESS);
}

static VOID TestGrtNestedFastMutexes(SELFTEST_CONTEXT *Ctx)
{
    WDKM_FAST_MUTEX *mutex;
    PVOID data;
    ULONG level;

    CHECK_STATUS(Ctx, WdkmGrtInit(), WDKM_OK);
    CHECK_STATUS(Ctx, WdkmGrtRegisterFastMutexChecked(GrtLabels[0], WDKM_TYPE(ULONG), NULL), WDKM_OK);
    CHECK(Ctx, RunThreads(GrtNestedAdder, NULL));
    for (level = 0; level < GRT_LEVELS; level++) {
        CHECK_STATUS(Ctx, WdkmGrtGetFastMutex(GrtLabels[level], WDKM_TYPE(ULONG), &mutex), WDKM_OK);
        if (mutex != NULL && WdkmFastMutexLock(mutex, &data) == WDKM_OK) {
            CHECK(Ctx, *(ULONG *)data == THREADS * GRT_ROUNDS);
            WdkmFastMutexUnlock(mutex);
        }
    }
    CHECK_STATUS(Ctx, WdkmGrtDestroy(), WDKM_OK);
}

/* ---- IRQL checks ---------------------------------------------------------- */

static KSTART_ROUTINE TryFromOtherThread;

/* Context: the KMutex; the result goes back through the first field. */
typedef struct _TRY_REQUEST {
    WDKM_KMUTEX *Mutex;
    WDKM_STATUS Result;
} TRY_REQUEST;

_Use_decl_annotations_
static VOID TryFromOtherThread(PVOID Context)
{
    TRY_REQUEST *request = (TRY_REQUEST *)Context;

    request->Result = WdkmKMutexTryLock(request->Mutex, NULL);
    if (request->Result == WDKM_OK)
        WdkmKMutexUnlock(request->Mutex);
    PsTerminateSystemThread(STATUS_SUCCESS);
}

/* At DISPATCH_LEVEL every waiting lock refuses with WDKM_IRQL_TOO_HIGH and
   takes nothing; a spin lock is the lock that works there. */
static VOID TestIrqlTooHigh(SELFTEST_CONTEXT *Ctx)
{
    WDKM_KMUTEX *kmutex;
    WDKM_FAST_MUTEX *fmutex;
    WDKM_SPIN_LOCK *spin;
    TRY_REQUEST request;
    PVOID thread, data;
    KIRQL old;

    CHECK_STATUS(Ctx, WdkmKMutexNew(0, NULL, &kmutex), WDKM_OK);
    CHECK_STATUS(Ctx, WdkmFastMutexNew(0, NULL, &fmutex), WDKM_OK);
    CHECK_STATUS(Ctx, WdkmSpinLockNew(0, NULL, &spin), WDKM_OK);
    if (kmutex == NULL || fmutex == NULL || spin == NULL)
        goto free_locks;

    KeRaiseIrql(DISPATCH_LEVEL, &old);
    CHECK_STATUS(Ctx, WdkmKMutexLock(kmutex, &data), WDKM_IRQL_TOO_HIGH);
    CHECK_STATUS(Ctx, WdkmFastMutexLock(fmutex, &data), WDKM_IRQL_TOO_HIGH);
    CHECK_STATUS(Ctx, WdkmFastMutexTryLock(fmutex, &data), WDKM_IRQL_TOO_HIGH);
    CHECK_STATUS(Ctx, WdkmSpinLockLock(spin, &data), WDKM_OK);
    WdkmSpinLockUnlock(spin);
    CHECK(Ctx, KeGetCurrentIrql() == DISPATCH_LEVEL);   /* Unlock restored it */
    KeLowerIrql(old);

    /* Nothing was acquired: the fast mutex (not recursive) is free for us,
       and the KMutex (recursive for its owner) is free for another thread. */
    CHECK_STATUS(Ctx, WdkmFastMutexTryLock(fmutex, &data), WDKM_OK);
    WdkmFastMutexUnlock(fmutex);
    request.Mutex = kmutex;
    request.Result = WDKM_INVALID_PARAMETER;
    if (StartThreads(1, TryFromOtherThread, &request, &thread) == 1)
        JoinThreads(1, &thread);
    CHECK_STATUS(Ctx, request.Result, WDKM_OK);
    /* The crate's drop_safe: a FastMutex unlock is refused below APC_LEVEL. */
    CHECK_STATUS(Ctx, WdkmFastMutexUnlockSafe(fmutex), WDKM_IRQL_TOO_HIGH);
    CHECK(Ctx, KeGetCurrentIrql() == PASSIVE_LEVEL);

free_locks:
    WdkmSpinLockFree(spin);
    WdkmFastMutexFree(fmutex);
    WdkmKMutexFree(kmutex);
}

/* ---- the table ---------------------------------------------------------- */

const SELFTEST_CASE SelftestCases[] = {
    { "grt errors", TestGrtErrors },
    { "kmutex counter", TestKMutexCounter },
    { "fast mutex counter", TestFastMutexCounter },
    { "mutex guarding pool", TestMutexGuardingPool },
    { "into owned", TestIntoOwned },
    { "grt nested fast mutexes", TestGrtNestedFastMutexes },
    { "irql too high", TestIrqlTooHigh },
};
const ULONG SelftestCaseCount = (ULONG)(sizeof(SelftestCases) / sizeof(SelftestCases[0]));

VOID SelftestRunAll(SELFTEST_CONTEXT *Context)
{
    ULONG i, failedBefore;

    RtlZeroMemory(Context, sizeof(*Context));
    for (i = 0; i < SelftestCaseCount; i++) {
        Context->CurrentTest = SelftestCases[i].Name;
        failedBefore = Context->Failed;
        SelftestCases[i].Run(Context);
        DbgPrint("wdkm selftest: %s %s\n", Context->Failed == failedBefore ? "ok  " : "FAIL", SelftestCases[i].Name);
    }
    Context->CurrentTest = NULL;
}
