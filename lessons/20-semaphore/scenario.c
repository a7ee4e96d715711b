#include <ntddk.h>

static KSEMAPHORE Slots;
static volatile LONG Inside, MostInside;

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
    UNREFERENCED_PARAMETER(Context);
    KeWaitForSingleObject(&Slots, Executive, KernelMode, FALSE, NULL);
    LONG now = InterlockedIncrement(&Inside);
    if (now > MostInside)
        InterlockedExchange(&MostInside, now);
    KeStallExecutionProcessor(100);         /* work while holding a slot */
    InterlockedDecrement(&Inside);
    KeReleaseSemaphore(&Slots, IO_NO_INCREMENT, 1, FALSE);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    HANDLE t[4];
    KeInitializeSemaphore(&Slots, 2, 2);    /* two slots */
    for (int i = 0; i < 4; i++)
        PsCreateSystemThread(&t[i], THREAD_ALL_ACCESS, NULL, NULL, NULL, Worker, NULL);
    for (int i = 0; i < 4; i++)
        WaitForThread(t[i]);
    DbgPrint("at most %ld workers inside at once\n", MostInside);
    return STATUS_SUCCESS;
}
