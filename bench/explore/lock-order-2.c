/* Thread A takes First then Second, thread B Second then First, once each:
   one interleaving deadlocks. */
#include <ntddk.h>
#include <wdkm.h>

static WDKM_KMUTEX *First;
static WDKM_KMUTEX *Second;

static VOID Take(WDKM_KMUTEX *Outer, WDKM_KMUTEX *Inner)
{
    PVOID a, b;
    WdkmKMutexLock(Outer, &a);
    WdkmKMutexLock(Inner, &b);
    WdkmKMutexUnlock(Inner);
    WdkmKMutexUnlock(Outer);
}

static VOID ThreadA(PVOID Context) { UNREFERENCED_PARAMETER(Context); Take(First, Second); }
static VOID ThreadB(PVOID Context) { UNREFERENCED_PARAMETER(Context); Take(Second, First); }

static VOID Unload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    WdkmKMutexFree(Second);
    WdkmKMutexFree(First);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(RegistryPath);
    HANDLE a, b;
    WdkmKMutexNew(0, NULL, &First);
    WdkmKMutexNew(0, NULL, &Second);
    DriverObject->DriverUnload = Unload;
    PsCreateSystemThread(&a, THREAD_ALL_ACCESS, NULL, NULL, NULL, ThreadA, NULL);
    PsCreateSystemThread(&b, THREAD_ALL_ACCESS, NULL, NULL, NULL, ThreadB, NULL);
    ZwClose(a);
    ZwClose(b);
    return STATUS_SUCCESS;
}
