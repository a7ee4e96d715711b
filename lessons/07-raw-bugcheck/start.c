#include <ntddk.h>

static KMUTEX Mutex;
static ULONG Shared;

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    KIRQL old;
    KeInitializeMutex(&Mutex, 0);

    KeWaitForSingleObject(&Mutex, Executive, KernelMode, FALSE, NULL);
    Shared += 1;
    KeReleaseMutex(&Mutex, FALSE);

    KeRaiseIrql(DISPATCH_LEVEL, &old);
    /* ... work at DISPATCH_LEVEL ... */
    KeLowerIrql(old);

    DbgPrint("shared = %lu\n", Shared);
    return STATUS_SUCCESS;
}
