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
    WdkmKMutexLock(mutex, &data);
    KeRaiseIrql(HIGH_LEVEL, &old);
    *(ULONG *)data += 1;
    status = WdkmKMutexUnlockSafe(mutex);   /* drop_safe: checks the IRQL first */
    KeLowerIrql(old);
    if (status != WDKM_OK) {
        DbgPrint("UnlockSafe at HIGH_LEVEL: %s; unlocking at PASSIVE_LEVEL\n", WdkmStatusName(status));
        WdkmKMutexUnlock(mutex);
    }
    WdkmKMutexFree(mutex);
    return STATUS_SUCCESS;
}
