#include <ntddk.h>
#include <wdkm.h>

static WDKM_FAST_MUTEX *Log;   /* FastMutex<ULONG>: how many lines were logged */

static VOID LogLine(PCSTR Text)
{
    PVOID data;
    if (WdkmFastMutexLock(Log, &data) != WDKM_OK)
        return;
    *(ULONG *)data += 1;
    DbgPrint("%s\n", Text);
    WdkmFastMutexUnlock(Log);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    ULONG zero = 0, lines = 0;
    PVOID data;
    if (WdkmFastMutexNew(sizeof(ULONG), &zero, &Log) != WDKM_OK)
        return STATUS_INSUFFICIENT_RESOURCES;

    WdkmFastMutexLock(Log, &data);
    *(ULONG *)data += 1;                /* count the first line ourselves */
    LogLine("inside the lock");         /* a FAST_MUTEX is not recursive */
    WdkmFastMutexUnlock(Log);

    WdkmFastMutexIntoOwned(Log, &lines);
    DbgPrint("lines = %lu\n", lines);
    return STATUS_SUCCESS;
}
