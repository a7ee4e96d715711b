#include <ntddk.h>
#include <wdkm.h>

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    WDKM_KMUTEX *mutex;
    PVOID data;
    KIRQL old;
    WDKM_STATUS status;
    if (WdkmKMutexNew(sizeof(ULONG), NULL, &mutex) != WDKM_OK)
        return STATUS_INSUFFICIENT_RESOURCES;
    KeRaiseIrql(DISPATCH_LEVEL, &old);      /* as a DPC or a spin lock holder would be */
    status = WdkmKMutexLock(mutex, &data);
    if (status == WDKM_OK)
        WdkmKMutexUnlock(mutex);
    KeLowerIrql(old);
    DbgPrint("Lock at DISPATCH_LEVEL: %s\n", WdkmStatusName(status));
    WdkmKMutexFree(mutex);
    return STATUS_SUCCESS;
}
