/*++
Module Name: guarded_mutex.c
Abstract: WDKM_GUARDED_MUTEX: a KGUARDED_MUTEX and its data in non-paged
          pool. Held inside a guarded region (all kernel APCs off) without
          changing the IRQL.
--*/
#include "wdkmp.h"

struct _WDKM_GUARDED_MUTEX {
    KGUARDED_MUTEX Mutex;
    ULONG Signature;           /* alive, or cleared when freed             */
    ULONG64 DataSize;          /* sizeof(T); T follows at a 16-byte boundary */
};
/* Laid out alike in every build (x64 driver, WASM, native): the trace and
   pool sizes do not depend on the host's pointer size. */
#define DATA_AT(h) ((PVOID)((PUCHAR)(h) + WDKMP_DATA_OFFSET(WDKM_GUARDED_MUTEX)))
#define DATA(h) ((h)->DataSize ? DATA_AT(h) : NULL)

static BOOLEAN IsLive(const WDKM_GUARDED_MUTEX *Mutex)
{
    return Mutex != NULL && Mutex->Signature == WDKMP_SIG_GUARDED_MUTEX;
}

WDKM_STATUS WdkmGuardedMutexNew(SIZE_T DataSize, const VOID *Initial, WDKM_GUARDED_MUTEX **Mutex)
{
    WDKM_GUARDED_MUTEX *m;

    if (Mutex == NULL)
        return WDKM_INVALID_PARAMETER;
    *Mutex = NULL;
    if (KeGetCurrentIrql() > DISPATCH_LEVEL)
        return WDKM_IRQL_TOO_HIGH;
    m = (WDKM_GUARDED_MUTEX *)WdkmpAllocWithData(sizeof(*m), DataSize, Initial, WDKM_TAG_GUARDED_MUTEX);
    if (m == NULL)
        return WDKM_POOL_ALLOC_FAILED;
    m->Signature = WDKMP_SIG_GUARDED_MUTEX;
    m->DataSize = DataSize;
    KeInitializeGuardedMutex(&m->Mutex);
    *Mutex = m;
    return WDKM_OK;
}

WDKM_STATUS WdkmGuardedMutexLock(WDKM_GUARDED_MUTEX *Mutex, PVOID *Data)
{
    if (!IsLive(Mutex))
        return WDKM_INVALID_PARAMETER;
    if (KeGetCurrentIrql() > APC_LEVEL)
        return WDKM_IRQL_TOO_HIGH;
    KeAcquireGuardedMutex(&Mutex->Mutex);
    if (Data != NULL)
        *Data = DATA(Mutex);
    return WDKM_OK;
}

WDKM_STATUS WdkmGuardedMutexTryLock(WDKM_GUARDED_MUTEX *Mutex, PVOID *Data)
{
    if (!IsLive(Mutex))
        return WDKM_INVALID_PARAMETER;
    if (KeGetCurrentIrql() > APC_LEVEL)
        return WDKM_IRQL_TOO_HIGH;
    if (!KeTryToAcquireGuardedMutex(&Mutex->Mutex))
        return WDKM_NOT_ACQUIRED;
    if (Data != NULL)
        *Data = DATA(Mutex);
    return WDKM_OK;
}

VOID WdkmGuardedMutexUnlock(WDKM_GUARDED_MUTEX *Mutex)
{
    if (!IsLive(Mutex))
        WdkmpBadHandle(Mutex);
    KeReleaseGuardedMutex(&Mutex->Mutex);
}

WDKM_STATUS WdkmGuardedMutexUnlockSafe(WDKM_GUARDED_MUTEX *Mutex)
{
    if (!IsLive(Mutex))
        return WDKM_INVALID_PARAMETER;
    if (KeGetCurrentIrql() > APC_LEVEL)
        return WDKM_IRQL_TOO_HIGH;
    KeReleaseGuardedMutex(&Mutex->Mutex);
    return WDKM_OK;
}

VOID WdkmGuardedMutexIntoOwned(WDKM_GUARDED_MUTEX *Mutex, VOID *Out)
{
    if (!IsLive(Mutex))
        WdkmpBadHandle(Mutex);
    if (Out != NULL && Mutex->DataSize != 0)
        RtlCopyMemory(Out, DATA_AT(Mutex), Mutex->DataSize);
    WdkmGuardedMutexFree(Mutex);
}

VOID WdkmGuardedMutexFree(WDKM_GUARDED_MUTEX *Mutex)
{
    if (Mutex == NULL)
        return;
    if (!IsLive(Mutex))
        WdkmpBadHandle(Mutex);
    Mutex->Signature = WDKMP_SIG_FREED;
    ExFreePoolWithTag(Mutex, WDKM_TAG_GUARDED_MUTEX);
}

SIZE_T WdkmGuardedMutexDataSize(const WDKM_GUARDED_MUTEX *Mutex)
{
    return IsLive(Mutex) ? (SIZE_T)Mutex->DataSize : 0;
}
