#include <ntddk.h>
#include <wdkm.h>

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
    WDKM_KMUTEX *hits;
    PVOID data;
    /* no global variable: the mutex is found by its label */
    if (WdkmGrtGetKMutex("hits", WDKM_TYPE(ULONG), &hits) != WDKM_OK)
        return;
    for (int i = 0; i < 4; i++) {
        if (WdkmKMutexLock(hits, &data) == WDKM_OK) {
            *(ULONG *)data += 1;
            WdkmKMutexUnlock(hits);
        }
    }
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    ULONG zero = 0;
    HANDLE a, b;
    WDKM_KMUTEX *hits;
    PVOID data;

    WdkmGrtInit();
    WdkmGrtRegisterKMutex("hits", WDKM_TYPE(ULONG), &zero);
    PsCreateSystemThread(&a, THREAD_ALL_ACCESS, NULL, NULL, NULL, Worker, NULL);
    PsCreateSystemThread(&b, THREAD_ALL_ACCESS, NULL, NULL, NULL, Worker, NULL);
    WaitForThread(a);
    WaitForThread(b);

    if (WdkmGrtGetKMutex("hits", WDKM_TYPE(LONG), &hits) != WDKM_OK)
        DbgPrint("hits as LONG: refused\n");
    if (WdkmGrtGetKMutex("hits", WDKM_TYPE(ULONG), &hits) == WDKM_OK && WdkmKMutexLock(hits, &data) == WDKM_OK) {
        DbgPrint("hits = %lu\n", *(ULONG *)data);
        WdkmKMutexUnlock(hits);
    }
    WdkmGrtDestroy();
    return STATUS_SUCCESS;
}
