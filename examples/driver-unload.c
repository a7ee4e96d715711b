/* @title DriverUnload @group driver lifecycle @description DriverEntry sets DriverObject->DriverUnload; the unload routine frees what DriverEntry made, in reverse order. */
/* @expect outcome=completed exit=0 print="unloaded" */
#include <ntddk.h>
#include <wdkm.h>

#define TAG_TABLE 'baTW'

static WDKM_FAST_MUTEX *TableLock;
static PULONG Table;

DRIVER_UNLOAD DriverUnloadRoutine;

VOID DriverUnloadRoutine(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    ExFreePoolWithTag(Table, TAG_TABLE);
    WdkmFastMutexFree(TableLock);
    DbgPrint("unloaded\n");
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(RegistryPath);
    Table = (PULONG)ExAllocatePool2(POOL_FLAG_NON_PAGED, 16 * sizeof(ULONG), TAG_TABLE);
    if (Table == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    if (WdkmFastMutexNew(0, NULL, &TableLock) != WDKM_OK) {
        ExFreePoolWithTag(Table, TAG_TABLE);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    for (ULONG i = 0; i < 16; i++)
        Table[i] = i * i;
    DriverObject->DriverUnload = DriverUnloadRoutine;
    return STATUS_SUCCESS;
}
/* @explore outcomes=completed complete=true */
