/* Benchmark set: check-then-act. Two threads see the flag clear and both
   initialise: the count can end at 2, and the flag's test and set race. */
#include <ntddk.h>
#include <wdkm.h>

static LONG Initialised;
static LONG Inits;

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
    if (Initialised == 0) {          /* check ...       */
        Initialised = 1;               /* ... then act    */
        InterlockedIncrement(&Inits);
    }
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
    DbgPrint("initialised %ld time(s)\n", Inits);
    return STATUS_SUCCESS;
}
