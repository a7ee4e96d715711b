#include <ntddk.h>

static LONG Counter;

static VOID WaitForThread(HANDLE Thread)
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
    /* "Fixed": the second worker starts a little later, so they never overlap. */
    if (Context != NULL) {
        LARGE_INTEGER delay;
        delay.QuadPart = -10 * 100;    /* 100 us */
        KeDelayExecutionThread(KernelMode, FALSE, &delay);
    }
    LONG seen = Counter;
    Counter = seen + 1;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    HANDLE a, b;
    PsCreateSystemThread(&a, THREAD_ALL_ACCESS, NULL, NULL, NULL, Worker, NULL);
    PsCreateSystemThread(&b, THREAD_ALL_ACCESS, NULL, NULL, NULL, Worker, (PVOID)1);
    WaitForThread(a);
    WaitForThread(b);
    DbgPrint("counter = %ld\n", Counter);
    ASSERT(Counter == 2);
    return STATUS_SUCCESS;
}
