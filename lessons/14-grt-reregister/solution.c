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

static VOID Counter(PVOID Context)
{
    UNREFERENCED_PARAMETER(Context);
    WDKM_KMUTEX *hits;
    PVOID data;
    if (WdkmGrtGetKMutex("hits", WDKM_TYPE(ULONG), &hits) != WDKM_OK)
        return;
    for (int i = 0; i < 3; i++) {
        if (WdkmKMutexLock(hits, &data) == WDKM_OK) {
            *(ULONG *)data += 1;
            WdkmKMutexUnlock(hits);
        }
        KeStallExecutionProcessor(5);
    }
}

static VOID Reset(PVOID Context)
{
    UNREFERENCED_PARAMETER(Context);
    KeStallExecutionProcessor(2);   /* re-register after Counter's lookup, before its next Lock */
    ULONG zero = 0;
    WDKM_STATUS status = WdkmGrtRegisterKMutex("hits", WDKM_TYPE(ULONG), &zero);
    DbgPrint("register hits again: %s\n", WdkmStatusName(status));
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    ULONG zero = 0;
    HANDLE a, b;
    WdkmGrtInit();
    WdkmGrtRegisterKMutex("hits", WDKM_TYPE(ULONG), &zero);
    PsCreateSystemThread(&a, THREAD_ALL_ACCESS, NULL, NULL, NULL, Counter, NULL);
    PsCreateSystemThread(&b, THREAD_ALL_ACCESS, NULL, NULL, NULL, Reset, NULL);
    WaitForThread(a);
    WaitForThread(b);
    WdkmGrtDestroy();
    return STATUS_SUCCESS;
}
