/*++
Module Name: resource.c
Abstract: WDKM_RESOURCE: an ERESOURCE and its data in non-paged pool, shared
          or exclusive. Each lock enters a critical region, as the ERESOURCE
          routines require; Unlock leaves it.
--*/
#include "wdkmp.h"

struct _WDKM_RESOURCE {
    ERESOURCE Resource;
    ULONG Signature;           /* alive, or cleared when freed             */
    ULONG64 DataSize;          /* sizeof(T); T follows at a 16-byte boundary */
};
/* Laid out alike in every build (x64 driver, WASM, native): the trace and
   pool sizes do not depend on the host's pointer size. */
#define DATA_AT(h) ((PVOID)((PUCHAR)(h) + WDKMP_DATA_OFFSET(WDKM_RESOURCE)))
#define DATA(h) ((h)->DataSize ? DATA_AT(h) : NULL)

static BOOLEAN IsLive(const WDKM_RESOURCE *Resource)
{
    return Resource != NULL && Resource->Signature == WDKMP_SIG_RESOURCE;
}

WDKM_STATUS WdkmResourceNew(SIZE_T DataSize, const VOID *Initial, WDKM_RESOURCE **Resource)
{
    WDKM_RESOURCE *r;

    if (Resource == NULL)
        return WDKM_INVALID_PARAMETER;
    *Resource = NULL;
    if (KeGetCurrentIrql() > DISPATCH_LEVEL)
        return WDKM_IRQL_TOO_HIGH;
    r = (WDKM_RESOURCE *)WdkmpAllocWithData(sizeof(*r), DataSize, Initial, WDKM_TAG_RESOURCE);
    if (r == NULL)
        return WDKM_POOL_ALLOC_FAILED;
    r->Signature = WDKMP_SIG_RESOURCE;
    r->DataSize = DataSize;
    ExInitializeResourceLite(&r->Resource);
    *Resource = r;
    return WDKM_OK;
}

static WDKM_STATUS Acquire(WDKM_RESOURCE *Resource, PVOID *Data, BOOLEAN Exclusive, BOOLEAN Wait)
{
    BOOLEAN acquired;

    if (!IsLive(Resource))
        return WDKM_INVALID_PARAMETER;
    if (KeGetCurrentIrql() > APC_LEVEL)
        return WDKM_IRQL_TOO_HIGH;
    KeEnterCriticalRegion();
    if (Exclusive)
        acquired = ExAcquireResourceExclusiveLite(&Resource->Resource, Wait);
    else
        acquired = ExAcquireResourceSharedLite(&Resource->Resource, Wait);
    if (!acquired) {
        KeLeaveCriticalRegion();
        return WDKM_NOT_ACQUIRED;
    }
    if (Data != NULL)
        *Data = DATA(Resource);
    return WDKM_OK;
}

WDKM_STATUS WdkmResourceLockShared(WDKM_RESOURCE *Resource, PVOID *Data)
{
    return Acquire(Resource, Data, FALSE, TRUE);
}

WDKM_STATUS WdkmResourceLockExclusive(WDKM_RESOURCE *Resource, PVOID *Data)
{
    return Acquire(Resource, Data, TRUE, TRUE);
}

WDKM_STATUS WdkmResourceTryLockShared(WDKM_RESOURCE *Resource, PVOID *Data)
{
    return Acquire(Resource, Data, FALSE, FALSE);
}

WDKM_STATUS WdkmResourceTryLockExclusive(WDKM_RESOURCE *Resource, PVOID *Data)
{
    return Acquire(Resource, Data, TRUE, FALSE);
}

VOID WdkmResourceUnlock(WDKM_RESOURCE *Resource)
{
    if (!IsLive(Resource))
        WdkmpBadHandle(Resource);
    ExReleaseResourceLite(&Resource->Resource);
    KeLeaveCriticalRegion();
}

VOID WdkmResourceIntoOwned(WDKM_RESOURCE *Resource, VOID *Out)
{
    if (!IsLive(Resource))
        WdkmpBadHandle(Resource);
    if (Out != NULL && Resource->DataSize != 0)
        RtlCopyMemory(Out, DATA_AT(Resource), Resource->DataSize);
    WdkmResourceFree(Resource);
}

VOID WdkmResourceFree(WDKM_RESOURCE *Resource)
{
    if (Resource == NULL)
        return;
    if (!IsLive(Resource))
        WdkmpBadHandle(Resource);
    ExDeleteResourceLite(&Resource->Resource);
    Resource->Signature = WDKMP_SIG_FREED;
    ExFreePoolWithTag(Resource, WDKM_TAG_RESOURCE);
}

SIZE_T WdkmResourceDataSize(const WDKM_RESOURCE *Resource)
{
    return IsLive(Resource) ? (SIZE_T)Resource->DataSize : 0;
}
