/* @title IRQL too high @group IRQL @description At DISPATCH_LEVEL a KMutex cannot be waited on: Lock returns WDKM_IRQL_TOO_HIGH instead of bugchecking. */
/* @expect outcome=completed exit=0 print="Lock at DISPATCH_LEVEL: WDKM_IRQL_TOO_HIGH" */
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
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    status = WdkmKMutexLock(mutex, &data);
    KeLowerIrql(old);
    DbgPrint("Lock at DISPATCH_LEVEL: %s\n", WdkmStatusName(status));
    ASSERT(status == WDKM_IRQL_TOO_HIGH);
    WdkmKMutexFree(mutex);
    return STATUS_SUCCESS;
}
/* @explore outcomes=completed complete=true */
