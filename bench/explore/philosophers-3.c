/* Benchmark set: 3 dining philosophers, each takes the fork on the left,
   then the one on the right; one interleaving deadlocks. */
#include <ntddk.h>
#include <wdkm.h>

#define N 3

static WDKM_KMUTEX *Forks[N];

static VOID Philosopher(PVOID Context)
{
    ULONG i = (ULONG)(ULONG_PTR)Context;
    PVOID left, right;
    WdkmKMutexLock(Forks[i], &left);
    WdkmKMutexLock(Forks[(i + 1) % N], &right);
    WdkmKMutexUnlock(Forks[(i + 1) % N]);
    WdkmKMutexUnlock(Forks[i]);
}

static VOID Unload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    for (int i = 0; i < N; i++)
        WdkmKMutexFree(Forks[i]);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(RegistryPath);
    HANDLE h;
    for (int i = 0; i < N; i++)
        WdkmKMutexNew(0, NULL, &Forks[i]);
    DriverObject->DriverUnload = Unload;
    for (ULONG i = 0; i < N; i++) {
        PsCreateSystemThread(&h, THREAD_ALL_ACCESS, NULL, NULL, NULL, Philosopher, (PVOID)(ULONG_PTR)i);
        ZwClose(h);
    }
    return STATUS_SUCCESS;
}
