/* @title Event handshake @group events @description Two threads take turns with a pair of synchronization events: ping, pong, five times. */
/* @expect outcome=completed exit=0 print="rallies = 5" */
#include <ntddk.h>

static KEVENT Ping;
static KEVENT Pong;
static LONG Rallies;

static VOID Ponger(PVOID Context)
{
    UNREFERENCED_PARAMETER(Context);
    for (int i = 0; i < 5; i++) {
        KeWaitForSingleObject(&Ping, Executive, KernelMode, FALSE, NULL);
        InterlockedIncrement(&Rallies);
        KeSetEvent(&Pong, IO_NO_INCREMENT, FALSE);
    }
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    HANDLE thread;
    KeInitializeEvent(&Ping, SynchronizationEvent, FALSE);
    KeInitializeEvent(&Pong, SynchronizationEvent, FALSE);
    if (!NT_SUCCESS(PsCreateSystemThread(&thread, THREAD_ALL_ACCESS, NULL, NULL, NULL, Ponger, NULL)))
        return STATUS_UNSUCCESSFUL;
    ZwClose(thread);
    for (int i = 0; i < 5; i++) {
        KeSetEvent(&Ping, IO_NO_INCREMENT, FALSE);
        KeWaitForSingleObject(&Pong, Executive, KernelMode, FALSE, NULL);
    }
    DbgPrint("rallies = %ld\n", Rallies);
    return STATUS_SUCCESS;
}
/* @explore outcomes=completed complete=true races=0 */
