/* @title A first scenario: DbgPrint and a KMutex
   @group Getting started
   @description DriverEntry creates a KMutex<ULONG>, adds to it under the lock and prints the total. */
#include <ntddk.h>
#include <wdkm.h>

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    WDKM_KMUTEX *counter;
    PVOID data;
    ULONG total = 0;

    if (WdkmKMutexNew(sizeof(ULONG), NULL, &counter) != WDKM_OK)
        return STATUS_INSUFFICIENT_RESOURCES;
    for (int i = 0; i < 3; i++) {
        if (WdkmKMutexLock(counter, &data) == WDKM_OK) {
            *(ULONG *)data += 10;
            WdkmKMutexUnlock(counter);
        }
    }
    WdkmKMutexIntoOwned(counter, &total);
    DbgPrint("total = %lu\n", total);
    return STATUS_SUCCESS;
}
