/* @title FastMutex counter @group wdk-mutex crate @description Three threads add 1 to a FastMutex<ULONG> 500 times each; DriverEntry prints 1500. */
/* @expect outcome=completed exit=0 print="counter = 1500" */
#include <ntddk.h>
#include <wdkm.h>

#define THREADS 3
#define ROUNDS 500

static WDKM_FAST_MUTEX *Counter;

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
    for (int i = 0; i < ROUNDS; i++) {
        PVOID data;
        if (WdkmFastMutexLock(Counter, &data) != WDKM_OK)
            break;
        *(ULONG *)data += 1;
        WdkmFastMutexUnlock(Counter);
    }
    PsTerminateSystemThread(STATUS_SUCCESS);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    ULONG zero = 0, total = 0;
    HANDLE threads[THREADS];

    if (WdkmFastMutexNew(sizeof(ULONG), &zero, &Counter) != WDKM_OK)
        return STATUS_INSUFFICIENT_RESOURCES;
    for (int i = 0; i < THREADS; i++)
        PsCreateSystemThread(&threads[i], THREAD_ALL_ACCESS, NULL, NULL, NULL, Worker, NULL);
    for (int i = 0; i < THREADS; i++)
        WaitForThread(threads[i]);
    WdkmFastMutexIntoOwned(Counter, &total);
    DbgPrint("counter = %lu\n", total);
    ASSERT(total == THREADS * ROUNDS);
    return STATUS_SUCCESS;
}
/* @explore outcomes=completed complete=false races=0 max-schedules=5 */
