/* @title Lock-order deadlock @group deadlocks @description Thread A takes First then Second, thread B takes Second then First: with the wrong interleaving each waits for the other. On two CPUs or more the 10 us of work under the first lock makes the threads overlap, so every policy deadlocks, as Windows would; on one CPU some schedules get through. */
/* @expect outcome=deadlock exit=1 deadlock=2 finding=LOCK_HIERARCHY_VIOLATION */
#include <ntddk.h>
#include <wdkm.h>

static WDKM_KMUTEX *First;
static WDKM_KMUTEX *Second;

static VOID Take(WDKM_KMUTEX *Outer, WDKM_KMUTEX *Inner)
{
    PVOID a, b;
    for (int i = 0; i < 10; i++) {
        WdkmKMutexLock(Outer, &a);
        KeStallExecutionProcessor(10);   /* some work under Outer: the other thread gets going */
        WdkmKMutexLock(Inner, &b);
        WdkmKMutexUnlock(Inner);
        WdkmKMutexUnlock(Outer);
    }
}

static VOID DriverUnloadRoutine(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    WdkmKMutexFree(Second);
    WdkmKMutexFree(First);
}

static VOID ThreadA(PVOID Context) { UNREFERENCED_PARAMETER(Context); Take(First, Second); }
static VOID ThreadB(PVOID Context) { UNREFERENCED_PARAMETER(Context); Take(Second, First); }

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(RegistryPath);
    HANDLE a, b;
    if (WdkmKMutexNew(0, NULL, &First) != WDKM_OK)
        return STATUS_INSUFFICIENT_RESOURCES;
    if (WdkmKMutexNew(0, NULL, &Second) != WDKM_OK) {
        WdkmKMutexFree(First);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    /* Frees the mutexes when the run gets through: only on one CPU, under a lucky schedule. */
    DriverObject->DriverUnload = DriverUnloadRoutine;
    PsCreateSystemThread(&a, THREAD_ALL_ACCESS, NULL, NULL, NULL, ThreadA, NULL);
    PsCreateSystemThread(&b, THREAD_ALL_ACCESS, NULL, NULL, NULL, ThreadB, NULL);
    ZwClose(a);
    ZwClose(b);
    return STATUS_SUCCESS;
}
/* @explore outcomes=completed,deadlock complete=false max-schedules=300 */
