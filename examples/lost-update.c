/* @title Lost update @group races @description Three threads increment a global without a lock; the read-modify-write races and the total comes out short of 1500. */
/* @expect outcome=completed exit=0 print~="counter = (?!1500 )\d+ \(1500 expected\)" */
#include <ntddk.h>

static volatile LONG Counter;

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
    for (int i = 0; i < 500; i++) {
        LONG seen = Counter;   /* read ...             */
        Counter = seen + 1;    /* ... then write back */
    }
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    HANDLE threads[3];
    for (int i = 0; i < 3; i++)
        PsCreateSystemThread(&threads[i], THREAD_ALL_ACCESS, NULL, NULL, NULL, Worker, NULL);
    for (int i = 0; i < 3; i++)
        WaitForThread(threads[i]);
    DbgPrint("counter = %ld (1500 expected)\n", Counter);
    return STATUS_SUCCESS;
}
/* @explore outcomes=completed complete=false races=2 max-schedules=20 */
