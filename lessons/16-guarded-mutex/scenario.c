#include <ntddk.h>
#include <wdkm.h>

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    WDKM_GUARDED_MUTEX *guarded;
    WDKM_FAST_MUTEX *fast;
    PVOID data;
    KIRQL g, f;
    if (WdkmGuardedMutexNew(sizeof(ULONG), NULL, &guarded) != WDKM_OK)
        return STATUS_INSUFFICIENT_RESOURCES;
    if (WdkmFastMutexNew(sizeof(ULONG), NULL, &fast) != WDKM_OK) {
        WdkmGuardedMutexFree(guarded);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    WdkmGuardedMutexLock(guarded, &data);   /* enters a guarded region */
    g = KeGetCurrentIrql();
    WdkmGuardedMutexUnlock(guarded);
    WdkmFastMutexLock(fast, &data);         /* raises to APC_LEVEL */
    f = KeGetCurrentIrql();
    WdkmFastMutexUnlock(fast);
    DbgPrint("IRQL inside: guarded mutex %u, fast mutex %u\n", g, f);
    WdkmFastMutexFree(fast);
    WdkmGuardedMutexFree(guarded);
    return STATUS_SUCCESS;
}
