#include <ntddk.h>
#include <wdkm.h>

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    WDKM_FAST_MUTEX *mutex;
    PVOID data;
    KIRQL before, inside;
    if (WdkmFastMutexNew(sizeof(ULONG), NULL, &mutex) != WDKM_OK)
        return STATUS_INSUFFICIENT_RESOURCES;
    before = KeGetCurrentIrql();
    WdkmFastMutexLock(mutex, &data);
    inside = KeGetCurrentIrql();
    WdkmFastMutexUnlock(mutex);
    DbgPrint("IRQL before %u, inside the FastMutex %u\n", before, inside);
    WdkmFastMutexFree(mutex);
    return STATUS_SUCCESS;
}
