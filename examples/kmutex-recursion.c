/* @title KMutex recursion @group wdk-mutex crate @description A KMUTEX may be acquired again by the thread that owns it; each Lock needs its Unlock. */
/* @expect outcome=completed exit=0 print="acquired 4 times recursively" print="count = 4" */
#include <ntddk.h>
#include <wdkm.h>

static WDKM_KMUTEX *Mutex;

static ULONG Depth(ULONG Level)
{
    PVOID data;
    if (Level == 0 || WdkmKMutexLock(Mutex, &data) != WDKM_OK)
        return 0;
    ++*(ULONG *)data;
    ULONG below = Depth(Level - 1);
    WdkmKMutexUnlock(Mutex);
    return below + 1;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    ULONG count = 0;
    if (WdkmKMutexNew(sizeof(count), &count, &Mutex) != WDKM_OK)
        return STATUS_INSUFFICIENT_RESOURCES;
    DbgPrint("acquired %lu times recursively\n", Depth(4));
    WdkmKMutexIntoOwned(Mutex, &count);
    DbgPrint("count = %lu\n", count);
    return STATUS_SUCCESS;
}
/* @explore outcomes=completed complete=true */
