#include <ntddk.h>
#include <wdkm.h>

static VOID DriverUnloadRoutine(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    WdkmGrtDestroy();   /* frees the tracker and every mutex registered in it */
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(RegistryPath);
    ULONG zero = 0;
    LONG64 none = 0;
    if (WdkmGrtInit() != WDKM_OK)
        return STATUS_INSUFFICIENT_RESOURCES;
    WdkmGrtRegisterKMutex("requests", WDKM_TYPE(ULONG), &zero);
    WdkmGrtRegisterFastMutex("bytes", WDKM_TYPE(LONG64), &none);
    DriverObject->DriverUnload = DriverUnloadRoutine;
    DbgPrint("loaded\n");
    return STATUS_SUCCESS;
}
