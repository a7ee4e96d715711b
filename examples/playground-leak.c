/* @title Forgotten pool
   @group Getting started
   @description Allocates pool with a tag and never frees it: the unload reports the leak with its tag, size and line. */
#include <ntddk.h>
#include <wdkm.h>

#define TAG_BUFFER 'fuBT'

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    PVOID buffer = ExAllocatePool2(POOL_FLAG_NON_PAGED, 64, TAG_BUFFER);
    if (buffer == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    DbgPrint("allocated 64 bytes at %p\n", buffer);
    return STATUS_SUCCESS;
}
