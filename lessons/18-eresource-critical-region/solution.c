#include <ntddk.h>

static ERESOURCE Resource;
static ULONG Value;

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    ULONG seen;
    ExInitializeResourceLite(&Resource);

    KeEnterCriticalRegion();                  /* no normal kernel APCs from here ... */
    ExAcquireResourceExclusiveLite(&Resource, TRUE);
    Value = 7;
    ExReleaseResourceLite(&Resource);
    KeLeaveCriticalRegion();                  /* ... to here */

    ExAcquireResourceSharedLite(&Resource, TRUE);
    seen = Value;
    ExReleaseResourceLite(&Resource);

    DbgPrint("value = %lu\n", seen);
    ExDeleteResourceLite(&Resource);
    return STATUS_SUCCESS;
}
