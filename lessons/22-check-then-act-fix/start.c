#include <ntddk.h>
#include <wdkm.h>

static WDKM_KMUTEX *Cache;   /* created on first use */

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
    PVOID data;
    if (Cache == NULL) {                       /* check ... */
        WDKM_KMUTEX *fresh;
        if (WdkmKMutexNew(sizeof(ULONG), NULL, &fresh) != WDKM_OK)
            return;
        Cache = fresh;                         /* ... then act */
    }
    if (WdkmKMutexLock(Cache, &data) == WDKM_OK) {
        *(ULONG *)data += 1;
        WdkmKMutexUnlock(Cache);
    }
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    HANDLE a, b;
    ULONG uses = 0;
    PsCreateSystemThread(&a, THREAD_ALL_ACCESS, NULL, NULL, NULL, Worker, NULL);
    PsCreateSystemThread(&b, THREAD_ALL_ACCESS, NULL, NULL, NULL, Worker, NULL);
    WaitForThread(a);
    WaitForThread(b);
    WdkmKMutexIntoOwned(Cache, &uses);
    DbgPrint("uses = %lu\n", uses);
    return STATUS_SUCCESS;
}
