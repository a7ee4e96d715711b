/*++
Module Name: fast_mutex.c
Abstract: FastMutex<T>: a FAST_MUTEX and its data in one block of non-paged
          pool. Lock raises to APC_LEVEL (not recursive); Unlock restores the
          IRQL the mutex saved. The IRQL checks return WDKM_IRQL_TOO_HIGH
          before anything is acquired.
--*/
#include "wdkmp.h"

struct _WDKM_FAST_MUTEX {
    FAST_MUTEX Mutex;
    ULONG Signature;           /* alive, or cleared when freed             */
    ULONG64 DataSize;          /* sizeof(T); T follows at a 16-byte boundary */
};
/* Laid out alike in every build (x64 driver, WASM, native): the trace and
   pool sizes do not depend on the host's pointer size. */
#define DATA_AT(h) ((PVOID)((PUCHAR)(h) + WDKMP_DATA_OFFSET(WDKM_FAST_MUTEX)))
#define DATA(h) ((h)->DataSize ? DATA_AT(h) : NULL)

static BOOLEAN IsLive(const WDKM_FAST_MUTEX *Mutex)
{
    return Mutex != NULL && Mutex->Signature == WDKMP_SIG_FAST_MUTEX;
}

WDKM_STATUS WdkmFastMutexNew(SIZE_T DataSize, const VOID *Initial, WDKM_FAST_MUTEX **Mutex)
{
    WDKM_FAST_MUTEX *m;

    if (Mutex == NULL)
        return WDKM_INVALID_PARAMETER;
    *Mutex = NULL;
    if (KeGetCurrentIrql() > DISPATCH_LEVEL)
        return WDKM_IRQL_TOO_HIGH;
    m = (WDKM_FAST_MUTEX *)WdkmpAllocWithData(sizeof(*m), DataSize, Initial, WDKM_TAG_FAST_MUTEX);
    if (m == NULL)
        return WDKM_POOL_ALLOC_FAILED;
    m->Signature = WDKMP_SIG_FAST_MUTEX;
    m->DataSize = DataSize;
    ExInitializeFastMutex(&m->Mutex);
    *Mutex = m;
    return WDKM_OK;
}

WDKM_STATUS WdkmFastMutexLock(WDKM_FAST_MUTEX *Mutex, PVOID *Data)
{
    if (!IsLive(Mutex))
        return WDKM_INVALID_PARAMETER;
    if (KeGetCurrentIrql() > APC_LEVEL)
        return WDKM_IRQL_TOO_HIGH;
    ExAcquireFastMutex(&Mutex->Mutex);
    if (Data != NULL)
        *Data = DATA(Mutex);
    return WDKM_OK;
}

WDKM_STATUS WdkmFastMutexTryLock(WDKM_FAST_MUTEX *Mutex, PVOID *Data)
{
    if (!IsLive(Mutex))
        return WDKM_INVALID_PARAMETER;
    if (KeGetCurrentIrql() > APC_LEVEL)
        return WDKM_IRQL_TOO_HIGH;
    if (!ExTryToAcquireFastMutex(&Mutex->Mutex))
        return WDKM_NOT_ACQUIRED;
    if (Data != NULL)
        *Data = DATA(Mutex);
    return WDKM_OK;
}

VOID WdkmFastMutexUnlock(WDKM_FAST_MUTEX *Mutex)
{
    if (!IsLive(Mutex))
        WdkmpBadHandle(Mutex);
    ExReleaseFastMutex(&Mutex->Mutex);
}

WDKM_STATUS WdkmFastMutexUnlockSafe(WDKM_FAST_MUTEX *Mutex)
{
    if (!IsLive(Mutex))
        return WDKM_INVALID_PARAMETER;
    /* The crate's drop_safe reports any IRQL but APC_LEVEL as too high. */
    if (KeGetCurrentIrql() != APC_LEVEL)
        return WDKM_IRQL_TOO_HIGH;
    ExReleaseFastMutex(&Mutex->Mutex);
    return WDKM_OK;
}

VOID WdkmFastMutexIntoOwned(WDKM_FAST_MUTEX *Mutex, VOID *Out)
{
    if (!IsLive(Mutex))
        WdkmpBadHandle(Mutex);
    if (Out != NULL && Mutex->DataSize != 0)
        RtlCopyMemory(Out, DATA_AT(Mutex), Mutex->DataSize);
    WdkmFastMutexFree(Mutex);
}

VOID WdkmFastMutexFree(WDKM_FAST_MUTEX *Mutex)
{
    if (Mutex == NULL)
        return;
    if (!IsLive(Mutex))
        WdkmpBadHandle(Mutex);
    Mutex->Signature = WDKMP_SIG_FREED;
    ExFreePoolWithTag(Mutex, WDKM_TAG_FAST_MUTEX);
}

SIZE_T WdkmFastMutexDataSize(const WDKM_FAST_MUTEX *Mutex)
{
    return IsLive(Mutex) ? (SIZE_T)Mutex->DataSize : 0;
}
