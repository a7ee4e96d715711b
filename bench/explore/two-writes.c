/* The smallest race: two threads store to one global. Small enough that
   every schedule can be run, so the tests compare DPOR with naive
   enumeration. */
#include <ntddk.h>

static LONG Shared;

static VOID Writer(PVOID Context) { Shared = (LONG)(ULONG_PTR)Context; }

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    HANDLE a, b;
    PsCreateSystemThread(&a, THREAD_ALL_ACCESS, NULL, NULL, NULL, Writer, (PVOID)1);
    PsCreateSystemThread(&b, THREAD_ALL_ACCESS, NULL, NULL, NULL, Writer, (PVOID)2);
    ZwClose(a);
    ZwClose(b);
    return STATUS_SUCCESS;
}
