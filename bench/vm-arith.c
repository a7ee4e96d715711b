/* A pure computation on locals: measures VM instructions per second. */
#include <ntddk.h>

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    ULONG hash = 2166136261u;
    for (ULONG i = 0; i < 300000; i++) {
        hash ^= i & 0xFF;
        hash *= 16777619u;
    }
    DbgPrint("hash %08x\n", hash);
    return STATUS_SUCCESS;
}
