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
    WdkmKMutexLock(mutex, &data);          /* acquired at PASSIVE_LEVEL */
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    *(ULONG *)data += 1;
    KeLowerIrql(old);
    status = WdkmKMutexUnlockSafe(mutex);  /* drop_safe: accepts IRQL <= DISPATCH_LEVEL */
    DbgPrint("released: %s\n", WdkmStatusName(status));
    WdkmKMutexFree(mutex);
    return STATUS_SUCCESS;
}
