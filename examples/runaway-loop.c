/* @title Runaway loop @group budget @description DriverEntry polls for a flag its worker never sets: the run stops when its step budget is spent instead of hanging. */
/* @expect outcome=budget exit=1 */
#include <ntddk.h>

static volatile LONG Ready;

static VOID Worker(PVOID Context)
{
    /* The bug: an early return on a path that was meant to be rare skips the signal. */
    if (Context == NULL)
        return;
    InterlockedExchange(&Ready, 1);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    HANDLE thread;
    if (!NT_SUCCESS(PsCreateSystemThread(&thread, THREAD_ALL_ACCESS, NULL, NULL, NULL, Worker, NULL)))
        return STATUS_UNSUCCESSFUL;
    ZwClose(thread);
    while (!Ready)
        KeStallExecutionProcessor(10);   /* polls for ever: a KEVENT and KeWaitForSingleObject would have slept */
    return STATUS_SUCCESS;
}
/* @explore outcomes=none complete=false max-schedules=1 */
