#include <ntddk.h>
#include <wdkm.h>

static WDKM_KMUTEX *Accounts;   /* KMutex<ULONG> */
static WDKM_KMUTEX *Audit;      /* KMutex<ULONG> */

static VOID Transfer(PVOID Context)     /* Accounts, then Audit */
{
    UNREFERENCED_PARAMETER(Context);
    PVOID accounts, audit;
    WdkmKMutexLock(Accounts, &accounts);
    WdkmKMutexLock(Audit, &audit);
    *(ULONG *)accounts += 1;
    *(ULONG *)audit += 1;
    WdkmKMutexUnlock(Audit);
    WdkmKMutexUnlock(Accounts);
}

static VOID Report(PVOID Context)       /* Audit, then Accounts */
{
    UNREFERENCED_PARAMETER(Context);
    PVOID accounts, audit;
    WdkmKMutexLock(Audit, &audit);
    WdkmKMutexLock(Accounts, &accounts);
    DbgPrint("report: %lu transfers\n", *(ULONG *)accounts);
    WdkmKMutexUnlock(Accounts);
    WdkmKMutexUnlock(Audit);
}

static VOID WaitForThread(HANDLE Thread)
{
    PVOID object;
    if (NT_SUCCESS(ObReferenceObjectByHandle(Thread, SYNCHRONIZE, *PsThreadType, KernelMode, &object, NULL))) {
        KeWaitForSingleObject(object, Executive, KernelMode, FALSE, NULL);
        ObDereferenceObject(object);
    }
    ZwClose(Thread);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    ULONG zero = 0;
    HANDLE a, b;
    if (WdkmKMutexNew(sizeof(ULONG), &zero, &Accounts) != WDKM_OK)
        return STATUS_INSUFFICIENT_RESOURCES;
    if (WdkmKMutexNew(sizeof(ULONG), &zero, &Audit) != WDKM_OK) {
        WdkmKMutexFree(Accounts);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    PsCreateSystemThread(&a, THREAD_ALL_ACCESS, NULL, NULL, NULL, Transfer, NULL);
    PsCreateSystemThread(&b, THREAD_ALL_ACCESS, NULL, NULL, NULL, Report, NULL);
    WaitForThread(a);
    WaitForThread(b);
    WdkmKMutexFree(Audit);
    WdkmKMutexFree(Accounts);
    return STATUS_SUCCESS;
}
