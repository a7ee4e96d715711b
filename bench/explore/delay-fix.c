/* A "fix" by delay: thread B sleeps 10 ms before taking the locks in the
   other order. Timed runs never deadlock; the explorer fires the delay
   whenever it likes, so it still finds the deadlock. */
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

static VOID ThreadB(PVOID Context)
{
    LARGE_INTEGER delay;
    UNREFERENCED_PARAMETER(Context);
    delay.QuadPart = -100000;             /* 10 ms */
    KeDelayExecutionThread(KernelMode, FALSE, &delay);
    Take(Second, First);
}

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
