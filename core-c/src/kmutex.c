/*++
Module Name: kmutex.c
Abstract: KMutex<T>: a KMUTEX and its data in one block of non-paged pool.
          Lock waits on the KMUTEX (recursive for its owner, inside a critical
          region while held); the IRQL checks return WDKM_IRQL_TOO_HIGH
          before anything is acquired.
--*/
#include "wdkmp.h"

struct _WDKM_KMUTEX {
    KMUTEX Mutex;              /* first: the same offset everywhere          */
    ULONG Signature;           /* alive, or cleared when freed             */
    ULONG64 DataSize;          /* sizeof(T); T follows at a 16-byte boundary */
};
/* Laid out alike in every build (x64 driver, WASM, native): the trace and
   pool sizes do not depend on the host's pointer size. */
#define DATA_AT(h) ((PVOID)((PUCHAR)(h) + WDKMP_DATA_OFFSET(WDKM_KMUTEX)))
#define DATA(h) ((h)->DataSize ? DATA_AT(h) : NULL)

static BOOLEAN IsLive(const WDKM_KMUTEX *Mutex)
{
    return Mutex != NULL && Mutex->Signature == WDKMP_SIG_KMUTEX;
}

WDKM_STATUS WdkmKMutexNew(SIZE_T DataSize, const VOID *Initial, WDKM_KMUTEX **Mutex)
{
    WDKM_KMUTEX *m;

    if (Mutex == NULL)
        return WDKM_INVALID_PARAMETER;
    *Mutex = NULL;
    if (KeGetCurrentIrql() > DISPATCH_LEVEL)
        return WDKM_IRQL_TOO_HIGH;
    m = (WDKM_KMUTEX *)WdkmpAllocWithData(sizeof(*m), DataSize, Initial, WDKM_TAG_KMUTEX);
    if (m == NULL)
        return WDKM_POOL_ALLOC_FAILED;
    m->Signature = WDKMP_SIG_KMUTEX;
    m->DataSize = DataSize;
    KeInitializeMutex(&m->Mutex, 0);
    *Mutex = m;
    return WDKM_OK;
}

WDKM_STATUS WdkmKMutexLock(WDKM_KMUTEX *Mutex, PVOID *Data)
{
    if (!IsLive(Mutex))
        return WDKM_INVALID_PARAMETER;
    if (KeGetCurrentIrql() > APC_LEVEL)
        return WDKM_IRQL_TOO_HIGH;
    KeWaitForSingleObject(&Mutex->Mutex, Executive, KernelMode, FALSE, NULL);
    if (Data != NULL)
        *Data = DATA(Mutex);
    return WDKM_OK;
}

WDKM_STATUS WdkmKMutexTryLock(WDKM_KMUTEX *Mutex, PVOID *Data)
{
    LARGE_INTEGER zero;
    NTSTATUS status;

    if (!IsLive(Mutex))
        return WDKM_INVALID_PARAMETER;
    if (KeGetCurrentIrql() > DISPATCH_LEVEL)
        return WDKM_IRQL_TOO_HIGH;
    zero.QuadPart = 0;
    status = KeWaitForSingleObject(&Mutex->Mutex, Executive, KernelMode, FALSE, &zero);
    if (status == STATUS_TIMEOUT)
        return WDKM_NOT_ACQUIRED;
    if (Data != NULL)
        *Data = DATA(Mutex);
    return WDKM_OK;
}

VOID WdkmKMutexUnlock(WDKM_KMUTEX *Mutex)
{
    if (!IsLive(Mutex))
        WdkmpBadHandle(Mutex);
    KeReleaseMutex(&Mutex->Mutex, FALSE);
}

WDKM_STATUS WdkmKMutexUnlockSafe(WDKM_KMUTEX *Mutex)
{
    if (!IsLive(Mutex))
        return WDKM_INVALID_PARAMETER;
    if (KeGetCurrentIrql() > DISPATCH_LEVEL)
        return WDKM_IRQL_TOO_HIGH;
    KeReleaseMutex(&Mutex->Mutex, FALSE);
    return WDKM_OK;
}

VOID WdkmKMutexIntoOwned(WDKM_KMUTEX *Mutex, VOID *Out)
{
    if (!IsLive(Mutex))
        WdkmpBadHandle(Mutex);
    if (Out != NULL && Mutex->DataSize != 0)
        RtlCopyMemory(Out, DATA_AT(Mutex), Mutex->DataSize);
    WdkmKMutexFree(Mutex);
}

VOID WdkmKMutexFree(WDKM_KMUTEX *Mutex)
{
    if (Mutex == NULL)
        return;
    if (!IsLive(Mutex))
        WdkmpBadHandle(Mutex);
    Mutex->Signature = WDKMP_SIG_FREED;
    ExFreePoolWithTag(Mutex, WDKM_TAG_KMUTEX);
}

SIZE_T WdkmKMutexDataSize(const WDKM_KMUTEX *Mutex)
{
    return IsLive(Mutex) ? (SIZE_T)Mutex->DataSize : 0;
}
