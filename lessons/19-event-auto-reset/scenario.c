#include <ntddk.h>

static KEVENT Go;

static VOID WaitForThread(HANDLE Thread)
{
    PVOID object;
    if (NT_SUCCESS(ObReferenceObjectByHandle(Thread, SYNCHRONIZE, *PsThreadType, KernelMode, &object, NULL))) {
        KeWaitForSingleObject(object, Executive, KernelMode, FALSE, NULL);
        ObDereferenceObject(object);
    }
    ZwClose(Thread);
}

static VOID Waiter(PVOID Context)
{
    KeWaitForSingleObject(&Go, Executive, KernelMode, FALSE, NULL);
    DbgPrint("waiter %lu goes\n", (ULONG)(ULONG_PTR)Context);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    HANDLE a, b;
    KeInitializeEvent(&Go, SynchronizationEvent, FALSE);   /* auto-reset */
    PsCreateSystemThread(&a, THREAD_ALL_ACCESS, NULL, NULL, NULL, Waiter, (PVOID)1);
    PsCreateSystemThread(&b, THREAD_ALL_ACCESS, NULL, NULL, NULL, Waiter, (PVOID)2);
    KeStallExecutionProcessor(50);          /* both are waiting by now */
    KeSetEvent(&Go, IO_NO_INCREMENT, FALSE);
    WaitForThread(a);
    WaitForThread(b);
    DbgPrint("both went\n");
    return STATUS_SUCCESS;
}
