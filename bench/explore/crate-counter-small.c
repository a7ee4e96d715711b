/* Benchmark set: the crate's KMutex counter test scaled down: three threads
   add 2 each to a KMutex<ULONG> in pool; the total is always 6. */
#include <ntddk.h>
#include <wdkm.h>

static WDKM_KMUTEX *Mutex;

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
    PVOID data;
    UNREFERENCED_PARAMETER(Context);
    for (int i = 0; i < 2; i++) {
        WdkmKMutexLock(Mutex, &data);
        *(ULONG *)data += 1;
        WdkmKMutexUnlock(Mutex);
    }
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    HANDLE threads[3];
    ULONG zero = 0;
    PVOID data;
    if (WdkmKMutexNew(sizeof(ULONG), &zero, &Mutex) != WDKM_OK)
        return STATUS_INSUFFICIENT_RESOURCES;
    for (int i = 0; i < 3; i++)
        PsCreateSystemThread(&threads[i], THREAD_ALL_ACCESS, NULL, NULL, NULL, Worker, NULL);
    for (int i = 0; i < 3; i++)
        Join(threads[i]);
    WdkmKMutexLock(Mutex, &data);
    DbgPrint("counter = %lu\n", *(ULONG *)data);
    WdkmKMutexUnlock(Mutex);
    WdkmKMutexFree(Mutex);
    return STATUS_SUCCESS;
}
