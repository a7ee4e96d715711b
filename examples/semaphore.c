/* @title Semaphore @group events @description A semaphore with a limit of 2 lets at most two of four workers into the section at once. */
/* @expect outcome=completed exit=0 print="at most 2 workers inside at once" */
#include <ntddk.h>

#define WORKERS 4

static KSEMAPHORE Slots;
static volatile LONG Inside;
static volatile LONG MostInside;

static VOID Worker(PVOID Context)
{
    UNREFERENCED_PARAMETER(Context);
    LARGE_INTEGER pause;
    pause.QuadPart = -10000; /* 1 ms, relative */
    KeWaitForSingleObject(&Slots, Executive, KernelMode, FALSE, NULL);
    LONG now = InterlockedIncrement(&Inside);
    if (now > MostInside)
        InterlockedExchange(&MostInside, now);
    KeDelayExecutionThread(KernelMode, FALSE, &pause);
    InterlockedDecrement(&Inside);
    KeReleaseSemaphore(&Slots, IO_NO_INCREMENT, 1, FALSE);
}

/* Runs once every worker has finished. */
static VOID DriverUnloadRoutine(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    DbgPrint("at most %ld workers inside at once\n", MostInside);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(RegistryPath);
    HANDLE threads[WORKERS];
    KeInitializeSemaphore(&Slots, 2, 2);
    DriverObject->DriverUnload = DriverUnloadRoutine;
    for (int i = 0; i < WORKERS; i++) {
        PsCreateSystemThread(&threads[i], THREAD_ALL_ACCESS, NULL, NULL, NULL, Worker, NULL);
        ZwClose(threads[i]);
    }
    return STATUS_SUCCESS;
}

/* The timeline shows at most two workers between the wait and the release. */
/* @explore outcomes=completed complete=false races=0 max-schedules=100 */
