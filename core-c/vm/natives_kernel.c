/*++
Module Name: natives_kernel.c
Abstract: Bindings of the kernel surface (wdkm-api.md) for scenarios.
--*/
#include "natives.h"

/* IRQL, regions, clock */
static VOID N_KeGetCurrentIrql(VM_CALL *C) { RET(KeGetCurrentIrql()); }
static VOID N_KeRaiseIrql(VM_CALL *C) { KeRaiseIrql(IRQL(0), (PKIRQL)M(1, 1)); }
static VOID N_KeLowerIrql(VM_CALL *C) { KeLowerIrql(IRQL(0)); }
static VOID N_KeRaiseIrqlToDpcLevel(VM_CALL *C) { RET(KeRaiseIrqlToDpcLevel()); }
static VOID N_KeEnterCriticalRegion(VM_CALL *C) { (VOID)C; KeEnterCriticalRegion(); }
static VOID N_KeLeaveCriticalRegion(VM_CALL *C) { (VOID)C; KeLeaveCriticalRegion(); }
static VOID N_KeEnterGuardedRegion(VM_CALL *C) { (VOID)C; KeEnterGuardedRegion(); }
static VOID N_KeLeaveGuardedRegion(VM_CALL *C) { (VOID)C; KeLeaveGuardedRegion(); }
static VOID N_KeStallExecutionProcessor(VM_CALL *C) { KeStallExecutionProcessor(U32(0)); }
static VOID N_KeQueryInterruptTime(VM_CALL *C) { RET(KeQueryInterruptTime()); }
static VOID N_KeQuerySystemTime(VM_CALL *C) { KeQuerySystemTime((PLARGE_INTEGER)M(0, 8)); }
static VOID N_KeGetCurrentProcessorNumber(VM_CALL *C) { RET(KeGetCurrentProcessorNumber()); }

/* Dispatcher objects and waits */
static VOID N_KeInitializeMutex(VM_CALL *C) { KeInitializeMutex((PRKMUTEX)P(0, sizeof(KMUTEX)), U32(1)); }
static VOID N_KeReleaseMutex(VM_CALL *C) { RET(KeReleaseMutex((PRKMUTEX)P(0, sizeof(KMUTEX)), BOOL(1))); }
static VOID N_KeReadStateMutex(VM_CALL *C) { RET(KeReadStateMutex((PRKMUTEX)P(0, sizeof(KMUTEX)))); }
static VOID N_KeInitializeEvent(VM_CALL *C) { KeInitializeEvent((PRKEVENT)P(0, sizeof(KEVENT)), (EVENT_TYPE)U32(1), BOOL(2)); }
static VOID N_KeSetEvent(VM_CALL *C) { RET(KeSetEvent((PRKEVENT)P(0, sizeof(KEVENT)), I32(1), BOOL(2))); }
static VOID N_KePulseEvent(VM_CALL *C) { RET(KePulseEvent((PRKEVENT)P(0, sizeof(KEVENT)), I32(1), BOOL(2))); }
static VOID N_KeResetEvent(VM_CALL *C) { RET(KeResetEvent((PRKEVENT)P(0, sizeof(KEVENT)))); }
static VOID N_KeClearEvent(VM_CALL *C) { KeClearEvent((PRKEVENT)P(0, sizeof(KEVENT))); }
static VOID N_KeReadStateEvent(VM_CALL *C) { RET(KeReadStateEvent((PRKEVENT)P(0, sizeof(KEVENT)))); }
static VOID N_KeInitializeSemaphore(VM_CALL *C) { KeInitializeSemaphore((PRKSEMAPHORE)P(0, sizeof(KSEMAPHORE)), I32(1), I32(2)); }
static VOID N_KeReleaseSemaphore(VM_CALL *C) { RET(KeReleaseSemaphore((PRKSEMAPHORE)P(0, sizeof(KSEMAPHORE)), I32(1), I32(2), BOOL(3))); }
static VOID N_KeReadStateSemaphore(VM_CALL *C) { RET(KeReadStateSemaphore((PRKSEMAPHORE)P(0, sizeof(KSEMAPHORE)))); }
static VOID N_KeWaitForSingleObject(VM_CALL *C)
{
    RET(KeWaitForSingleObject(OBJ(0), (KWAIT_REASON)U32(1), (KPROCESSOR_MODE)U32(2), BOOL(3),
                              (PLARGE_INTEGER)P(4, 8)));
}
static VOID N_KeWaitForMultipleObjects(VM_CALL *C)
{
    PVOID objects[MAXIMUM_WAIT_OBJECTS + 1];
    ULONG count = U32(0), i;
    const UCHAR *array;
    if (count > MAXIMUM_WAIT_OBJECTS || count == 0) {
        RET(KeWaitForMultipleObjects(count, objects, (WAIT_TYPE)U32(2), (KWAIT_REASON)U32(3),
                                     (KPROCESSOR_MODE)U32(4), BOOL(5), (PLARGE_INTEGER)P(6, 8), NULL));
        return;
    }
    array = (const UCHAR *)R(1, (ULONG64)count * 8);
    for (i = 0; i < count; i++) {
        ULONG64 g = 0, k;
        for (k = 0; k < 8; k++)
            g |= (ULONG64)array[i * 8 + k] << (8 * k);
        objects[i] = VmHostObject(g);
    }
    RET(KeWaitForMultipleObjects(count, objects, (WAIT_TYPE)U32(2), (KWAIT_REASON)U32(3), (KPROCESSOR_MODE)U32(4),
                                 BOOL(5), (PLARGE_INTEGER)P(6, 8), (PKWAIT_BLOCK)P(7, sizeof(KWAIT_BLOCK))));
}
static VOID N_KeDelayExecutionThread(VM_CALL *C)
{
    RET(KeDelayExecutionThread((KPROCESSOR_MODE)U32(0), BOOL(1), (PLARGE_INTEGER)P(2, 8)));
}

/* Fast and guarded mutexes */
static VOID N_ExInitializeFastMutex(VM_CALL *C) { ExInitializeFastMutex((PFAST_MUTEX)P(0, sizeof(FAST_MUTEX))); }
static VOID N_ExAcquireFastMutex(VM_CALL *C) { ExAcquireFastMutex((PFAST_MUTEX)P(0, sizeof(FAST_MUTEX))); }
static VOID N_ExTryToAcquireFastMutex(VM_CALL *C) { RET(ExTryToAcquireFastMutex((PFAST_MUTEX)P(0, sizeof(FAST_MUTEX)))); }
static VOID N_ExReleaseFastMutex(VM_CALL *C) { ExReleaseFastMutex((PFAST_MUTEX)P(0, sizeof(FAST_MUTEX))); }
static VOID N_ExAcquireFastMutexUnsafe(VM_CALL *C) { ExAcquireFastMutexUnsafe((PFAST_MUTEX)P(0, sizeof(FAST_MUTEX))); }
static VOID N_ExReleaseFastMutexUnsafe(VM_CALL *C) { ExReleaseFastMutexUnsafe((PFAST_MUTEX)P(0, sizeof(FAST_MUTEX))); }
static VOID N_ExEnterCriticalRegionAndAcquireFastMutexUnsafe(VM_CALL *C)
{
    ExEnterCriticalRegionAndAcquireFastMutexUnsafe((PFAST_MUTEX)P(0, sizeof(FAST_MUTEX)));
}
static VOID N_ExReleaseFastMutexUnsafeAndLeaveCriticalRegion(VM_CALL *C)
{
    ExReleaseFastMutexUnsafeAndLeaveCriticalRegion((PFAST_MUTEX)P(0, sizeof(FAST_MUTEX)));
}
static VOID N_KeAcquireGuardedMutexUnsafe(VM_CALL *C) { KeAcquireGuardedMutexUnsafe((PKGUARDED_MUTEX)P(0, sizeof(KGUARDED_MUTEX))); }
static VOID N_KeReleaseGuardedMutexUnsafe(VM_CALL *C) { KeReleaseGuardedMutexUnsafe((PKGUARDED_MUTEX)P(0, sizeof(KGUARDED_MUTEX))); }
static VOID N_KeInitializeGuardedMutex(VM_CALL *C) { KeInitializeGuardedMutex((PKGUARDED_MUTEX)P(0, sizeof(KGUARDED_MUTEX))); }
static VOID N_KeAcquireGuardedMutex(VM_CALL *C) { KeAcquireGuardedMutex((PKGUARDED_MUTEX)P(0, sizeof(KGUARDED_MUTEX))); }
static VOID N_KeTryToAcquireGuardedMutex(VM_CALL *C) { RET(KeTryToAcquireGuardedMutex((PKGUARDED_MUTEX)P(0, sizeof(KGUARDED_MUTEX)))); }
static VOID N_KeReleaseGuardedMutex(VM_CALL *C) { KeReleaseGuardedMutex((PKGUARDED_MUTEX)P(0, sizeof(KGUARDED_MUTEX))); }

/* Spin locks */
static VOID N_KeInitializeSpinLock(VM_CALL *C) { KeInitializeSpinLock((PKSPIN_LOCK)M(0, 8)); }
static VOID N_KeAcquireSpinLock(VM_CALL *C) { KeAcquireSpinLock((PKSPIN_LOCK)M(0, 8), (PKIRQL)M(1, 1)); }
static VOID N_KeReleaseSpinLock(VM_CALL *C) { KeReleaseSpinLock((PKSPIN_LOCK)M(0, 8), IRQL(1)); }
static VOID N_KeAcquireSpinLockAtDpcLevel(VM_CALL *C) { KeAcquireSpinLockAtDpcLevel((PKSPIN_LOCK)M(0, 8)); }
static VOID N_KeReleaseSpinLockFromDpcLevel(VM_CALL *C) { KeReleaseSpinLockFromDpcLevel((PKSPIN_LOCK)M(0, 8)); }
static VOID N_KeTryToAcquireSpinLockAtDpcLevel(VM_CALL *C) { RET(KeTryToAcquireSpinLockAtDpcLevel((PKSPIN_LOCK)M(0, 8))); }
#define QUEUE_HANDLE(i) ((PKLOCK_QUEUE_HANDLE)P(i, sizeof(KLOCK_QUEUE_HANDLE)))
static VOID N_KeAcquireInStackQueuedSpinLock(VM_CALL *C) { KeAcquireInStackQueuedSpinLock((PKSPIN_LOCK)M(0, 8), QUEUE_HANDLE(1)); }
static VOID N_KeReleaseInStackQueuedSpinLock(VM_CALL *C) { KeReleaseInStackQueuedSpinLock(QUEUE_HANDLE(0)); }
static VOID N_KeAcquireInStackQueuedSpinLockAtDpcLevel(VM_CALL *C)
{
    KeAcquireInStackQueuedSpinLockAtDpcLevel((PKSPIN_LOCK)M(0, 8), QUEUE_HANDLE(1));
}
static VOID N_KeReleaseInStackQueuedSpinLockFromDpcLevel(VM_CALL *C) { KeReleaseInStackQueuedSpinLockFromDpcLevel(QUEUE_HANDLE(0)); }

/* ERESOURCE */
static VOID N_ExInitializeResourceLite(VM_CALL *C) { RET(ExInitializeResourceLite((PERESOURCE)P(0, sizeof(ERESOURCE)))); }
static VOID N_ExAcquireResourceExclusiveLite(VM_CALL *C) { RET(ExAcquireResourceExclusiveLite((PERESOURCE)P(0, sizeof(ERESOURCE)), BOOL(1))); }
static VOID N_ExAcquireResourceSharedLite(VM_CALL *C) { RET(ExAcquireResourceSharedLite((PERESOURCE)P(0, sizeof(ERESOURCE)), BOOL(1))); }
static VOID N_ExReleaseResourceLite(VM_CALL *C) { ExReleaseResourceLite((PERESOURCE)P(0, sizeof(ERESOURCE))); }
static VOID N_ExDeleteResourceLite(VM_CALL *C) { RET(ExDeleteResourceLite((PERESOURCE)P(0, sizeof(ERESOURCE)))); }
static VOID N_ExConvertExclusiveToSharedLite(VM_CALL *C) { ExConvertExclusiveToSharedLite((PERESOURCE)P(0, sizeof(ERESOURCE))); }
static VOID N_ExAcquireSharedStarveExclusive(VM_CALL *C) { RET(ExAcquireSharedStarveExclusive((PERESOURCE)P(0, sizeof(ERESOURCE)), BOOL(1))); }
static VOID N_ExAcquireSharedWaitForExclusive(VM_CALL *C) { RET(ExAcquireSharedWaitForExclusive((PERESOURCE)P(0, sizeof(ERESOURCE)), BOOL(1))); }
/* The thread id is ExGetCurrentResourceThread(): a thread pointer the guest got from the kernel. */
static VOID N_ExReleaseResourceForThreadLite(VM_CALL *C)
{
    ExReleaseResourceForThreadLite((PERESOURCE)P(0, sizeof(ERESOURCE)), (ERESOURCE_THREAD)OBJ(1));
}
static VOID N_ExIsResourceAcquiredExclusiveLite(VM_CALL *C) { RET(ExIsResourceAcquiredExclusiveLite((PERESOURCE)P(0, sizeof(ERESOURCE)))); }
static VOID N_ExIsResourceAcquiredSharedLite(VM_CALL *C) { RET(ExIsResourceAcquiredSharedLite((PERESOURCE)P(0, sizeof(ERESOURCE)))); }

/* Interlocked: the kernel routine is the scheduling point. */
static VOID N_InterlockedIncrement(VM_CALL *C) { RET(InterlockedIncrement((LONG volatile *)M(0, 4))); }
static VOID N_InterlockedDecrement(VM_CALL *C) { RET(InterlockedDecrement((LONG volatile *)M(0, 4))); }
static VOID N_InterlockedExchange(VM_CALL *C) { RET(InterlockedExchange((LONG volatile *)M(0, 4), I32(1))); }
static VOID N_InterlockedCompareExchange(VM_CALL *C) { RET(InterlockedCompareExchange((LONG volatile *)M(0, 4), I32(1), I32(2))); }
static VOID N_InterlockedExchangeAdd(VM_CALL *C) { RET(InterlockedExchangeAdd((LONG volatile *)M(0, 4), I32(1))); }

/* Pool: a free is checked by the pool itself (double free, wrong tag). */
static PVOID PoolPointer(ULONG64 Guest)
{
    PVOID raw = EmuPoolHostRaw(Guest);
    return raw != NULL ? raw : VmHostOrNull(Guest, 1, FALSE);
}
static VOID N_ExAllocatePool2(VM_CALL *C) { RETP(ExAllocatePool2(A(0), SZ(1), U32(2))); }
static VOID N_ExAllocatePoolWithTag(VM_CALL *C) { RETP(ExAllocatePoolWithTag((POOL_TYPE)U32(0), SZ(1), U32(2))); }
static VOID N_ExFreePoolWithTag(VM_CALL *C) { ExFreePoolWithTag(PoolPointer(A(0)), U32(1)); }
static VOID N_ExFreePool(VM_CALL *C) { ExFreePool(PoolPointer(A(0))); }

/* Bug checks and exceptions keep their 64-bit parameters. */
static VOID N_KeBugCheckEx(VM_CALL *C) { VmFlushSteps(); EmuBugCheck(U32(0), A(1), A(2), A(3), A(4)); }
static VOID N_ExRaiseStatus(VM_CALL *C) { ExRaiseStatus(I32(0)); }
static VOID N_RtlAssert(VM_CALL *C)
{
    EmuFailAssertion(STR(0) ? STR(0) : "", EMU_LOC(U32(2), 0));
}

static const VM_NATIVE Kernel[] = {
#define N(name, params) { #name, params, FALSE, N_##name },
    N(KeGetCurrentIrql, 0) N(KeRaiseIrql, 2) N(KeLowerIrql, 1) N(KeRaiseIrqlToDpcLevel, 0)
    N(KeEnterCriticalRegion, 0) N(KeLeaveCriticalRegion, 0) N(KeEnterGuardedRegion, 0) N(KeLeaveGuardedRegion, 0)
    N(KeStallExecutionProcessor, 1) N(KeQueryInterruptTime, 0) N(KeQuerySystemTime, 1)
    N(KeGetCurrentProcessorNumber, 0)
    N(KeInitializeMutex, 2) N(KeReleaseMutex, 2) N(KeReadStateMutex, 1)
    N(KeInitializeEvent, 3) N(KeSetEvent, 3) N(KePulseEvent, 3) N(KeResetEvent, 1) N(KeClearEvent, 1)
    N(KeReadStateEvent, 1) N(KeInitializeSemaphore, 3) N(KeReleaseSemaphore, 4) N(KeReadStateSemaphore, 1)
    N(KeWaitForSingleObject, 5) N(KeWaitForMultipleObjects, 8) N(KeDelayExecutionThread, 3)
    N(ExInitializeFastMutex, 1) N(ExAcquireFastMutex, 1) N(ExTryToAcquireFastMutex, 1) N(ExReleaseFastMutex, 1)
    N(ExAcquireFastMutexUnsafe, 1) N(ExReleaseFastMutexUnsafe, 1)
    N(ExEnterCriticalRegionAndAcquireFastMutexUnsafe, 1) N(ExReleaseFastMutexUnsafeAndLeaveCriticalRegion, 1)
    N(KeAcquireGuardedMutexUnsafe, 1) N(KeReleaseGuardedMutexUnsafe, 1)
    N(KeInitializeGuardedMutex, 1) N(KeAcquireGuardedMutex, 1) N(KeTryToAcquireGuardedMutex, 1)
    N(KeReleaseGuardedMutex, 1)
    N(KeInitializeSpinLock, 1) N(KeAcquireSpinLock, 2) N(KeReleaseSpinLock, 2) N(KeAcquireSpinLockAtDpcLevel, 1)
    N(KeReleaseSpinLockFromDpcLevel, 1) N(KeTryToAcquireSpinLockAtDpcLevel, 1)
    N(KeAcquireInStackQueuedSpinLock, 2) N(KeReleaseInStackQueuedSpinLock, 1)
    N(KeAcquireInStackQueuedSpinLockAtDpcLevel, 2) N(KeReleaseInStackQueuedSpinLockFromDpcLevel, 1)
    N(ExInitializeResourceLite, 1) N(ExAcquireResourceExclusiveLite, 2) N(ExAcquireResourceSharedLite, 2)
    N(ExReleaseResourceLite, 1) N(ExDeleteResourceLite, 1) N(ExConvertExclusiveToSharedLite, 1)
    N(ExAcquireSharedStarveExclusive, 2) N(ExAcquireSharedWaitForExclusive, 2) N(ExReleaseResourceForThreadLite, 2)
    N(ExIsResourceAcquiredExclusiveLite, 1) N(ExIsResourceAcquiredSharedLite, 1)
    N(InterlockedIncrement, 1) N(InterlockedDecrement, 1) N(InterlockedExchange, 2)
    N(InterlockedCompareExchange, 3) N(InterlockedExchangeAdd, 2)
    N(ExAllocatePool2, 3) N(ExAllocatePoolWithTag, 3) N(ExFreePoolWithTag, 2) N(ExFreePool, 1)
    N(KeBugCheckEx, 5) N(ExRaiseStatus, 1) N(RtlAssert, 4)
#undef N
    { NULL, 0, FALSE, NULL }
};

const VM_NATIVE *VmKernelNatives(VOID)
{
    return Kernel;
}
