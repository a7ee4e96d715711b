/* Benchmark set: 2 threads take 3 KMUTEXes in the same order,
   2 time(s) each, adding to a counter under them. No deadlock, no race. */
#include <ntddk.h>
#include <wdkm.h>

#define THREADS 2
#define LOCKS 3
#define ROUNDS 2

static WDKM_KMUTEX *Locks[LOCKS];
static LONG Counter;

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
    PVOID guard;
    UNREFERENCED_PARAMETER(Context);
    for (int r = 0; r < ROUNDS; r++) {
        for (int i = 0; i < LOCKS; i++)
            WdkmKMutexLock(Locks[i], &guard);
        Counter = Counter + 1;
        for (int i = LOCKS - 1; i >= 0; i--)
            WdkmKMutexUnlock(Locks[i]);
    }
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    HANDLE threads[THREADS];
    for (int i = 0; i < LOCKS; i++)
        WdkmKMutexNew(0, NULL, &Locks[i]);
    for (int i = 0; i < THREADS; i++)
        PsCreateSystemThread(&threads[i], THREAD_ALL_ACCESS, NULL, NULL, NULL, Worker, NULL);
    for (int i = 0; i < THREADS; i++)
        Join(threads[i]);
    for (int i = 0; i < LOCKS; i++)
        WdkmKMutexFree(Locks[i]);
    DbgPrint("counter = %ld\n", Counter);
    return STATUS_SUCCESS;
}
