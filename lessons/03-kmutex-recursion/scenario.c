#include <ntddk.h>
#include <wdkm.h>

static WDKM_KMUTEX *Log;   /* KMutex<ULONG>: how many lines were logged */

static VOID LogLine(PCSTR Text)
{
    PVOID data;
    if (WdkmKMutexLock(Log, &data) != WDKM_OK)
        return;
    *(ULONG *)data += 1;
    DbgPrint("%s\n", Text);
    WdkmKMutexUnlock(Log);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    ULONG zero = 0, lines = 0;
    PVOID data;
    if (WdkmKMutexNew(sizeof(ULONG), &zero, &Log) != WDKM_OK)
        return STATUS_INSUFFICIENT_RESOURCES;

    WdkmKMutexLock(Log, &data);         /* DriverEntry holds the mutex ...        */
    LogLine("inside the lock");         /* ... and LogLine locks it again        */
    WdkmKMutexUnlock(Log);

    WdkmKMutexIntoOwned(Log, &lines);
    DbgPrint("lines = %lu\n", lines);
    return STATUS_SUCCESS;
}
