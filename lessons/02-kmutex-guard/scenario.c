#include <ntddk.h>
#include <wdkm.h>

static WDKM_KMUTEX *Counter;   /* KMutex<ULONG>: the lock owns the counter */

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
    for (int i = 0; i < 3; i++) {
        PVOID data;                                   /* the guard's view of the data */
        if (WdkmKMutexLock(Counter, &data) != WDKM_OK)
            return;
        ULONG seen = *(ULONG *)data;                  /* read ...            */
        *(ULONG *)data = seen + 1;                    /* ... then write back */
        WdkmKMutexUnlock(Counter);                    /* the guard is dropped */
    }
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    ULONG zero = 0, total = 0;
    HANDLE a, b;
    if (WdkmKMutexNew(sizeof(ULONG), &zero, &Counter) != WDKM_OK)
        return STATUS_INSUFFICIENT_RESOURCES;
    PsCreateSystemThread(&a, THREAD_ALL_ACCESS, NULL, NULL, NULL, Worker, NULL);
    PsCreateSystemThread(&b, THREAD_ALL_ACCESS, NULL, NULL, NULL, Worker, NULL);
    WaitForThread(a);
    WaitForThread(b);
    WdkmKMutexIntoOwned(Counter, &total);   /* takes the value out and frees the mutex */
    DbgPrint("counter = %lu\n", total);
    return STATUS_SUCCESS;
}
