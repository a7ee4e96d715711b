/* @title Leak on unload @group pool @description A buffer allocated from non-paged pool is never freed: at unload it is reported as leaked with its tag and line. */
/* @expect outcome=completed exit=1 leak=WBuf:32:17 */
#include <ntddk.h>

#define TAG_BUFFER 'fuBW'

typedef struct _RECORD {
    ULONG Id;
    ULONG Flags;
    UCHAR Payload[24];
} RECORD, *PRECORD;

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    PRECORD kept = (PRECORD)ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(RECORD), TAG_BUFFER);
    PRECORD freed = (PRECORD)ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(RECORD), TAG_BUFFER);
    if (kept == NULL || freed == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    kept->Id = 1;
    RtlZeroMemory(kept->Payload, sizeof(kept->Payload));
    ExFreePoolWithTag(freed, TAG_BUFFER);
    return STATUS_SUCCESS;   /* kept is leaked */
}
/* @explore outcomes=completed complete=true */
