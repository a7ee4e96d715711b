/*++
Module Name: spin_lock.c
Abstract: WDKM_SPIN_LOCK: a KSPIN_LOCK and its data in non-paged pool. Lock
          raises to DISPATCH_LEVEL and saves the old IRQL in the lock, so it
          works from a DPC; Unlock restores it.
--*/
#include "wdkmp.h"

struct _WDKM_SPIN_LOCK {
    KSPIN_LOCK Lock;
    ULONG Signature;           /* alive, or cleared when freed             */
    KIRQL OldIrql;             /* saved by Lock, restored by Unlock         */
    ULONG64 DataSize;          /* sizeof(T); T follows at a 16-byte boundary */
};
/* Laid out alike in every build (x64 driver, WASM, native): the trace and
   pool sizes do not depend on the host's pointer size. */
#define DATA_AT(h) ((PVOID)((PUCHAR)(h) + WDKMP_DATA_OFFSET(WDKM_SPIN_LOCK)))
#define DATA(h) ((h)->DataSize ? DATA_AT(h) : NULL)

static BOOLEAN IsLive(const WDKM_SPIN_LOCK *Lock)
{
    return Lock != NULL && Lock->Signature == WDKMP_SIG_SPIN_LOCK;
}

WDKM_STATUS WdkmSpinLockNew(SIZE_T DataSize, const VOID *Initial, WDKM_SPIN_LOCK **Lock)
{
    WDKM_SPIN_LOCK *l;

    if (Lock == NULL)
        return WDKM_INVALID_PARAMETER;
    *Lock = NULL;
    if (KeGetCurrentIrql() > DISPATCH_LEVEL)
        return WDKM_IRQL_TOO_HIGH;
    l = (WDKM_SPIN_LOCK *)WdkmpAllocWithData(sizeof(*l), DataSize, Initial, WDKM_TAG_SPIN_LOCK);
    if (l == NULL)
        return WDKM_POOL_ALLOC_FAILED;
    l->Signature = WDKMP_SIG_SPIN_LOCK;
    l->DataSize = DataSize;
    KeInitializeSpinLock(&l->Lock);
    *Lock = l;
    return WDKM_OK;
}

WDKM_STATUS WdkmSpinLockLock(WDKM_SPIN_LOCK *Lock, PVOID *Data)
{
    KIRQL old;

    if (!IsLive(Lock))
        return WDKM_INVALID_PARAMETER;
    if (KeGetCurrentIrql() > DISPATCH_LEVEL)
        return WDKM_IRQL_TOO_HIGH;
    KeAcquireSpinLock(&Lock->Lock, &old);
    Lock->OldIrql = old;
    if (Data != NULL)
        *Data = DATA(Lock);
    return WDKM_OK;
}

WDKM_STATUS WdkmSpinLockTryLock(WDKM_SPIN_LOCK *Lock, PVOID *Data)
{
    KIRQL old;

    if (!IsLive(Lock))
        return WDKM_INVALID_PARAMETER;
    if (KeGetCurrentIrql() > DISPATCH_LEVEL)
        return WDKM_IRQL_TOO_HIGH;
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    if (!KeTryToAcquireSpinLockAtDpcLevel(&Lock->Lock)) {
        KeLowerIrql(old);
        return WDKM_NOT_ACQUIRED;
    }
    Lock->OldIrql = old;
    if (Data != NULL)
        *Data = DATA(Lock);
    return WDKM_OK;
}

VOID WdkmSpinLockUnlock(WDKM_SPIN_LOCK *Lock)
{
    if (!IsLive(Lock))
        WdkmpBadHandle(Lock);
    KeReleaseSpinLock(&Lock->Lock, Lock->OldIrql);
}

WDKM_STATUS WdkmSpinLockUnlockSafe(WDKM_SPIN_LOCK *Lock)
{
    if (!IsLive(Lock))
        return WDKM_INVALID_PARAMETER;
    if (KeGetCurrentIrql() != DISPATCH_LEVEL)
        return WDKM_IRQL_TOO_HIGH;
    KeReleaseSpinLock(&Lock->Lock, Lock->OldIrql);
    return WDKM_OK;
}

VOID WdkmSpinLockIntoOwned(WDKM_SPIN_LOCK *Lock, VOID *Out)
{
    if (!IsLive(Lock))
        WdkmpBadHandle(Lock);
    if (Out != NULL && Lock->DataSize != 0)
        RtlCopyMemory(Out, DATA_AT(Lock), Lock->DataSize);
    WdkmSpinLockFree(Lock);
}

VOID WdkmSpinLockFree(WDKM_SPIN_LOCK *Lock)
{
    if (Lock == NULL)
        return;
    if (!IsLive(Lock))
        WdkmpBadHandle(Lock);
    Lock->Signature = WDKMP_SIG_FREED;
    ExFreePoolWithTag(Lock, WDKM_TAG_SPIN_LOCK);
}

SIZE_T WdkmSpinLockDataSize(const WDKM_SPIN_LOCK *Lock)
{
    return IsLive(Lock) ? (SIZE_T)Lock->DataSize : 0;
}
