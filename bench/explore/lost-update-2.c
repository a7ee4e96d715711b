/* Two threads add one to a plain counter and to an interlocked one. The plain
   read-modify-write races: the explorer finds both totals, 1 and 2, and the
   race on Counter; the interlocked total is always 2. */
#include <ntddk.h>

static LONG Counter;
static LONG Safe;

static VOID Join(HANDLE Thread)
{
    PVOID object;
    if (NT_SUCCESS(ObReferenceObjectByHandle(Thread, SYNCHRONIZE, *PsThreadType, KernelMode, &object, NULL))) {
        KeWaitForSingleObject(object, Executive, KernelMode, FALSE, NULL);
        ObDereferenceObject(object);
    }
    ZwClose(Thread);
}

static VOID Worker(PVOID Context)
{
    UNREFERENCED_PARAMETER(Context);
    LONG seen = Counter;
    Counter = seen + 1;
    InterlockedIncrement(&Safe);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    HANDLE a, b;
    PsCreateSystemThread(&a, THREAD_ALL_ACCESS, NULL, NULL, NULL, Worker, NULL);
    PsCreateSystemThread(&b, THREAD_ALL_ACCESS, NULL, NULL, NULL, Worker, NULL);
    Join(a);
    Join(b);
    DbgPrint("counter = %ld, safe = %ld\n", Counter, Safe);
    return STATUS_SUCCESS;
}
