/* @title Lock-order deadlock @group deadlocks @description Thread A takes First then Second, thread B takes Second then First: with the wrong interleaving each waits for the other. */
#include <ntddk.h>
#include <wdkm.h>

static WDKM_KMUTEX *First;
static WDKM_KMUTEX *Second;

static VOID Take(WDKM_KMUTEX *Outer, WDKM_KMUTEX *Inner)
{
    PVOID a, b;
    for (int i = 0; i < 10; i++) {
        WdkmKMutexLock(Outer, &a);
        WdkmKMutexLock(Inner, &b);
        WdkmKMutexUnlock(Inner);
        WdkmKMutexUnlock(Outer);
    }
}

static VOID ThreadA(PVOID Context) { UNREFERENCED_PARAMETER(Context); Take(First, Second); }
static VOID ThreadB(PVOID Context) { UNREFERENCED_PARAMETER(Context); Take(Second, First); }

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    HANDLE a, b;
    if (WdkmKMutexNew(0, NULL, &First) != WDKM_OK || WdkmKMutexNew(0, NULL, &Second) != WDKM_OK)
        return STATUS_INSUFFICIENT_RESOURCES;
    PsCreateSystemThread(&a, THREAD_ALL_ACCESS, NULL, NULL, NULL, ThreadA, NULL);
    PsCreateSystemThread(&b, THREAD_ALL_ACCESS, NULL, NULL, NULL, ThreadB, NULL);
    ZwClose(a);
    ZwClose(b);
    return STATUS_SUCCESS;
}
